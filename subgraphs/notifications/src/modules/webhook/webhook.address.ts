import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Where a webhook may point. A hub that POSTs to any address its users name can be made to reach
 * its own network (SSRF): without WEBHOOKS_ALLOW_PRIVATE only `https://` to public addresses is
 * allowed, checked on `createWebhook` for what the URL says and on every delivery for what its host
 * resolves to (a name may be pointed at 127.0.0.1 after the check).
 */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  PRIVATE.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  PRIVATE.addSubnet(network, prefix, 'ipv6');

/** True for loopback, private, link-local, shared, unique-local, multicast and unspecified addresses. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return PRIVATE.check(address, 'ipv4');
  if (family !== 6) return false;
  // An IPv4 address written as IPv6 (::ffff:127.0.0.1) is that IPv4 address.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? PRIVATE.check(mapped[1]!, 'ipv4') : PRIVATE.check(address, 'ipv6');
}

/** The host of a URL without IPv6 brackets. */
const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();

/** Why `url` cannot be a webhook's address, or null when it can. */
export function urlProblem(value: string, allowPrivate: boolean): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'not a URL';
  }
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:'))
    return allowPrivate ? 'a webhook URL starts with https:// or http://' : 'a webhook URL starts with https://';
  if (url.username || url.password) return 'a webhook URL carries no credentials; the signature proves the sender';
  if (allowPrivate) return null;
  const host = hostOf(url);
  if (host === 'localhost' || host.endsWith('.localhost')) return 'a webhook URL may not point at localhost';
  if (isPrivateAddress(host)) return 'a webhook URL may not point at a private, loopback or link-local address';
  return null;
}

/**
 * A `lookup` for http(s).request that refuses private addresses: the check happens where the
 * connection is made, so a name re-pointed between a check and the connection cannot slip through.
 */
export function publicLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : Number(options.family ?? 0);
  lookup(hostname, { family, hints: options.hints, all: true }).then(
    (addresses) => {
      const refused = addresses.find((a) => isPrivateAddress(a.address));
      if (refused)
        return callback(new Error(`refused: ${hostname} resolves to the private address ${refused.address}`));
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    },
    (error: NodeJS.ErrnoException) => callback(error),
  );
}

type LookupOptions = { family?: number | string; hints?: number; all?: boolean };
type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address?: string | { address: string; family: number }[],
  family?: number,
) => void;

import { createHash } from 'node:crypto';

const NAMESPACE = 'ngo-hub';

/**
 * A name-based UUID (version 5 layout, SHA-1) for demo records. Every subgraph derives the same id
 * from the same name, so seeds agree on federation keys without reading each other's tables,
 * and re-seeding upserts instead of duplicating.
 */
export function stableUuid(name: string): string {
  const hash = createHash('sha1').update(`${NAMESPACE}:${name}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

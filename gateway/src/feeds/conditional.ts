import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** How many feed URLs the gateway remembers a first-served time for; the oldest is forgotten first. */
const REMEMBERED_URLS = 5000;

/**
 * When each feed URL's current body was first served by this process. A feed's Last-Modified cannot
 * come from its items' `updatedAt`: an item that is deleted, moves out of the filter or stops being
 * upcoming changes the feed without touching any date in it. So Last-Modified is the moment this
 * gateway first sent the body it sends now; a forgotten URL or a restart only makes it later (an
 * extra 200, never a wrong 304).
 */
export class FirstServed {
  private readonly seen = new Map<string, { etag: string; since: number }>();

  constructor(private readonly limit = REMEMBERED_URLS) {}

  /** Seconds since the epoch (HTTP dates have no finer precision). */
  since(url: string, etag: string, now = Date.now()): number {
    const known = this.seen.get(url);
    this.seen.delete(url);
    // A change within the second the previous body was first served still moves the date on, or an
    // If-Modified-Since of that second would wrongly match the new body.
    const since = known?.etag === etag ? known.since : Math.max(Math.floor(now / 1000), known ? known.since + 1 : 0);
    this.seen.set(url, { etag, since });
    if (this.seen.size > this.limit) this.seen.delete(this.seen.keys().next().value!);
    return since;
  }
}

/**
 * A weak validator: the same feed is sent gzip-, br- or un-compressed, which are byte-wise different
 * representations of one content (RFC 9110 §8.8.1), and a weak ETag stays valid across them.
 */
export function weakEtag(body: string): string {
  return `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** If-None-Match with weak comparison (RFC 9110 §13.1.2): any listed tag, W/ or not, or `*`. */
function noneMatch(header: string, etag: string): boolean {
  const opaque = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === opaque;
  });
}

/**
 * Sends a built feed with ETag, Last-Modified and the headers already set on `reply`, or `304 Not
 * Modified` when the caller's copy is current: If-None-Match decides when given, If-Modified-Since
 * only otherwise (RFC 9110 §13.2.2).
 */
export function sendFeed(request: FastifyRequest, reply: FastifyReply, body: string, served: FirstServed) {
  const etag = weakEtag(body);
  const since = served.since(request.url, etag);
  reply.header('etag', etag).header('last-modified', new Date(since * 1000).toUTCString());
  const ifNoneMatch = request.headers['if-none-match'];
  const ifModifiedSince = request.headers['if-modified-since'];
  let current = false;
  if (ifNoneMatch) current = noneMatch(ifNoneMatch, etag);
  else if (ifModifiedSince) {
    const date = Date.parse(ifModifiedSince);
    current = !Number.isNaN(date) && since * 1000 <= date;
  }
  if (current) {
    reply.removeHeader('content-type');
    reply.removeHeader('content-disposition');
    return reply.code(304).send();
  }
  return reply.send(body);
}

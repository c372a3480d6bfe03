import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type FirstServed, sendFeed } from './conditional.js';
import { FeedError, feedHeaders, sendFeedError } from './graphql.js';

/**
 * Atom 1.0 (RFC 4287) and JSON Feed 1.1 from one list of entries. Written here rather than with
 * the `feed` package: its Atom writer puts a `<link/>` without `href` into an entry that has no URL
 * (invalid Atom) and marks plain titles as `type="html"` (a `<` in a title would become markup), and
 * its JSON writer is JSON Feed 1.0.
 */

export interface SyndicationEntry {
  /** A URI: `urn:uuid:<hub id>`. */
  id: string;
  title: string;
  /** RFC 3339 date-time of the entry's last significant change. */
  updated: string;
  /** RFC 3339 date-time of first publication, when known. */
  published?: string;
  url: string | null;
  /** Plain text, in Polish. */
  summary: string;
  categories: string[];
}

export interface SyndicationFeed {
  /** A URI naming this feed with its filters, stable across fetches and hosts. */
  id: string;
  title: string;
  /** Plain text; for a cut feed, says so (see `truncationNote`). */
  subtitle: string;
  /** Absolute URLs of this feed in each format. */
  self: { atom: string; json: string };
  entries: SyndicationEntry[];
  truncated: boolean;
}

/** An empty feed has no entry to date it by; a fixed date keeps its body (and ETag) stable. */
const EMPTY_FEED_UPDATED = '1970-01-01T00:00:00Z';

/** The note a cut feed carries in its subtitle (Atom) and description (JSON Feed), in Polish. */
export function truncationNote(cap: number, order: string): string {
  return `Lista skrócona do ${cap} pozycji (${order}); pełna lista w API GraphQL.`;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** XML text or attribute value; drops the control characters XML 1.0 cannot carry. */
function xml(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters XML 1.0 forbids
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/[&<>"]/g, (c) => XML_ESCAPES[c]!)
  );
}

/** The newest entry's date (RFC 3339 strings of mixed offsets compare as instants). */
function feedUpdated(entries: SyndicationEntry[]): string {
  let newest: SyndicationEntry | undefined;
  for (const entry of entries) if (!newest || Date.parse(entry.updated) > Date.parse(newest.updated)) newest = entry;
  return newest?.updated ?? EMPTY_FEED_UPDATED;
}

export function atom(feed: SyndicationFeed): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="pl">',
    `  <id>${xml(feed.id)}</id>`,
    `  <title type="text">${xml(feed.title)}</title>`,
    `  <subtitle type="text">${xml(feed.subtitle)}</subtitle>`,
    `  <updated>${feedUpdated(feed.entries)}</updated>`,
    '  <author><name>ngo-hub</name></author>',
    `  <link rel="self" type="application/atom+xml" href="${xml(feed.self.atom)}"/>`,
    `  <link rel="alternate" type="application/feed+json" href="${xml(feed.self.json)}"/>`,
    '  <generator>ngo-hub</generator>',
  ];
  for (const entry of feed.entries) {
    lines.push(
      '  <entry>',
      `    <id>${xml(entry.id)}</id>`,
      `    <title type="text">${xml(entry.title)}</title>`,
      `    <updated>${entry.updated}</updated>`,
    );
    if (entry.published) lines.push(`    <published>${entry.published}</published>`);
    // Atom wants an alternate link or content: an entry without a web page carries its text as content.
    if (entry.url) lines.push(`    <link rel="alternate" href="${xml(entry.url)}"/>`);
    lines.push(`    <summary type="text">${xml(entry.summary)}</summary>`);
    if (!entry.url) lines.push(`    <content type="text">${xml(entry.summary)}</content>`);
    for (const category of entry.categories) lines.push(`    <category term="${xml(category)}"/>`);
    lines.push('  </entry>');
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}

/** JSON Feed 1.1; `_ngo_hub.truncated` (an extension, as the spec allows) repeats X-Feed-Truncated. */
export function jsonFeed(feed: SyndicationFeed): string {
  return JSON.stringify(
    {
      version: 'https://jsonfeed.org/version/1.1',
      title: feed.title,
      description: feed.subtitle,
      feed_url: feed.self.json,
      language: 'pl',
      authors: [{ name: 'ngo-hub' }],
      _ngo_hub: { truncated: feed.truncated },
      items: feed.entries.map((entry) => ({
        id: entry.id,
        ...(entry.url ? { url: entry.url } : {}),
        title: entry.title,
        content_text: entry.summary,
        ...(entry.published ? { date_published: entry.published } : {}),
        date_modified: entry.updated,
        tags: entry.categories,
      })),
    },
    null,
    2,
  );
}

/** A feed id that names the feed and its filters, whichever host serves it (RFC 4151 tag URI). */
export function feedId(name: string, filter: object): string {
  const given = Object.entries(filter)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');
  return `tag:ngo-hub,2026:feeds/${name}${given ? `?${given}` : ''}`;
}

/**
 * `GET /feeds/<name>.atom` and `/feeds/<name>.json` (JSON Feed 1.1), both built by `build` from the
 * request; `self` holds the two absolute URLs with the caller's query.
 */
export function registerSyndication(
  app: FastifyInstance,
  name: string,
  served: FirstServed,
  build: (request: FastifyRequest, self: SyndicationFeed['self']) => Promise<SyndicationFeed>,
): void {
  const formats = [
    { ext: 'atom', type: 'application/atom+xml; charset=utf-8', write: atom },
    { ext: 'json', type: 'application/feed+json; charset=utf-8', write: jsonFeed },
  ] as const;
  for (const format of formats) {
    app.get(`/feeds/${name}.${format.ext}`, async (request, reply) => {
      try {
        const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
        const base = `${request.protocol}://${request.host}/feeds/${name}`;
        const feed = await build(request, { atom: `${base}.atom${query}`, json: `${base}.json${query}` });
        feedHeaders(reply, format.type, `ngo-hub-${name}.${format.ext}`, { truncated: feed.truncated }, 'inline');
        return sendFeed(request, reply, format.write(feed), served);
      } catch (error) {
        if (!(error instanceof FeedError)) request.log.error(error);
        return sendFeedError(reply, error);
      }
    });
  }
}

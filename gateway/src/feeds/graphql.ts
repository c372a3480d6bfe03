import type { Identity } from '@ngo-hub/kit/identity';
import type { ApolloServer, BaseContext } from '@apollo/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GraphQLFormattedError } from 'graphql';
import type { FirstServed } from './conditional.js';

/** The context the gateway's Apollo Server expects (the same shape as its own request context). */
export interface FeedContext extends BaseContext {
  authorization?: string;
  /** Always null: a feed is public whoever asks, so it can never carry personal data (docs/access.md). */
  identity: Identity | null;
  cost: { sqlStatements: number; subgraphFetches: number };
}

export type FeedApollo = ApolloServer<FeedContext>;

/**
 * Most items one feed collects (pages of 100 until done, at most this many). A feed that reaches
 * it says so in the `X-Feed-Truncated: true` header rather than paging on without bound.
 */
export const FEED_ITEM_CAP = 10_000;
export const FEED_PAGE_SIZE = 100;

/** What every feed route shares: its item cap (FEED_ITEM_CAP; smaller in tests) and the Last-Modified memory. */
export interface FeedSettings {
  itemCap: number;
  served: FirstServed;
}

/** Feeds change when the hub's data does; a calendar app or a portal may keep a copy for 5 minutes. */
export const FEED_CACHE_CONTROL = 'public, max-age=300';

/** Codes the subgraphs use for a caller's mistake: they become HTTP 400 with the error's own code. */
const CLIENT_CODES = new Set(['BAD_USER_INPUT', 'NOT_FOUND']);

/**
 * A failure the feed turns into a JSON body `{ error: { code, field, message } }`: 400 for the
 * caller's mistakes (bad TERC code, non-UUID id), 503 when the hub could not answer in full.
 */
export class FeedError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'FeedError';
  }
}

/** Maps the GraphQL argument path a subgraph names (`filter.territory`) to the feed's URL parameter. */
export type FieldMap = Record<string, string>;

export function toFeedError(errors: readonly GraphQLFormattedError[], fields: FieldMap): FeedError {
  const client = errors.find((e) => CLIENT_CODES.has(String(e.extensions?.code)));
  if (client) {
    // The response path root names the lookup that failed (`organisation(id:)` → "organisation");
    // otherwise the argument path the subgraph reports (`filter.territory` → "territory").
    const root = typeof client.path?.[0] === 'string' ? fields[client.path[0]] : undefined;
    const graphqlField = typeof client.extensions?.field === 'string' ? client.extensions.field : undefined;
    const field = root ?? (graphqlField ? (fields[graphqlField] ?? graphqlField) : undefined);
    return new FeedError(400, String(client.extensions!.code), client.message, field);
  }
  // Anything else (a subgraph down, a timeout): a feed is published whole or not at all, so that a
  // subscribed calendar never drops events just because one service was briefly away.
  const first = errors[0]!;
  const code = typeof first.extensions?.code === 'string' ? first.extensions.code : 'INTERNAL_SERVER_ERROR';
  return new FeedError(503, code, first.message);
}

/**
 * The code of a response the gateway could not complete: a subgraph answered, but a non-null field
 * came back null (e.g. an entity another subgraph refers to could not be resolved), and the null
 * spread up to the root. The gateway reports it in `extensions.valueCompletion`, not in `errors`.
 * A feed may retry such a page in a form that tolerates it; otherwise it is a 503, like any answer
 * the hub could not give in full, never a 500 for everyone.
 */
export const INCOMPLETE_DATA = 'INCOMPLETE_DATA';

/** Runs one operation in-process through the gateway's Apollo Server, keeping partial results. */
export async function executeQuery<T>(
  apollo: FeedApollo,
  query: string,
  variables: Record<string, unknown>,
): Promise<{ data: T | null; errors: readonly GraphQLFormattedError[] }> {
  const response = await apollo.executeOperation<T>(
    { query, variables },
    { contextValue: { identity: null, cost: { sqlStatements: 0, subgraphFetches: 0 } } },
  );
  if (response.body.kind !== 'single')
    throw new FeedError(500, 'INTERNAL_SERVER_ERROR', 'unexpected incremental response');
  const { data, errors } = response.body.singleResult;
  return { data: (data ?? null) as T | null, errors: errors ?? [] };
}

/** Runs one operation in-process through the gateway's Apollo Server (same plan, limits, subgraphs). */
export async function runQuery<T>(
  apollo: FeedApollo,
  query: string,
  variables: Record<string, unknown>,
  fields: FieldMap,
): Promise<T> {
  const { data, errors } = await executeQuery<T>(apollo, query, variables);
  if (errors.length) throw toFeedError(errors, fields);
  if (!data) throw new FeedError(503, INCOMPLETE_DATA, 'the hub could not complete the answer; try again later');
  return data;
}

interface Connection<N> {
  edges: { node: N }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export interface Collected<N> {
  items: N[];
  /** True when the cap stopped the paging before the list ended. */
  truncated: boolean;
}

/**
 * Pages through a Relay connection with `first: 100` and `after` until `hasNextPage` is false or
 * FEED_ITEM_CAP items are in hand. The query (or page function) must take `$first: Int!` and `$after: String`;
 * `pick` finds the connection in the response data.
 */
export async function collectPages<D, N>(
  apollo: FeedApollo,
  query: string | ((variables: Record<string, unknown>) => Promise<D>),
  variables: Record<string, unknown>,
  pick: (data: D) => Connection<N> | null | undefined,
  fields: FieldMap,
  cap = FEED_ITEM_CAP,
): Promise<Collected<N>> {
  // A function instead of a query runs each page itself (e.g. with a fallback for an incomplete answer).
  const page =
    typeof query === 'string' ? (v: Record<string, unknown>) => runQuery<D>(apollo, query, v, fields) : query;
  const items: N[] = [];
  let after: string | null = null;
  for (;;) {
    const data: D = await page({ ...variables, first: Math.min(FEED_PAGE_SIZE, cap - items.length), after });
    const connection = pick(data);
    if (!connection) throw new FeedError(503, 'SUBGRAPH_UNAVAILABLE', 'the list could not be read from the hub');
    for (const edge of connection.edges) items.push(edge.node);
    if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) return { items, truncated: false };
    if (items.length >= cap) return { items: items.slice(0, cap), truncated: true };
    after = connection.pageInfo.endCursor;
  }
}

/**
 * Reads optional single-valued query parameters: absent or empty means "no filter"; a parameter
 * given twice, or one the feed does not know, is a 400 (a typo must not silently widen the feed).
 */
export function readParams<K extends string>(request: FastifyRequest, known: readonly K[]): Partial<Record<K, string>> {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const params: Partial<Record<K, string>> = {};
  for (const [name, value] of Object.entries(query)) {
    if (!(known as readonly string[]).includes(name)) {
      throw new FeedError(
        400,
        'BAD_USER_INPUT',
        `unknown parameter "${name.slice(0, 40)}"; this feed takes ${known.join(', ')}`,
        name,
      );
    }
    if (typeof value !== 'string') throw new FeedError(400, 'BAD_USER_INPUT', `give "${name}" once`, name);
    const trimmed = value.trim();
    if (trimmed) params[name as K] = trimmed;
  }
  return params;
}

/** Sends a FeedError (or an unexpected one, masked) as `{ error: { code, field, message } }`. */
export function sendFeedError(reply: FastifyReply, error: unknown): FastifyReply {
  const known =
    error instanceof FeedError ? error : new FeedError(500, 'INTERNAL_SERVER_ERROR', 'the feed could not be built');
  return reply
    .code(known.status)
    .header('cache-control', 'no-store')
    .header('content-type', 'application/json; charset=utf-8')
    .send({ error: { code: known.code, ...(known.field ? { field: known.field } : {}), message: known.message } });
}

/** Headers every successful feed response carries (sendFeed in conditional.ts adds ETag and Last-Modified). */
export function feedHeaders(
  reply: FastifyReply,
  contentType: string,
  filename: string,
  meta: { omitted?: number; truncated: boolean },
  disposition: 'inline' | 'attachment',
): FastifyReply {
  reply
    .code(200)
    .header('content-type', contentType)
    .header('content-disposition', `${disposition}; filename="${filename}"`)
    .header('cache-control', FEED_CACHE_CONTROL)
    .header('x-feed-truncated', String(meta.truncated))
    .header('access-control-expose-headers', 'x-feed-omitted, x-feed-truncated, content-disposition, etag');
  if (meta.omitted !== undefined) reply.header('x-feed-omitted', String(meta.omitted));
  return reply;
}

import { Readable, pipeline } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  FEED_CACHE_CONTROL,
  FEED_PAGE_SIZE,
  FeedError,
  runQuery,
  type FeedApollo,
  type FieldMap,
} from '../feeds/graphql.js';

/** A CSV column: its header and how a row is read into text (null: an empty field). */
export type Column<N> = readonly [header: string, read: (node: N) => string | number | null];

interface Page<N> {
  edges: { node: N }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * Every page of a Relay connection (`$first: Int!`, `$after: String`), fetched only when the
 * previous one has been consumed: the consumer's pace (the client's socket) sets the paging's pace.
 */
export async function* connectionPages<D, N>(
  apollo: FeedApollo,
  query: string,
  variables: Record<string, unknown>,
  pick: (data: D) => Page<N> | null | undefined,
  fields: FieldMap,
): AsyncGenerator<N[]> {
  let after: string | null = null;
  for (;;) {
    const data: D = await runQuery<D>(apollo, query, { ...variables, first: FEED_PAGE_SIZE, after }, fields);
    const page = pick(data);
    if (!page) throw new FeedError(503, 'SUBGRAPH_UNAVAILABLE', 'the list could not be read from the hub');
    yield page.edges.map((e) => e.node);
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return;
    after = page.pageInfo.endCursor;
  }
}

/**
 * Streams a CSV file: UTF-8 with a byte-order mark (Excel then reads Polish letters), a header row,
 * RFC 4180 quoting, CRLF line ends, every value as the hub has it (codes keep leading zeros).
 * The first page is read before any header is sent, so a caller's mistake is still a 400; after
 * that rows are written as pages arrive, with no cap. A failure mid-way aborts the response, so a
 * partial file never looks complete.
 */
export async function streamCsv<N>(
  request: FastifyRequest,
  reply: FastifyReply,
  filename: string,
  columns: readonly Column<N>[],
  pages: AsyncGenerator<N[]>,
): Promise<FastifyReply> {
  const first = await pages.next();
  async function* records() {
    for (let page = first; !page.done; page = await pages.next())
      for (const node of page.value) yield columns.map(([, read]) => read(node) ?? '');
  }
  const csv = pipeline(
    Readable.from(records()),
    stringify({ bom: true, header: true, columns: columns.map(([name]) => name), record_delimiter: 'windows' }),
    (error) => {
      if (error) request.log.error(error, 'export aborted');
    },
  );
  return reply
    .code(200)
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', FEED_CACHE_CONTROL)
    .header('access-control-expose-headers', 'content-disposition')
    .send(csv);
}

const YEAR = /^\d{1,4}$/;

/** An optional year parameter as an Int (the subgraph checks its range and order, naming the parameter). */
export function yearParam(value: string | undefined, name: string): number | null {
  if (value === undefined) return null;
  if (!YEAR.test(value)) throw new FeedError(400, 'BAD_USER_INPUT', `${name} must be a year such as 2024`, name);
  return Number(value);
}

/** A required parameter. */
export function requiredParam(value: string | undefined, name: string, hint: string): string {
  if (value === undefined) throw new FeedError(400, 'BAD_USER_INPUT', `${name} is required: ${hint}`, name);
  return value;
}

export const AGGREGATION_LEVELS = ['WOJEWODZTWO', 'POWIAT', 'GMINA'] as const;

/** The `level` parameter: WOJEWODZTWO, POWIAT or GMINA. */
export function levelParam(value: string | undefined): string {
  const level = requiredParam(value, 'level', AGGREGATION_LEVELS.join(', '));
  if (!(AGGREGATION_LEVELS as readonly string[]).includes(level))
    throw new FeedError(400, 'BAD_USER_INPUT', `level must be one of ${AGGREGATION_LEVELS.join(', ')}`, 'level');
  return level;
}

/** A file name part from a parameter that has passed validation (digits, letters). */
export const namePart = (value: string | number | null | undefined) =>
  value === null || value === undefined ? '' : `-${String(value).replace(/[^\w]/g, '')}`;

import type pg from 'pg';
import type { Identity } from '../identity.js';
import type { QueryOutcome, TestSubgraph } from './index.js';

/**
 * One list under test for incremental sync: `query` takes `$first`, `$after`, `$sort`, `$filter`
 * (plus `variables`) and returns the connection at `path`, whose nodes select `id` and `updatedAt`.
 */
export interface SyncList {
  query: string;
  path: string[];
  variables?: Record<string, unknown>;
  /** Filter fields every request of this list carries (e.g. none for the root lists). */
  filter?: Record<string, unknown>;
  /** Table whose `updated_at` (to the microsecond) orders the expected rows, e.g. `events.event`. */
  table: string;
  as?: { admin?: boolean; as?: Partial<Identity> };
}

export interface SyncNode {
  id: string;
  updatedAt: string;
  [field: string]: unknown;
}

/** Pages `list` to its end with `first`: every node in order, and the SQL statements of each page. */
export async function pageThrough(
  service: TestSubgraph,
  list: SyncList,
  first: number,
  sort: string | null,
  filter: Record<string, unknown>,
): Promise<{ nodes: SyncNode[]; statements: number[] }> {
  const nodes: SyncNode[] = [];
  const statements: number[] = [];
  let after: string | null = null;
  for (;;) {
    const result: QueryOutcome = await service.query(
      list.query,
      { ...list.variables, first, after, sort, filter: { ...list.filter, ...filter } },
      list.as,
    );
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    const connection: any = list.path.reduce((o: any, key) => o[key], result.data);
    nodes.push(...connection.edges.map((e: { node: SyncNode }) => e.node));
    statements.push(result.sqlStatements);
    if (!connection.pageInfo.hasNextPage) return { nodes, statements };
    after = connection.pageInfo.endCursor;
  }
}

/**
 * What a sync from `since` returns (modifiedSince + UPDATED, pages of 3) next to its oracle: a full
 * scan of the list in its default order, kept where `updatedAt >= since` in JS and ordered by the
 * stored instant (microseconds, read from the table) then id. Also the statements per page of a
 * sync with pages of 2 and of 20.
 */
export async function syncAgainstOracle(
  service: TestSubgraph,
  db: pg.Client,
  list: SyncList,
  since: Date,
): Promise<{ synced: SyncNode[]; expected: SyncNode[]; small: number[]; large: number[] }> {
  const full = await pageThrough(service, list, 100, null, {});
  const { rows } = await db.query<{ id: string; at: string }>(
    `select id::text, to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') as at from ${list.table}`,
  );
  const at = new Map(rows.map((r) => [r.id, r.at]));
  const key = (n: SyncNode) => `${at.get(n.id)}|${n.id}`;
  const expected = full.nodes
    .filter((n) => Date.parse(n.updatedAt) >= since.getTime())
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const modifiedSince = { modifiedSince: since.toISOString() };
  const synced = (await pageThrough(service, list, 3, 'UPDATED', modifiedSince)).nodes;
  const small = (await pageThrough(service, list, 2, 'UPDATED', modifiedSince)).statements;
  const large = (await pageThrough(service, list, 20, 'UPDATED', modifiedSince)).statements;
  return { synced, expected, small, large };
}

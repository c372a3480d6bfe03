import type { Db } from '@ngo-hub/kit';
import {
  AppError, groupBySignature, isUuid, localDateSchema, objectKeyLoader, pgArrayLiteral, territoryPrefixes, tercRegister, toConnection,
  type Connection, type DataLoader, type PageRequest,
} from '@ngo-hub/kit';

/** SQL type a sort key is compared as; also decides which cursor values are well-formed. */
export type KeyCast = 'date' | 'numeric' | 'text' | 'float8';

/** One sort key of a list; the row id (ascending) always follows the keys as the tie-breaker. */
export interface SortKey {
  /** SQL over the list's table alias; its `?` markers take `params`. */
  expr: string;
  params?: unknown[];
  cast: KeyCast;
  direction: 'asc' | 'desc';
  /** Nullable keys sort their nulls last in both directions. */
  nullable: boolean;
}

/** How a list is ordered: `tag` names the sort in its cursors, so one sort's cursor is refused by another. */
export interface SortPlan {
  tag: string;
  keys: SortKey[];
}

/** A decoded `after` cursor: the sort keys' values (as text) and the id of the last row seen. */
export interface ListCursor {
  values: (string | null)[];
  id: string;
}

const WELL_FORMED: Record<KeyCast, (value: string) => boolean> = {
  date: (v) => localDateSchema.safeParse(v).success,
  numeric: (v) => /^\d{1,15}(\.\d{1,2})?$/.test(v),
  text: (v) => v.length <= 2000,
  float8: (v) => v.length <= 40 && /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(v),
};

/**
 * Decodes `after` as a cursor of `plan`: `[tag, ...values, id]`. A cursor of another sort or list,
 * or a hand-made one, is BAD_USER_INPUT on `after` instead of reaching SQL.
 */
export function decodeCursor(page: PageRequest, plan: SortPlan): ListCursor | null {
  if (!page.after) return null;
  const [tag, ...rest] = page.after;
  const id = rest.pop();
  const ok = tag === plan.tag && rest.length === plan.keys.length && typeof id === 'string' && isUuid(id)
    && plan.keys.every((key, i) => {
      const v = rest[i];
      return v === null ? key.nullable : typeof v === 'string' && WELL_FORMED[key.cast](v);
    });
  if (!ok) throw AppError.badInput('after', 'after is not a cursor returned by this list with this sort');
  return { values: rest as (string | null)[], id: id as string };
}

/** How a list's rows are stored: the table, its alias and columns, and the table placing rows in territories. */
export interface ListSource {
  /** Statement tag prefix, e.g. `grant`. */
  name: string;
  table: string;
  alias: string;
  columns: string;
  territories: { table: string; itemColumn: string };
}

export interface ListQuery {
  where: { sql: string; params: unknown[] };
  plan: SortPlan;
  page: PageRequest;
  cursor: ListCursor | null;
}

/** A fetched row: the raw columns (for `em.map`) and the cursor of its position in the list. */
export interface ListRow {
  row: Record<string, unknown>;
  cursor: unknown[];
}

/** `select <columns>, <keys as k0..kn>` of the filtered rows, from `from` (the table, possibly joined). */
function filtered(source: ListSource, q: ListQuery, from: string, extra = ''): { sql: string; params: unknown[] } {
  const keys = q.plan.keys.map((k, i) => `${k.expr} as k${i}`);
  return {
    sql: `select ${extra}${source.columns}${keys.map((k) => `, ${k}`).join('')} from ${from} where ${q.where.sql}`,
    params: [...q.plan.keys.flatMap((k) => k.params ?? []), ...q.where.params],
  };
}

/**
 * "Comes after the cursor" for `order by k0, k1, …, id` with nulls last: the rows equal on the first
 * i keys and beyond the cursor on key i, for every i. Nothing sorts after a null key but nulls with a
 * greater id (reached through the equal-prefix terms).
 */
function keyset(plan: SortPlan, cursor: ListCursor | null): { sql: string; params: unknown[] } {
  if (!cursor) return { sql: 'true', params: [] };
  const terms: string[] = [];
  const params: unknown[] = [];
  for (let i = 0; i <= plan.keys.length; i += 1) {
    const parts: string[] = [];
    const termParams: unknown[] = [];
    for (let j = 0; j < i; j += 1) {
      const value = cursor.values[j]!;
      if (value === null) parts.push(`s.k${j} is null`);
      else { parts.push(`s.k${j} = ?::${plan.keys[j]!.cast}`); termParams.push(value); }
    }
    if (i === plan.keys.length) {
      parts.push('s.id > ?::uuid');
      termParams.push(cursor.id);
    } else {
      const key = plan.keys[i]!;
      const value = cursor.values[i]!;
      if (value === null) continue;
      const op = key.direction === 'asc' ? '>' : '<';
      parts.push(key.nullable ? `(s.k${i} ${op} ?::${key.cast} or s.k${i} is null)` : `s.k${i} ${op} ?::${key.cast}`);
      termParams.push(value);
    }
    terms.push(`(${parts.join(' and ')})`);
    params.push(...termParams);
  }
  return { sql: `(${terms.join(' or ')})`, params };
}

function orderBy(plan: SortPlan): string {
  const keys = plan.keys.map((k, i) => `s.k${i} ${k.direction}${k.nullable && k.direction === 'desc' ? ' nulls last' : ''}`);
  return [...keys, 's.id'].join(', ');
}

/** The keys as text for the cursor: exact for dates and numerics, shortest round-trip text for float8. */
function cursorColumns(plan: SortPlan): string {
  return plan.keys.map((_, i) => `, s.k${i}::text as c${i}`).join('');
}

function splitRow(plan: SortPlan, raw: Record<string, unknown>): ListRow {
  const row: Record<string, unknown> = {};
  const values: unknown[] = plan.keys.map((_, i) => raw[`c${i}`] ?? null);
  for (const [column, value] of Object.entries(raw)) {
    if (!/^(k|c)\d+$/.test(column) && column !== 'rn' && column !== 'key_code') row[column] = value;
  }
  return { row, cursor: [plan.tag, ...values, raw.id] };
}

/** Codes of the register with the prefixes covering each; codes not in the register have no rows. */
function territoryPairs(codes: readonly string[]): { codes: string[]; prefixes: string[] } {
  const pairs = codes.filter((c) => tercRegister().has(c)).flatMap((code) => territoryPrefixes(code).map((prefix) => ({ code, prefix })));
  return { codes: pairs.map((p) => p.code), prefixes: pairs.map((p) => p.prefix) };
}

/** `p(code, prefix)` and `m(code, item_id)`: each item once under every requested territory it lies in. */
function territoryCtes(source: ListSource): string {
  const { table, itemColumn } = source.territories;
  return `with p(code, prefix) as (select * from unnest(?::text[], ?::text[])),
    m as (select distinct p.code, t.${itemColumn} as item_id from p join ${table} t on t.territory_code like p.prefix || '%')`;
}

/** Reads lists by keyset, alone or batched for many territories; every statement is tagged. */
export class ListReader {
  constructor(private readonly em: Db, private readonly source: ListSource) {}

  /** One page (`first + 1` rows, the extra one tells whether a next page exists). */
  async page(q: ListQuery): Promise<ListRow[]> {
    const { source } = this;
    const inner = filtered(source, q, `${source.table} ${source.alias}`);
    const after = keyset(q.plan, q.cursor);
    const rows = await this.em.execute(
      `/* ${source.name}.page */ select s.*${cursorColumns(q.plan)} from (${inner.sql}) s
       where ${after.sql} order by ${orderBy(q.plan)} limit ?`,
      [...inner.params, ...after.params, q.page.first + 1],
    );
    return rows.map((r) => splitRow(q.plan, r));
  }

  async count(q: ListQuery): Promise<number> {
    const { source } = this;
    const [row] = await this.em.execute(
      `/* ${source.name}.count */ select count(*)::int as n from ${source.table} ${source.alias} where ${q.where.sql}`,
      q.where.params,
    );
    return Number(row!.n);
  }

  /**
   * The same page under each territory in ONE statement: rows numbered per territory by the list's
   * order, `first + 1` kept for each. Rows come back grouped by territory code.
   */
  async pageByTerritories(codes: readonly string[], q: ListQuery): Promise<(ListRow & { code: string })[]> {
    const pairs = territoryPairs(codes);
    if (pairs.codes.length === 0) return [];
    const { source } = this;
    const inner = filtered(source, q, `m join ${source.table} ${source.alias} on ${source.alias}.id = m.item_id`, 'm.code as key_code, ');
    const after = keyset(q.plan, q.cursor);
    const rows = await this.em.execute(
      `/* ${source.name}.pageByTerritories */ ${territoryCtes(source)}
       select w.* from (
         select s.*${cursorColumns(q.plan)}, row_number() over (partition by s.key_code order by ${orderBy(q.plan)}) as rn
         from (${inner.sql}) s where ${after.sql}
       ) w where w.rn <= ? order by w.key_code, w.rn`,
      [pgArrayLiteral(pairs.codes), pgArrayLiteral(pairs.prefixes), ...inner.params, ...after.params, q.page.first + 1],
    );
    return rows.map((r) => ({ code: r.key_code as string, ...splitRow(q.plan, r) }));
  }

  /** How many rows match under each territory, in one grouped statement. */
  async countByTerritories(codes: readonly string[], q: Pick<ListQuery, 'where'>): Promise<Map<string, number>> {
    const pairs = territoryPairs(codes);
    if (pairs.codes.length === 0) return new Map();
    const { source } = this;
    const rows = await this.em.execute(
      `/* ${source.name}.countByTerritories */ ${territoryCtes(source)}
       select m.code, count(*)::int as n from m join ${source.table} ${source.alias} on ${source.alias}.id = m.item_id
       where ${q.where.sql} group by m.code`,
      [pgArrayLiteral(pairs.codes), pgArrayLiteral(pairs.prefixes), ...q.where.params],
    );
    return new Map(rows.map((r) => [r.code as string, Number(r.n)]));
  }
}

/** Key of a per-territory page: the territory and the whole validated request. */
export interface TerritoryPageKey {
  code: string;
  query: ListQuery;
}

/** Key of a per-territory count: the territory and the filters (the count ignores sort and page). */
export interface TerritoryCountKey {
  code: string;
  where: ListQuery['where'];
}

/**
 * Per-request loaders of a list under many territories: every territory asked for with the same
 * arguments shares ONE page statement, and one grouped count statement when totalCount is asked for.
 */
export function territoryListLoaders<R extends { code: string }>(
  pages: (codes: string[], q: ListQuery) => Promise<R[]>,
  counts: (codes: string[], q: Pick<ListQuery, 'where'>) => Promise<Map<string, number>>,
) {
  return {
    pages: objectKeyLoader<TerritoryPageKey, R[]>(async (keys) => {
      const found = new Map<string, R[]>();
      for (const [id, group] of groupBySignature(keys, (k) => k.query)) {
        for (const row of await pages(group.map((k) => k.code), group[0]!.query)) {
          const key = `${row.code}|${id}`;
          found.set(key, [...(found.get(key) ?? []), row]);
        }
      }
      return keys.map((k) => found.get(`${k.code}|${JSON.stringify(k.query)}`) ?? []);
    }),
    counts: objectKeyLoader<TerritoryCountKey, number>(async (keys) => {
      const found = new Map<string, number>();
      for (const [id, group] of groupBySignature(keys, (k) => k.where)) {
        for (const [code, n] of await counts(group.map((k) => k.code), group[0]!)) found.set(`${code}|${id}`, n);
      }
      return keys.map((k) => found.get(`${k.code}|${JSON.stringify(k.where)}`) ?? 0);
    }),
  };
}

/** The connection of one territory, through the batched loaders above. */
export async function territoryConnection<R extends { code: string; cursor: unknown[] }, T>(
  code: string, query: ListQuery, loaders: { pages: DataLoader<TerritoryPageKey, R[], string>; counts: DataLoader<TerritoryCountKey, number, string> },
  toNode: (row: R) => T,
): Promise<Connection<T>> {
  const rows = await loaders.pages.load({ code, query });
  return toConnection(rows, query.page, (r) => r.cursor, toNode, () => loaders.counts.load({ code, where: query.where }));
}

import { groupBySignature, objectKeyLoader, type DataLoader } from '../loaders.js';
import { toConnection, type Connection, type PageRequest } from '../pagination.js';
import { searchSql } from '../search.js';
import { pgArrayLiteral } from '../sql.js';
import { tercRegister, territoryCondition, territoryPrefixes } from '../teryt.js';
import { joinSql, rawSql, sql, SqlFragment } from './fragment.js';
import { cursorColumn, cursorOf, decodeAfter, keysetAfter, orderBy, type SortKey, type SortOrder } from './order.js';

/** What the engine needs of an entity manager: `execute(sql, params)` binding `?` markers in order. */
export interface SqlExecutor {
  execute(sql: string, params: unknown[]): Promise<Record<string, unknown>[]>;
}

/** A filter of a list: its condition over the table alias, or null when the criteria do not ask for it. */
export type Filter<C> = (criteria: C) => SqlFragment | null;

/**
 * A filter whose condition the root page may split into disjoint parts, each paged in the list's
 * order on its own and merged (`union all`): one part replaces the condition, several are merged.
 * `page` returns null to keep `where`. Counts and per-parent pages always use `where`.
 */
export interface SplitFilter<C, S extends string> {
  where: Filter<C>;
  page: (criteria: C, sort: S) => SqlFragment[] | null;
}

/** How the rows of a list meet one kind of parent (a territory, an organisation…). */
export interface Parent {
  /** The key a parent's rows are stored under, or null when it can have none (it simply gets an empty list). */
  normalise: (key: string) => string | null;
  /**
   * SQL pairing each row with the requested parents (`keys`, normalised and distinct): joins after
   * the list's table, an extra condition, and the SQL of the parent key. A row is paired with each
   * parent at most once.
   */
  sql: (keys: string[]) => { join?: SqlFragment; where?: SqlFragment; key: string };
}

/** The order of a list with `updatedAt`: oldest change first, ties by id (the order a client syncs in). */
export const UPDATED_SORT = 'UPDATED';

/** Criteria every list understands: the search text and, with `updatedAt`, the change threshold (ISO instant). */
export interface BaseCriteria {
  search?: string | null;
  modifiedSince?: string | null;
}

/** What a list declares; everything else (cursors, keysets, counts, per-parent pages) is the engine's. */
export interface ListDeclaration<C, S extends string, P extends string> {
  /** Names the statements: `/* <name>.page *\/`, `<name>.count`, `<name>.pageBy_<parent>`, `<name>.countBy_<parent>`. */
  name: string;
  /** The table with its alias (`funding.grant_award g`); its `id` (uuid) is the tie-breaker of every order. */
  table: string;
  alias: string;
  /** The selected columns (default `<alias>.*`). */
  columns?: string;
  /** Every filter, by name; each returns null when its criteria are not set. */
  filters: Record<string, Filter<C> | SplitFilter<C, S>>;
  /**
   * Free-text search on `criteria.search` over `indexed`, an expression with a trigram index (see
   * kit `searchSql`): a filter, and the RELEVANCE order (rank, then the default order's keys).
   */
  search?: { schema: string; indexed: string; sort: S };
  /**
   * The row's last-change instant over the alias (`e.updated_at`, kept by the database and indexed
   * as `(updated_at, id)`): gives the list the `criteria.modifiedSince` filter (rows changed at or
   * after it: `>=`, so a client re-syncing from the last instant it saw misses nothing) and the
   * UPDATED sort (oldest change first, ties by id).
   */
  updatedAt?: string;
  /** The orders by name (RELEVANCE comes from `search`, UPDATED from `updatedAt`), and the one used when none is asked for. */
  sorts: Record<Exclude<S, 'RELEVANCE' | typeof UPDATED_SORT>, readonly SortKey[]>;
  defaultSort: Exclude<S, 'RELEVANCE' | typeof UPDATED_SORT>;
  /** A sort whose cursors carry no tag (issued that way before the engine). */
  untagged?: S;
  parents?: Record<P, Parent>;
}

/** A validated list request: criteria, the effective sort and the page with its decoded cursor. Plain JSON, so loaders key on it. */
export interface ListQuery<C, S extends string = string> {
  criteria: C;
  sort: S;
  page: PageRequest;
}

/** A fetched row: the table's columns, its cursor and, in per-parent pages, its parent. */
export interface ListRow {
  row: Record<string, unknown>;
  cursor: unknown[];
  parent?: string;
}

export interface ParentLoaders<C, S extends string> {
  pages: DataLoader<{ parentId: string; query: ListQuery<C, S> }, ListRow[], string>;
  counts: DataLoader<{ parentId: string; criteria: C }, number, string>;
}

const ENGINE_COLUMN = /^(k|c)\d+$|^parent_key$|^rn$/;

function tableRow(raw: Record<string, unknown>): Record<string, unknown> {
  // A plain loop: runs for every row of every page (entries/filter/fromEntries allocated per column).
  const row: Record<string, unknown> = {};
  for (const column of Object.keys(raw)) if (!ENGINE_COLUMN.test(column)) row[column] = raw[column];
  return row;
}

/** One declared list: builds its statements and runs them. */
export class Listing<C extends BaseCriteria, S extends string, P extends string = never> {
  constructor(readonly declaration: ListDeclaration<C, S, P>) {}

  /** The order of a request: `sort` when given, else RELEVANCE with a search and the default without; RELEVANCE needs a search. */
  order(sort: S | null | undefined, criteria: C): SortOrder & { sort: S } {
    const d = this.declaration;
    const search = d.search && criteria.search ? criteria.search : null;
    const relevance = d.search?.sort;
    let effective = sort ?? (search && relevance ? relevance : d.defaultSort);
    if (effective === relevance && !search) effective = d.defaultSort;
    const tag = effective === d.untagged ? null : effective;
    if (effective === relevance) {
      const { rank, rankParams } = searchSql(d.search!.schema, d.search!.indexed, search!);
      const rankKey: SortKey = { expr: new SqlFragment(rank, rankParams), type: 'float8', direction: 'desc' };
      return { sort: effective, tag, keys: [rankKey, ...d.sorts[d.defaultSort]] };
    }
    if (effective === UPDATED_SORT && d.updatedAt)
      return { sort: effective, tag, keys: [{ expr: d.updatedAt, type: 'timestamptz' }] };
    return { sort: effective, tag, keys: d.sorts[effective as Exclude<S, 'RELEVANCE' | typeof UPDATED_SORT>] };
  }

  /** Validates the request: the effective sort, and `after` decoded as its cursor (BAD_USER_INPUT on `after` otherwise), before any SQL. */
  query(criteria: C, sort: S | null | undefined, page: PageRequest): ListQuery<C, S> {
    const order = this.order(sort, criteria);
    return { criteria, sort: order.sort, page: { first: page.first, after: decodeAfter(order, page.after) } };
  }

  private where(criteria: C, replace?: { name: string; part: SqlFragment }): SqlFragment {
    const d = this.declaration;
    const parts: SqlFragment[] = [];
    if (d.search && criteria.search) {
      const search = searchSql(d.search.schema, d.search.indexed, criteria.search);
      parts.push(new SqlFragment(search.where, search.whereParams));
    }
    for (const [name, filter] of Object.entries(d.filters)) {
      const condition =
        replace?.name === name ? replace.part : (typeof filter === 'function' ? filter : filter.where)(criteria);
      if (condition) parts.push(condition);
    }
    if (d.updatedAt && criteria.modifiedSince)
      parts.push(sql`${rawSql(d.updatedAt)} >= ${criteria.modifiedSince}::timestamptz`);
    return parts.length ? joinSql(parts, ' and ') : rawSql('true');
  }

  /** The filtered rows with their sort keys `k0…` (and legacy cursor values `c0…`): flat, so the planner inlines it and indexes serve keys and filters. */
  private filtered(
    order: SortOrder,
    where: SqlFragment,
    parent?: { join?: SqlFragment; where?: SqlFragment; key: string },
  ): SqlFragment {
    const d = this.declaration;
    const keys = order.keys.flatMap((k, i) => [
      sql`, ${typeof k.expr === 'string' ? rawSql(k.expr) : k.expr} as ${rawSql(`k${i}`)}`,
      ...(k.cursor ? [rawSql(`, ${k.cursor.value} as c${i}`)] : []),
    ]);
    const head = parent ? rawSql(`${parent.key} as parent_key, `) : rawSql('');
    const condition = parent?.where ? sql`${parent.where} and ${where}` : where;
    return sql`select ${head}${rawSql(d.columns ?? `${d.alias}.*`)}${joinSql(keys, '')} from ${rawSql(`${d.table} ${d.alias}`)} ${parent?.join ?? rawSql('')} where ${condition}`;
  }

  private paged(order: SortOrder, where: SqlFragment, q: ListQuery<C, S>): SqlFragment {
    const cursors = order.keys.map((k, i) => `, ${cursorColumn(k, i)}`).join('');
    return sql`select s.*${rawSql(cursors)} from (${this.filtered(order, where)}) s
       where ${keysetAfter(order, q.page.after)} order by ${rawSql(orderBy(order))} limit ${q.page.first + 1}`;
  }

  /** The statement of one page, `first + 1` rows (the extra one tells whether a next page exists). Exported for EXPLAIN in tests. */
  pageStatement(q: ListQuery<C, S>): SqlFragment {
    const order = this.order(q.sort, q.criteria);
    const split = Object.entries(this.declaration.filters).find(([, f]) => typeof f !== 'function') as
      | [string, SplitFilter<C, S>]
      | undefined;
    const parts = split ? split[1].page(q.criteria, q.sort) : null;
    const tag = rawSql(`/* ${this.declaration.name}.page */ `);
    if (!parts || parts.length === 0) return sql`${tag}${this.paged(order, this.where(q.criteria), q)}`;
    const pages = parts.map((part) => this.paged(order, this.where(q.criteria, { name: split![0], part }), q));
    if (pages.length === 1) return sql`${tag}${pages[0]!}`;
    // Each part keeps its own ORDER BY and LIMIT: that lets the planner merge ordered scans.
    return sql`${tag}select * from (${joinSql(
      pages.map((p) => sql`(${p})`),
      ' union all ',
    )}) s order by ${rawSql(orderBy(order))} limit ${q.page.first + 1}`;
  }

  countStatement(criteria: C): SqlFragment {
    const d = this.declaration;
    return sql`${rawSql(`/* ${d.name}.count */ select count(*)::int as n from ${d.table} ${d.alias}`)} where ${this.where(criteria)}`;
  }

  /**
   * The same page under many parents in ONE statement: rows numbered per parent in the list's order,
   * the first `first + 1` of each kept. Exported for EXPLAIN in tests.
   */
  pagesByParentStatement(parent: P, keys: string[], q: ListQuery<C, S>): SqlFragment {
    const order = this.order(q.sort, q.criteria);
    const cursors = order.keys.map((k, i) => `, ${cursorColumn(k, i)}`).join('');
    const inner = this.filtered(order, this.where(q.criteria), this.declaration.parents![parent].sql(keys));
    return sql`${rawSql(`/* ${this.declaration.name}.pageBy_${parent} */`)} select w.* from (
         select s.*${rawSql(cursors)}, row_number() over (partition by s.parent_key order by ${rawSql(orderBy(order))}) as rn
         from (${inner}) s where ${keysetAfter(order, q.page.after)}
       ) w where w.rn <= ${q.page.first + 1} order by w.parent_key, w.rn`;
  }

  countsByParentStatement(parent: P, keys: string[], criteria: C): SqlFragment {
    const d = this.declaration;
    const p = d.parents![parent].sql(keys);
    const condition = p.where ? sql`${p.where} and ${this.where(criteria)}` : this.where(criteria);
    return sql`${rawSql(`/* ${d.name}.countBy_${parent} */ select ${p.key} as parent_key, count(*)::int as n from ${d.table} ${d.alias}`)} ${p.join ?? rawSql('')}
       where ${condition} group by 1`;
  }

  private rows(q: ListQuery<C, S>, raw: Record<string, unknown>[]): ListRow[] {
    const order = this.order(q.sort, q.criteria);
    return raw.map((r) => ({
      row: tableRow(r),
      cursor: cursorOf(order, r),
      ...(r.parent_key != null ? { parent: String(r.parent_key) } : {}),
    }));
  }

  async page(em: SqlExecutor, q: ListQuery<C, S>): Promise<ListRow[]> {
    const statement = this.pageStatement(q);
    return this.rows(q, await em.execute(statement.sql, [...statement.params]));
  }

  async count(em: SqlExecutor, criteria: C): Promise<number> {
    const statement = this.countStatement(criteria);
    const [row] = await em.execute(statement.sql, [...statement.params]);
    return Number(row!.n);
  }

  /** A connection of the whole list; `totalCount` is counted only when asked for. */
  async connection<T>(
    em: SqlExecutor,
    q: ListQuery<C, S>,
    toNode: (row: Record<string, unknown>) => T,
  ): Promise<Connection<T>> {
    const rows = await this.page(em, q);
    return toConnection(
      rows,
      q.page,
      (r) => r.cursor,
      (r) => toNode(r.row),
      () => this.count(em, q.criteria),
    );
  }

  private parentKeys(parent: P, ids: readonly string[]): string[] {
    const normalise = this.declaration.parents![parent].normalise;
    return [...new Set(ids.map(normalise).filter((k): k is string => k !== null))];
  }

  /**
   * Per-request loaders of the list under one kind of parent: every parent asked with the same
   * arguments shares ONE page statement, and one grouped count statement when totalCount is asked for.
   */
  parentLoaders(em: SqlExecutor, parent: P): ParentLoaders<C, S> {
    const normalise = this.declaration.parents![parent].normalise;
    return {
      pages: objectKeyLoader(async (keys) => {
        const found = new Map<string, ListRow[]>();
        for (const [signature, group] of groupBySignature(keys, (k) => k.query)) {
          const parents = this.parentKeys(
            parent,
            group.map((k) => k.parentId),
          );
          if (parents.length === 0) continue;
          const statement = this.pagesByParentStatement(parent, parents, group[0]!.query);
          for (const row of this.rows(group[0]!.query, await em.execute(statement.sql, [...statement.params]))) {
            const key = `${row.parent}|${signature}`;
            const list = found.get(key);
            if (list) list.push(row);
            else found.set(key, [row]);
          }
        }
        return keys.map((k) => found.get(`${normalise(k.parentId)}|${JSON.stringify(k.query)}`) ?? []);
      }),
      counts: objectKeyLoader(async (keys) => {
        const found = new Map<string, number>();
        for (const [signature, group] of groupBySignature(keys, (k) => k.criteria)) {
          const parents = this.parentKeys(
            parent,
            group.map((k) => k.parentId),
          );
          if (parents.length === 0) continue;
          const statement = this.countsByParentStatement(parent, parents, group[0]!.criteria);
          for (const row of await em.execute(statement.sql, [...statement.params]))
            found.set(`${row.parent_key}|${signature}`, Number(row.n));
        }
        return keys.map((k) => found.get(`${normalise(k.parentId)}|${JSON.stringify(k.criteria)}`) ?? 0);
      }),
    };
  }

  /** The connection of one parent, through its request's loaders (see `parentLoaders`). */
  async parentConnection<T>(
    loaders: ParentLoaders<C, S>,
    parentId: string,
    q: ListQuery<C, S>,
    toNode: (row: Record<string, unknown>) => T,
  ): Promise<Connection<T>> {
    const rows = await loaders.pages.load({ parentId, query: q });
    return toConnection(
      rows,
      q.page,
      (r) => r.cursor,
      (r) => toNode(r.row),
      () => loaders.counts.load({ parentId, criteria: q.criteria }),
    );
  }
}

export function defineList<C extends BaseCriteria, S extends string, P extends string = never>(
  declaration: ListDeclaration<C, S, P>,
): Listing<C, S, P> {
  return new Listing(declaration);
}

/** `tp(code, prefix)` rows of the requested territories, and their distinct codes, as array parameters. */
export interface TerritoryPairs {
  /** `unnest(?::text[], ?::text[]) as tp(code, prefix)`: each territory once per TERC prefix covering it. */
  pairs: SqlFragment;
  /** `?::text[]` of the territory codes. */
  codes: SqlFragment;
}

/**
 * A territory parent: keys are TERC codes of the register (one outside it came through federation
 * and simply has no rows); a territory covers its units through their code prefixes (a gmina
 * lists its parts too, see `territoryPrefixes`). `match` writes the join over `tp(code, prefix)`.
 */
export function territoryParent(
  match: (t: TerritoryPairs) => { join?: SqlFragment; where?: SqlFragment; key: string },
): Parent {
  return {
    normalise: (code) => (tercRegister().has(code) ? code : null),
    sql: (codes) => {
      const pairs = codes.flatMap((code) => territoryPrefixes(code).map((prefix) => [code, prefix] as const));
      return match({
        pairs: sql`unnest(${pgArrayLiteral(pairs.map(([code]) => code))}::text[], ${pgArrayLiteral(pairs.map(([, prefix]) => prefix))}::text[]) as tp(code, prefix)`,
        codes: sql`${pgArrayLiteral(codes)}::text[]`,
      });
    },
  };
}

/** `(<column> like ? or …)` over the prefixes of a territory, as a fragment (see kit `territoryCondition`). */
export function territorySql(column: string, prefixes: string[]): SqlFragment {
  const condition = territoryCondition(column, prefixes);
  return new SqlFragment(condition.sql, condition.params);
}

/**
 * The same condition, also written as ranges of codes (`'1465' <= code < '1466'`: TERC codes are
 * digits, so each prefix is a range): a multicolumn GiST index (btree_gist) can use a range, not a
 * LIKE, and the pattern btree index keeps serving the LIKE where it is the better plan.
 */
export function territoryRangeSql(column: string, prefixes: string[]): SqlFragment {
  const ranges = prefixes.map((p) => {
    const next = String(Number(p) + 1).padStart(p.length, '0');
    return sql`(${rawSql(column)} >= ${p} and ${rawSql(column)} < ${next})`;
  });
  return sql`${territorySql(column, prefixes)} and (${joinSql(ranges, ' or ')})`;
}

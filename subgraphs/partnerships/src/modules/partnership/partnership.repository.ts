import type { EntityManager } from '@mikro-orm/postgresql';
import { afterNullsLast, pgArrayLiteral, searchSql, sqlPlaceholders, territoryCondition, type PageRequest } from '@ngo-hub/kit';
import { PartnershipEntity } from './partnership.entity.js';

export interface NewPartnershipRow {
  id: string;
  name: string;
  description: string | null;
  territoryCode: string;
  additionalTerritoryCodes: string[];
  status: string;
  themes: string[];
  establishedOn: string | null;
  hasLegalPersonality: boolean;
}

/** Filters of `partnerships(filter)` after validation. */
export interface PartnershipCriteria {
  search: string | null;
  territoryPrefixes: string[] | null;
  status: string | null;
  theme: string | null;
  leadPartner: string | null;
  /** Warsaw's date today: a membership is active while `left_on` is null or later. */
  today: string;
}

/** The orders of the list; each has its keyset cursor below. */
export type PartnershipOrder = 'RELEVANCE' | 'NAME' | 'ESTABLISHED_NEWEST';

/** Where a page starts: the sort values of the last row of the previous page. */
export type PartnershipCursor =
  | { order: 'NAME'; key: string; id: string }
  | { order: 'RELEVANCE'; rank: number; key: string; id: string }
  | { order: 'ESTABLISHED_NEWEST'; key: string | null; id: string };

/** A validated list request: filters, order, keyset position and page size. */
export interface PartnershipListing {
  criteria: PartnershipCriteria;
  order: PartnershipOrder;
  cursor: PartnershipCursor | null;
  page: PageRequest;
}

/** A listed row with the sort values its cursor is made of. */
export interface PartnershipListRow {
  partnership: PartnershipEntity;
  sortKey: string;
  rank: number;
}

/** Exactly the indexed expressions (see the polish_search migration), so the indexes are used. */
const SEARCHED = 'partnerships.f_search_text(p.name)';
const SORT_KEY = 'partnerships.f_polish_key(p.name) collate "C"';

function whereClause(c: PartnershipCriteria): { sql: string; params: unknown[] } {
  const parts: string[] = ['true'];
  const params: unknown[] = [];
  if (c.search) {
    const search = searchSql('partnerships', SEARCHED, c.search);
    parts.push(search.where);
    params.push(...search.whereParams);
  }
  if (c.territoryPrefixes) {
    const main = territoryCondition('p.territory_code', c.territoryPrefixes);
    const extra = territoryCondition('t.code', c.territoryPrefixes);
    parts.push(`(${main.sql} or exists (select 1 from unnest(p.additional_territory_codes) as t(code) where ${extra.sql}))`);
    params.push(...main.params, ...extra.params);
  }
  if (c.status) { parts.push('p.status = ?'); params.push(c.status); }
  if (c.theme) { parts.push('? = any(p.themes)'); params.push(c.theme); }
  if (c.leadPartner) {
    parts.push(`exists (select 1 from partnerships.membership m where m.partnership_id = p.id and m.role = 'LEAD_PARTNER'
      and m.organisation_id = ?::uuid and (m.left_on is null or m.left_on > ?::date))`);
    params.push(c.leadPartner, c.today);
  }
  return { sql: parts.join(' and '), params };
}

/** The columns every list selects: the row, its Polish name key and its relevance (0 without a search). */
function listColumns(c: PartnershipCriteria): { sql: string; params: unknown[] } {
  if (!c.search) return { sql: `p.*, ${SORT_KEY} as sort_key, 0::float8 as rank`, params: [] };
  const search = searchSql('partnerships', SEARCHED, c.search);
  return { sql: `p.*, ${SORT_KEY} as sort_key, ${search.rank} as rank`, params: search.rankParams };
}

/** `order by` over the list columns (alias `m`). */
const ORDER_BY: Record<PartnershipOrder, string> = {
  NAME: 'm.sort_key, m.id',
  RELEVANCE: 'm.rank desc, m.sort_key, m.id',
  ESTABLISHED_NEWEST: 'm.established_on desc nulls last, m.id',
};

/** "Comes after the cursor" in the listing's order, over the list columns (alias `m`). */
function afterCursor(cursor: PartnershipCursor | null): { sql: string; params: unknown[] } {
  if (!cursor) return { sql: 'true', params: [] };
  switch (cursor.order) {
    case 'NAME':
      return { sql: '(m.sort_key, m.id) > (?::text collate "C", ?::uuid)', params: [cursor.key, cursor.id] };
    case 'RELEVANCE':
      // Ranks are compared as the same float8 the cursor was made from, so equal ranks stay equal.
      return {
        sql: '(m.rank < ?::float8 or (m.rank = ?::float8 and (m.sort_key, m.id) > (?::text collate "C", ?::uuid)))',
        params: [cursor.rank, cursor.rank, cursor.key, cursor.id],
      };
    case 'ESTABLISHED_NEWEST':
      return afterNullsLast({ column: 'm.established_on', type: 'date', direction: 'desc', idColumn: 'm.id' }, cursor);
  }
}

/**
 * "p lies inside the territory whose prefixes are the `t` rows of `c.code`": its main or an additional
 * territory starts with one of them, as the `filter.territory` condition of the root list.
 */
const INSIDE_TERRITORY = `exists (select 1 from unnest(?::text[], ?::text[]) as t(code, prefix) where t.code = c.code
  and (p.territory_code like t.prefix || '%'
    or exists (select 1 from unnest(p.additional_territory_codes) as a(code) where a.code like t.prefix || '%')))`;

/** The `(code, prefix)` pairs of the territories, as two array parameters for INSIDE_TERRITORY. */
function territoryPairs(prefixesByCode: ReadonlyMap<string, string[]>): string[] {
  const codes: string[] = [];
  const prefixes: string[] = [];
  for (const [code, list] of prefixesByCode) for (const prefix of list) { codes.push(code); prefixes.push(prefix); }
  return [pgArrayLiteral(codes), pgArrayLiteral(prefixes)];
}

function toListRow(em: EntityManager, row: Record<string, unknown>): PartnershipListRow {
  const { sort_key: sortKey, rank, parent_code: _parent, rn: _rn, ...columns } = row;
  return { partnership: em.map(PartnershipEntity, columns), sortKey: String(sortKey), rank: Number(rank) };
}

/** The statement of one page of the root list (exported so a test can EXPLAIN exactly what runs). */
export function pageStatement(listing: PartnershipListing): { sql: string; params: unknown[] } {
  const columns = listColumns(listing.criteria);
  const where = whereClause(listing.criteria);
  const after = afterCursor(listing.cursor);
  return {
    sql: `/* partnership.page */ select m.* from (
         select ${columns.sql} from partnerships.partnership p where ${where.sql}
       ) m where ${after.sql} order by ${ORDER_BY[listing.order]} limit ?`,
    params: [...columns.params, ...where.params, ...after.params, listing.page.first + 1],
  };
}

/** All SQL about partnerships; each statement is tagged with its name. */
export class PartnershipRepository {
  constructor(private readonly em: EntityManager) {}

  async findByIds(ids: readonly string[]): Promise<PartnershipEntity[]> {
    if (ids.length === 0) return [];
    const rows = await this.em.execute(
      `/* partnership.findByIds */ select p.* from partnerships.partnership p where p.id in (${sqlPlaceholders(ids)})`,
      [...ids],
    );
    return rows.map((row) => this.em.map(PartnershipEntity, row));
  }

  /**
   * Locks the partnership row for the rest of the transaction, so two membership changes of one
   * partnership run one after the other and the "one active lead partner" check cannot race.
   * Returns its status, or null when there is no such partnership.
   */
  async lockForUpdate(id: string): Promise<string | null> {
    const [row] = await this.em.execute(
      '/* partnership.lockForUpdate */ select p.status from partnerships.partnership p where p.id = ? for update',
      [id],
    );
    return row ? String(row.status) : null;
  }

  /** One page in the listing's order, starting after its keyset cursor; fetches `first + 1` rows. */
  async page(listing: PartnershipListing): Promise<PartnershipListRow[]> {
    const statement = pageStatement(listing);
    const rows = await this.em.execute(statement.sql, statement.params);
    return rows.map((row) => toListRow(this.em, row));
  }

  async count(criteria: PartnershipCriteria): Promise<number> {
    const where = whereClause(criteria);
    const [row] = await this.em.execute(
      `/* partnership.count */ select count(*)::int as n from partnerships.partnership p where ${where.sql}`,
      where.params,
    );
    return Number(row!.n);
  }

  /**
   * The same page for many territories in one statement (`prefixesByCode`: each territory's code
   * prefixes): rows are numbered per territory and the first `first + 1` of each kept.
   */
  async pagesByTerritory(prefixesByCode: ReadonlyMap<string, string[]>, listing: PartnershipListing): Promise<Map<string, PartnershipListRow[]>> {
    const found = new Map<string, PartnershipListRow[]>([...prefixesByCode.keys()].map((code) => [code, []]));
    if (prefixesByCode.size === 0) return found;
    const columns = listColumns(listing.criteria);
    const where = whereClause(listing.criteria);
    const after = afterCursor(listing.cursor);
    const rows = await this.em.execute(
      `/* partnership.pageByTerritory */ select * from (
         select m.*, row_number() over (partition by m.parent_code order by ${ORDER_BY[listing.order]}) as rn from (
           select ${columns.sql}, c.code as parent_code
           from unnest(?::text[]) as c(code) join partnerships.partnership p on ${INSIDE_TERRITORY}
           where ${where.sql}
         ) m where ${after.sql}
       ) s where s.rn <= ? order by s.parent_code, s.rn`,
      [
        ...columns.params, pgArrayLiteral([...prefixesByCode.keys()]), ...territoryPairs(prefixesByCode),
        ...where.params, ...after.params, listing.page.first + 1,
      ],
    );
    for (const row of rows) found.get(String(row.parent_code))!.push(toListRow(this.em, row));
    return found;
  }

  /** Matching partnerships per territory, in one grouped statement. */
  async countsByTerritory(prefixesByCode: ReadonlyMap<string, string[]>, criteria: PartnershipCriteria): Promise<Map<string, number>> {
    const counts = new Map<string, number>([...prefixesByCode.keys()].map((code) => [code, 0]));
    if (prefixesByCode.size === 0) return counts;
    const where = whereClause(criteria);
    const rows = await this.em.execute(
      `/* partnership.countByTerritory */ select c.code, count(*)::int as n
       from unnest(?::text[]) as c(code) join partnerships.partnership p on ${INSIDE_TERRITORY}
       where ${where.sql} group by c.code`,
      [pgArrayLiteral([...prefixesByCode.keys()]), ...territoryPairs(prefixesByCode), ...where.params],
    );
    for (const row of rows) counts.set(String(row.code), Number(row.n));
    return counts;
  }

  /** Inserts a partnership; with `ifMissing` an existing id is left untouched (the idempotent seeder). */
  async insert(p: NewPartnershipRow, ifMissing = false): Promise<PartnershipEntity | null> {
    const rows = await this.em.execute(
      `/* partnership.insert */ insert into partnerships.partnership
         (id, name, description, territory_code, additional_territory_codes, status, themes, established_on, has_legal_personality)
       values (?, ?, ?, ?, ?::varchar(7)[], ?, ?::text[], ?::date, ?)
       ${ifMissing ? 'on conflict do nothing' : ''} returning *`,
      [p.id, p.name, p.description, p.territoryCode, pgArrayLiteral(p.additionalTerritoryCodes), p.status, pgArrayLiteral(p.themes), p.establishedOn, p.hasLegalPersonality],
    );
    return rows[0] ? this.em.map(PartnershipEntity, rows[0]) : null;
  }
}

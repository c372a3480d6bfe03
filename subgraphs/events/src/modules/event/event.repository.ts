import type { EntityManager } from '@mikro-orm/postgresql';
import { afterNullsLast, knownIdCondition, pgArrayLiteral, searchSql, sqlPlaceholders, territoryCondition, territoryPrefixes } from '@ngo-hub/kit';
import { EventEntity } from './event.entity.js';
import { EventSort } from './event.type.js';

/** Filters of an event list after validation; plain JSON so loaders can key on it. */
export interface EventCriteria {
  from: string | null;
  to: string | null;
  territoryPrefixes: string[] | null;
  kind: string | null;
  organiserId: string | null;
  partnershipId: string | null;
  upcoming: boolean | null;
  search: string | null;
}

/** Where a page starts: the sort keys of the last row of the previous page (decoded by the service). */
export type EventCursor =
  | { sort: EventSort.STARTS_AT | EventSort.STARTS_AT_DESC; startsAt: string | null; id: string }
  | { sort: EventSort.TITLE; title: string; id: string }
  | { sort: EventSort.RELEVANCE; rank: number; startsAt: string | null; id: string };

/** One page of a list: the effective sort (RELEVANCE only with a search), its size and its cursor. */
export interface EventListRequest {
  sort: EventSort;
  first: number;
  after: EventCursor | null;
}

/** An event as listed, with its relevance when the list is ordered by RELEVANCE. */
export interface EventRow {
  event: EventEntity;
  rank: number | null;
}

/** The parent a batched per-parent list hangs from. */
export type EventParent = 'organisation' | 'partnership' | 'territory';

/** Where a parent's key comes from: a join (with its parameters), the key column, and the key filter. */
interface ParentSql {
  join: string;
  joinParams: unknown[];
  column: string;
  where: string;
  whereParams: unknown[];
}

/**
 * `keys` are normalised parent keys: lower-case UUIDs, or TERC codes of the register (each matched
 * through the prefixes that cover it: a gmina lists its parts too, see kit `territoryPrefixes`).
 */
function parentSql(parent: EventParent, keys: readonly string[]): ParentSql {
  switch (parent) {
    case 'organisation':
      return {
        join: 'join events.event_organiser eo on eo.event_id = e.id', joinParams: [],
        column: 'eo.organisation_id::text', where: `eo.organisation_id in (${sqlPlaceholders(keys)})`, whereParams: [...keys],
      };
    case 'partnership':
      return { join: '', joinParams: [], column: 'e.partnership_id::text', where: `e.partnership_id in (${sqlPlaceholders(keys)})`, whereParams: [...keys] };
    case 'territory': {
      const pairs = keys.flatMap((code) => territoryPrefixes(code).map((prefix) => [code, prefix] as const));
      return {
        // The range is the prefix match again (codes are digits, ':' follows '9') in a form the
        // pattern index on venue_territory_code can serve for each prefix.
        join: `join unnest(?::text[], ?::text[]) as p(code, prefix)
          on e.venue_territory_code like (p.prefix || '%')
          and e.venue_territory_code ~>=~ p.prefix and e.venue_territory_code ~<~ (p.prefix || ':')`,
        joinParams: [pgArrayLiteral(pairs.map(([code]) => code)), pgArrayLiteral(pairs.map(([, prefix]) => prefix))],
        column: 'p.code', where: 'true', whereParams: [],
      };
    }
  }
}

/** The searched expression: exactly the one the trigram index is built on, so the index serves it. */
const SEARCHED = 'events.f_search_text(e.title)';
/** The title order: exactly the expression of event_title_polish_key_idx. */
const TITLE_KEY = 'events.f_polish_key(e.title) collate "C"';

/** ORDER BY of each sort, over a row set `e` that has the event columns and `rank`. */
const ORDER: Record<EventSort, string> = {
  [EventSort.STARTS_AT]: 'e.starts_at asc nulls last, e.id asc',
  [EventSort.STARTS_AT_DESC]: 'e.starts_at desc nulls last, e.id asc',
  [EventSort.TITLE]: `${TITLE_KEY}, e.id asc`,
  [EventSort.RELEVANCE]: 'e.rank desc, e.starts_at asc nulls last, e.id asc',
};

/**
 * How the date range is matched. `overlap`: the event's span (generated column `span`: start to
 * end, else to the end of its Warsaw day or month, else the start; null when undated) meets
 * [from, to], a missing bound being open. A page splits the same set into two disjoint parts whose
 * conditions are indexable in its order: `startsInside` (from ≤ starts_at ≤ to, a btree range on
 * starts_at) and `runningAtFrom` (started before `from` and still running then: a GiST stab).
 */
type DateMatch = 'overlap' | 'startsInside' | 'runningAtFrom';

function dateClause(c: EventCriteria, match: DateMatch): { parts: string[]; params: unknown[] } {
  if (!c.from && !c.to) return { parts: [], params: [] };
  switch (match) {
    case 'overlap':
      return { parts: ["e.span && tstzrange(?::timestamptz, ?::timestamptz, '[]')"], params: [c.from, c.to] };
    case 'startsInside': {
      const parts: string[] = [];
      const params: unknown[] = [];
      if (c.from) { parts.push('e.starts_at >= ?::timestamptz'); params.push(c.from); }
      if (c.to) { parts.push('e.starts_at <= ?::timestamptz'); params.push(c.to); }
      return { parts, params };
    }
    case 'runningAtFrom':
      // starts_at < from ≤ to, so only "still running at from" is left to check.
      return { parts: ['e.span @> ?::timestamptz', 'e.starts_at < ?::timestamptz'], params: [c.from, c.from] };
  }
}

/** The list filters over `events.event e`. */
function filterClause(c: EventCriteria, match: DateMatch = 'overlap'): { sql: string; params: unknown[] } {
  const dates = dateClause(c, match);
  const parts: string[] = ['true', ...dates.parts];
  const params: unknown[] = [...dates.params];
  if (c.territoryPrefixes) {
    const cond = territoryCondition('e.venue_territory_code', c.territoryPrefixes);
    parts.push(cond.sql);
    params.push(...cond.params);
  }
  if (c.kind) { parts.push('e.kind = ?'); params.push(c.kind); }
  if (c.organiserId) {
    parts.push('exists (select 1 from events.event_organiser f where f.event_id = e.id and f.organisation_id = ?::uuid)');
    params.push(c.organiserId);
  }
  if (c.partnershipId) { parts.push('e.partnership_id = ?::uuid'); params.push(c.partnershipId); }
  if (c.upcoming === true) parts.push('e.starts_at >= now()');
  if (c.upcoming === false) parts.push('e.starts_at < now()');
  if (c.search) {
    const search = searchSql('events', SEARCHED, c.search);
    parts.push(search.where);
    params.push(...search.whereParams);
  }
  return { sql: parts.join(' and '), params };
}

/** The relevance column: computed only when the list is ordered by it. */
function rankColumn(c: EventCriteria, sort: EventSort): { sql: string; params: unknown[] } {
  if (sort !== EventSort.RELEVANCE || !c.search) return { sql: 'null::float8', params: [] };
  const search = searchSql('events', SEARCHED, c.search);
  return { sql: search.rank, params: search.rankParams };
}

/** "Comes after the cursor" in the sort's order, over the row set `e` (event columns and `rank`). */
function keysetClause(after: EventCursor | null): { sql: string; params: unknown[] } {
  if (!after) return { sql: 'true', params: [] };
  switch (after.sort) {
    case EventSort.STARTS_AT:
    case EventSort.STARTS_AT_DESC:
      return afterNullsLast(
        { column: 'e.starts_at', type: 'timestamptz', direction: after.sort === EventSort.STARTS_AT ? 'asc' : 'desc', idColumn: 'e.id' },
        { key: after.startsAt, id: after.id },
      );
    case EventSort.TITLE:
      return { sql: `(${TITLE_KEY}, e.id) > (events.f_polish_key(?::text) collate "C", ?::uuid)`, params: [after.title, after.id] };
    case EventSort.RELEVANCE: {
      const rest = afterNullsLast({ column: 'e.starts_at', type: 'timestamptz', direction: 'asc', idColumn: 'e.id' }, { key: after.startsAt, id: after.id });
      return { sql: `(e.rank < ?::float8 or (e.rank = ?::float8 and ${rest.sql}))`, params: [after.rank, after.rank, ...rest.params] };
    }
  }
}

export interface Statement {
  sql: string;
  params: unknown[];
}

/**
 * One page of a list. The inner select is flattened by the planner, so the search and the order are
 * still served by their indexes; exported so a test can EXPLAIN exactly what runs.
 *
 * With a `from`, the matching events are those starting inside the range plus those already
 * running at `from`, each part paged on its own and the two merged. As one overlap condition the
 * planner walked the starts_at index from the oldest event, expecting matches soon though they all
 * sit near `from` (a month in a powiat: 841,547 rows filtered out); split, the first part is a
 * btree range beginning at `from` (or the territory index) and the second a small GiST stab.
 * Only the starts_at orders are split: they are the ones whose index is correlated with the range.
 */
export function pageStatement(criteria: EventCriteria, list: EventListRequest): Statement {
  const rank = rankColumn(criteria, list.sort);
  const keyset = keysetClause(list.after);
  const part = (match: DateMatch): Statement => {
    const filter = filterClause(criteria, match);
    return {
      sql: `select * from (
         select e.*, ${rank.sql} as rank from events.event e where ${filter.sql}
       ) e where ${keyset.sql} order by ${ORDER[list.sort]} limit ?`,
      params: [...rank.params, ...filter.params, ...keyset.params, list.first + 1],
    };
  };
  const byStart = list.sort === EventSort.STARTS_AT || list.sort === EventSort.STARTS_AT_DESC;
  if (!criteria.from || !byStart) {
    // Without `from` the btree range on starts_at is the whole condition; other orders gain
    // nothing from the split and the planner weighs their index against the span/territory ones.
    const only = part(criteria.from ? 'overlap' : 'startsInside');
    return { sql: `/* event.page */ ${only.sql}`, params: only.params };
  }
  // Each part keeps its own ORDER BY and LIMIT: that is what lets the planner merge two ordered scans.
  const inside = part('startsInside');
  const running = part('runningAtFrom');
  return {
    sql: `/* event.page */ select * from ((${inside.sql}) union all (${running.sql})) e order by ${ORDER[list.sort]} limit ?`,
    params: [...inside.params, ...running.params, list.first + 1],
  };
}

/** The count of a list (exported, like `pageStatement`, for EXPLAIN in tests). */
export function countStatement(criteria: EventCriteria): Statement {
  const filter = filterClause(criteria);
  return { sql: `/* event.count */ select count(*)::int as n from events.event e where ${filter.sql}`, params: filter.params };
}

/**
 * The same page for many parents: rows are numbered per parent in the sort's order and the first
 * `first + 1` of each kept, so the statement count does not grow with the number of parents.
 */
export function pagesByParentStatement(parent: EventParent, keys: readonly string[], criteria: EventCriteria, list: EventListRequest): Statement {
  const p = parentSql(parent, keys);
  const rank = rankColumn(criteria, list.sort);
  const filter = filterClause(criteria);
  const keyset = keysetClause(list.after);
  return {
    sql: `/* event.pageBy_${parent} */ select * from (
         select e.*, row_number() over (partition by e.parent_id order by ${ORDER[list.sort]}) as rn from (
           select e.*, ${rank.sql} as rank, ${p.column} as parent_id
           from events.event e ${p.join}
           where ${p.where} and ${filter.sql}
         ) e where ${keyset.sql}
       ) t where t.rn <= ? order by t.parent_id, t.rn`,
    params: [...rank.params, ...p.joinParams, ...p.whereParams, ...filter.params, ...keyset.params, list.first + 1],
  };
}

/** The columns of a new event (`created_at` and `updated_at` are the database's). */
export interface NewEventRow {
  id: string;
  title: string;
  description: string | null;
  kind: string;
  startsAt: Date | null;
  endsAt: Date | null;
  datePrecision: string;
  allDay: boolean;
  durationHours: number | null;
  venueName: string | null;
  venueStreetAddress: string | null;
  venuePostalCode: string | null;
  venueLocality: string | null;
  venueTerritoryCode: string | null;
  partnershipId: string | null;
  audience: string[];
  url: string | null;
  status: string;
}

/** All SQL about events and their organisers; each statement is tagged with its name. */
export class EventRepository {
  constructor(private readonly em: EntityManager) {}

  private toEntity(row: Record<string, unknown>): EventEntity {
    const { parent_id: _p, rn: _rn, rank: _rank, span: _span, ...columns } = row;
    return this.em.map(EventEntity, columns);
  }

  private toRow(row: Record<string, unknown>): EventRow {
    return { event: this.toEntity(row), rank: row.rank == null ? null : Number(row.rank) };
  }

  async findByIds(ids: readonly string[]): Promise<EventEntity[]> {
    if (ids.length === 0) return [];
    const rows = await this.em.execute(`/* event.findByIds */ select e.* from events.event e where e.id in (${sqlPlaceholders(ids)})`, [...ids]);
    return rows.map((r) => this.toEntity(r));
  }

  /**
   * Organiser ids of many events, lead organiser first: only organisations the hub knows (the
   * `known_id` replica). An id whose organisation is gone, or that was written around the API, would
   * otherwise make the gateway fail the whole response: `organisers` is a non-null list of
   * non-null organisations, and the organisations subgraph resolves an unknown id to null.
   */
  async organisersOf(eventIds: readonly string[]): Promise<{ eventId: string; organisationId: string }[]> {
    if (eventIds.length === 0) return [];
    const rows = await this.em.execute(
      `/* event.organisers */ select o.event_id, o.organisation_id from events.event_organiser o
       where o.event_id in (${sqlPlaceholders(eventIds)}) and ${knownIdCondition('events', 'organisation', 'o.organisation_id')}
       order by o.event_id, o.position`,
      [...eventIds],
    );
    return rows.map((r) => ({ eventId: String(r.event_id), organisationId: String(r.organisation_id) }));
  }

  /** One page in the sort's order after the keyset cursor; fetches `first + 1` rows. */
  async page(criteria: EventCriteria, list: EventListRequest): Promise<EventRow[]> {
    const statement = pageStatement(criteria, list);
    const rows = await this.em.execute(statement.sql, statement.params);
    return rows.map((r) => this.toRow(r));
  }

  async count(criteria: EventCriteria): Promise<number> {
    const statement = countStatement(criteria);
    const [row] = await this.em.execute(statement.sql, statement.params);
    return Number(row!.n);
  }

  /** The same page for many parents in one statement (see `pagesByParentStatement`). */
  async pagesByParent(parent: EventParent, keys: readonly string[], criteria: EventCriteria, list: EventListRequest): Promise<{ parentId: string; row: EventRow }[]> {
    if (keys.length === 0) return [];
    const statement = pagesByParentStatement(parent, keys, criteria, list);
    const rows = await this.em.execute(statement.sql, statement.params);
    return rows.map((r) => ({ parentId: String(r.parent_id), row: this.toRow(r) }));
  }

  /** Matching events per parent, in one grouped statement; a parent without events is absent. */
  async countsByParent(
    parent: EventParent, keys: readonly string[], criteria: EventCriteria,
  ): Promise<Map<string, number>> {
    if (keys.length === 0) return new Map();
    const p = parentSql(parent, keys);
    const filter = filterClause(criteria);
    const rows = await this.em.execute(
      `/* event.countBy_${parent} */ select ${p.column} as parent_id, count(*)::int as n from events.event e ${p.join}
       where ${p.where} and ${filter.sql} group by ${p.column}`,
      [...p.joinParams, ...p.whereParams, ...filter.params],
    );
    return new Map(rows.map((r) => [String(r.parent_id), Number(r.n)]));
  }

  /**
   * Inserts an event and its organisers (in their order, the lead first); with `ifMissing` an
   * existing id is left untouched and null returned (the idempotent seeder).
   */
  async insert(e: NewEventRow, organiserIds: readonly string[], ifMissing = false): Promise<EventEntity | null> {
    const rows = await this.em.execute(
      `/* event.insert */ insert into events.event (id, title, description, kind, starts_at, ends_at, date_precision, all_day,
         duration_hours, venue_name, venue_street_address, venue_postal_code, venue_locality, venue_territory_code, partnership_id,
         audience, url, status)
       values (?, ?, ?, ?, ?::timestamptz, ?::timestamptz, ?, ?, ?, ?, ?, ?, ?, ?, ?::uuid, ?::text[], ?, ?)
       ${ifMissing ? 'on conflict do nothing' : ''} returning *`,
      [e.id, e.title, e.description, e.kind, e.startsAt?.toISOString() ?? null, e.endsAt?.toISOString() ?? null, e.datePrecision, e.allDay,
        e.durationHours, e.venueName, e.venueStreetAddress, e.venuePostalCode, e.venueLocality, e.venueTerritoryCode, e.partnershipId,
        pgArrayLiteral(e.audience), e.url, e.status],
    );
    if (!rows[0]) return null;
    await this.em.execute(
      `/* event.insertOrganisers */ insert into events.event_organiser (event_id, organisation_id, position)
       select ?, o.id, o.n - 1 from unnest(?::uuid[]) with ordinality as o(id, n)`,
      [e.id, pgArrayLiteral(organiserIds)],
    );
    return this.toEntity(rows[0]);
  }

  /** Locks one event row for the rest of the transaction; null when there is none. */
  async lockForUpdate(id: string): Promise<EventEntity | null> {
    const [row] = await this.em.execute('/* event.lockForUpdate */ select e.* from events.event e where e.id = ? for update', [id]);
    return row ? this.toEntity(row) : null;
  }

  async setStatus(id: string, status: string): Promise<EventEntity> {
    const [row] = await this.em.execute(
      '/* event.setStatus */ update events.event set status = ?, updated_at = now() where id = ? returning *',
      [status, id],
    );
    return this.toEntity(row!);
  }
}

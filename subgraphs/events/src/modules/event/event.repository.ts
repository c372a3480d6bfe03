import type { EntityManager } from '@mikro-orm/postgresql';
import { afterNullsLast, likeContains, sqlPlaceholders, territoryCondition, type PageRequest } from '@ngo-hub/kit';
import { EventEntity } from './event.entity.js';

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

/** The parent a batched per-parent list hangs from: its key column and the join reaching it. */
export type EventParent = 'organisation' | 'partnership';

const PARENTS: Record<EventParent, { join: string; column: string }> = {
  organisation: { join: 'join events.event_organiser eo on eo.event_id = e.id', column: 'eo.organisation_id' },
  partnership: { join: '', column: 'e.partnership_id' },
};

const warsaw = (expr: string) => `(${expr} at time zone 'Europe/Warsaw')`;

/**
 * The last instant an event may still be running: its end, else the end of its month or day for
 * MONTH / DAY precision (computed on the Warsaw calendar), else its start.
 */
const SPAN_END = `coalesce(e.ends_at, case e.date_precision
  when 'MONTH' then (${warsaw('e.starts_at')} + interval '1 month' - interval '1 millisecond') at time zone 'Europe/Warsaw'
  when 'DAY' then (${warsaw('e.starts_at')} + interval '1 day' - interval '1 millisecond') at time zone 'Europe/Warsaw'
  else e.starts_at end)`;

const ORDER = 'e.starts_at asc nulls last, e.id asc';

function whereClause(c: EventCriteria, page: PageRequest | null): { sql: string; params: unknown[] } {
  const parts: string[] = ['true'];
  const params: unknown[] = [];
  if (c.from) { parts.push(`${SPAN_END} >= ?::timestamptz`); params.push(c.from); }
  if (c.to) { parts.push('e.starts_at <= ?::timestamptz'); params.push(c.to); }
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
    parts.push('events.f_unaccent(lower(e.title)) like events.f_unaccent(lower(?))');
    params.push(likeContains(c.search));
  }
  // Keyset after (startsAt, id) in "starts_at nulls last, id" order; the service checked the cursor.
  if (page?.after) {
    const [key, id] = page.after as [string | null, string];
    const after = afterNullsLast({ column: 'e.starts_at', type: 'timestamptz', direction: 'asc', idColumn: 'e.id' }, { key, id });
    parts.push(after.sql);
    params.push(...after.params);
  }
  return { sql: parts.join(' and '), params };
}

/** All SQL about events and their organisers; each statement is tagged with its name. */
export class EventRepository {
  constructor(private readonly em: EntityManager) {}

  private toEntity(row: Record<string, unknown>): EventEntity {
    const { parent_id: _p, rn: _rn, ...columns } = row;
    return this.em.map(EventEntity, columns);
  }

  async findByIds(ids: readonly string[]): Promise<EventEntity[]> {
    if (ids.length === 0) return [];
    const rows = await this.em.execute(`/* event.findByIds */ select e.* from events.event e where e.id in (${sqlPlaceholders(ids)})`, [...ids]);
    return rows.map((r) => this.toEntity(r));
  }

  /** Organiser ids of many events, lead organiser first. */
  async organisersOf(eventIds: readonly string[]): Promise<{ eventId: string; organisationId: string }[]> {
    if (eventIds.length === 0) return [];
    const rows = await this.em.execute(
      `/* event.organisers */ select event_id, organisation_id from events.event_organiser
       where event_id in (${sqlPlaceholders(eventIds)}) order by event_id, position`,
      [...eventIds],
    );
    return rows.map((r) => ({ eventId: String(r.event_id), organisationId: String(r.organisation_id) }));
  }

  /** One page in (startsAt nulls last, id) order after the keyset cursor; fetches `first + 1` rows. */
  async page(criteria: EventCriteria, page: PageRequest): Promise<EventEntity[]> {
    const where = whereClause(criteria, page);
    const rows = await this.em.execute(
      `/* event.page */ select e.* from events.event e where ${where.sql} order by ${ORDER} limit ?`,
      [...where.params, page.first + 1],
    );
    return rows.map((r) => this.toEntity(r));
  }

  async count(criteria: EventCriteria): Promise<number> {
    const where = whereClause(criteria, null);
    const [row] = await this.em.execute(`/* event.count */ select count(*)::int as n from events.event e where ${where.sql}`, where.params);
    return Number(row!.n);
  }

  /**
   * The same page for many parents in one statement: rows are numbered per parent and the first
   * `first + 1` of each kept, so the statement count does not grow with the number of parents.
   */
  async pagesByParent(parent: EventParent, parentIds: readonly string[], criteria: EventCriteria, page: PageRequest): Promise<{ parentId: string; event: EventEntity }[]> {
    if (parentIds.length === 0) return [];
    const { join, column } = PARENTS[parent];
    const where = whereClause(criteria, page);
    const rows = await this.em.execute(
      `/* event.pageBy_${parent} */ select * from (
         select e.*, ${column} as parent_id, row_number() over (partition by ${column} order by ${ORDER}) as rn
         from events.event e ${join}
         where ${column} in (${sqlPlaceholders(parentIds)}) and ${where.sql}
       ) t where t.rn <= ? order by t.parent_id, t.rn`,
      [...parentIds, ...where.params, page.first + 1],
    );
    return rows.map((r) => ({ parentId: String(r.parent_id), event: this.toEntity(r) }));
  }

  /** Matching events per parent, in one grouped statement; a parent without events is absent. */
  async countsByParent(parent: EventParent, parentIds: readonly string[], criteria: EventCriteria): Promise<Map<string, number>> {
    if (parentIds.length === 0) return new Map();
    const { join, column } = PARENTS[parent];
    const where = whereClause(criteria, null);
    const rows = await this.em.execute(
      `/* event.countBy_${parent} */ select ${column} as parent_id, count(*)::int as n from events.event e ${join}
       where ${column} in (${sqlPlaceholders(parentIds)}) and ${where.sql} group by ${column}`,
      [...parentIds, ...where.params],
    );
    return new Map(rows.map((r) => [String(r.parent_id), Number(r.n)]));
  }
}

import type { EntityManager } from '@mikro-orm/postgresql';
import {
  defineList,
  isUuid,
  joinSql,
  knownIdCondition,
  pgArrayLiteral,
  rawSql,
  RecordSource,
  sql,
  sqlPlaceholders,
  territoryParent,
  territoryRangeSql,
  type Connection,
  type ListQuery,
  type ParentLoaders,
  timestampOf,
  timestampOrNull,
} from '@ngo-hub/kit';
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
  /** ISO instant: only rows changed at or after it (see the engine's `updatedAt`). */
  modifiedSince: string | null;
}

/** The parent a batched per-parent list hangs from. */
export type EventParent = 'organisation' | 'partnership' | 'territory';

/** Ids are UUIDs compared in lower case; anything else came through federation and simply has no events. */
const normaliseId = (id: string) => (isUuid(id) ? id.toLowerCase() : null);
const idList = (ids: string[]) =>
  joinSql(
    ids.map((id) => sql`${id}`),
    ', ',
  );

const byStart = (sort: EventSort) => sort === EventSort.STARTS_AT || sort === EventSort.STARTS_AT_DESC;

/**
 * The event list (root `events`, `Organisation.events`, `Partnership.events`, `Territory.events`).
 * Without `sort`: RELEVANCE with a search, STARTS_AT without. STARTS_AT cursors carry no tag (as
 * issued before the other sorts existed); TITLE cursors carry the title, bound through its Polish key.
 */
export const eventList = defineList<EventCriteria, EventSort, EventParent>({
  name: 'event',
  table: 'events.event',
  alias: 'e',
  updatedAt: 'e.updated_at',
  // Exactly the expression the trigram index is built on, so the index serves it.
  search: { schema: 'events', indexed: 'events.f_search_text(e.title)', sort: EventSort.RELEVANCE },
  filters: {
    /**
     * The event's span (generated column `span`: start to end, else to the end of its Warsaw day or
     * month, else the start; null when undated) meets [from, to], a missing bound being open.
     *
     * A root page splits the same set into two disjoint parts whose conditions are indexable in its
     * order: starting inside the range (a btree range on starts_at) and already running at `from`
     * (a GiST stab), each paged on its own and merged. As one overlap condition the planner walked
     * the starts_at index from the oldest event, expecting matches soon though they all sit near
     * `from` (a month in a powiat: 841,547 rows filtered out). Only the starts_at orders are split:
     * they are the ones whose index is correlated with the range. Without `from` the btree range on
     * starts_at is the whole condition.
     */
    dates: {
      where: (c) =>
        c.from || c.to ? sql`e.span && tstzrange(${c.from}::timestamptz, ${c.to}::timestamptz, '[]')` : null,
      page: (c, sort) => {
        // The overlap is implied by starting inside; stated, it lets the (territory, span) index serve this part too.
        const startsInside = joinSql(
          [
            ...(c.from ? [sql`e.starts_at >= ${c.from}::timestamptz`] : []),
            ...(c.to ? [sql`e.starts_at <= ${c.to}::timestamptz`] : []),
            sql`e.span && tstzrange(${c.from}::timestamptz, ${c.to}::timestamptz, '[]')`,
          ],
          ' and ',
        );
        if (!c.from) return c.to ? [startsInside] : null;
        if (!byStart(sort)) return null;
        // starts_at < from ≤ to, so only "still running at from" is left to check.
        return [startsInside, sql`e.span @> ${c.from}::timestamptz and e.starts_at < ${c.from}::timestamptz`];
      },
    },
    // As ranges too, for the GiST index over (venue_territory_code, span) (migration 009).
    territory: (c) => (c.territoryPrefixes ? territoryRangeSql('e.venue_territory_code', c.territoryPrefixes) : null),
    kind: (c) => (c.kind ? sql`e.kind = ${c.kind}` : null),
    organiser: (c) =>
      c.organiserId
        ? sql`exists (select 1 from events.event_organiser f where f.event_id = e.id and f.organisation_id = ${c.organiserId}::uuid)`
        : null,
    partnership: (c) => (c.partnershipId ? sql`e.partnership_id = ${c.partnershipId}::uuid` : null),
    upcoming: (c) => (c.upcoming == null ? null : rawSql(c.upcoming ? 'e.starts_at >= now()' : 'e.starts_at < now()')),
  },
  sorts: {
    [EventSort.STARTS_AT]: [{ expr: 'e.starts_at', type: 'timestamptz', nullsLast: true }],
    [EventSort.STARTS_AT_DESC]: [{ expr: 'e.starts_at', type: 'timestamptz', direction: 'desc', nullsLast: true }],
    // Exactly the expression of event_title_polish_key_idx.
    [EventSort.TITLE]: [
      {
        expr: 'events.f_polish_key(e.title) collate "C"',
        type: 'text',
        cursor: { value: 'e.title', bind: 'events.f_polish_key(?::text) collate "C"' },
      },
    ],
  },
  defaultSort: EventSort.STARTS_AT,
  untagged: EventSort.STARTS_AT,
  parents: {
    organisation: {
      normalise: normaliseId,
      sql: (ids) => ({
        join: rawSql('join events.event_organiser eo on eo.event_id = e.id'),
        where: sql`eo.organisation_id in (${idList(ids)})`,
        key: 'eo.organisation_id::text',
      }),
    },
    partnership: {
      normalise: normaliseId,
      sql: (ids) => ({ where: sql`e.partnership_id in (${idList(ids)})`, key: 'e.partnership_id::text' }),
    },
    territory: territoryParent((t) => ({
      // The range is the prefix match again (codes are digits, ':' follows '9') in a form the
      // pattern index on venue_territory_code can serve for each prefix.
      join: sql`join ${t.pairs} on e.venue_territory_code like (tp.prefix || '%')
        and e.venue_territory_code ~>=~ tp.prefix and e.venue_territory_code ~<~ (tp.prefix || ':')`,
      key: 'tp.code',
    })),
  },
});

export type EventListQuery = ListQuery<EventCriteria, EventSort>;

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
  /** CONTRIBUTED unless the writer is the demo seeder. */
  source?: RecordSource;
}

/** What reads of an event return: its entity's fields, as a plain object (never an entity). */
export type EventRecord = Pick<EventEntity, keyof EventEntity>;

/** A `select e.*` row as an `EventRecord`: the one mapping of read paths (`span` is not a field). */
function eventRecord(row: Record<string, unknown>): EventRecord {
  return {
    id: row.id as string,
    title: row.title as string,
    description: row.description as string | null,
    kind: row.kind as string,
    startsAt: timestampOrNull(row.starts_at),
    endsAt: timestampOrNull(row.ends_at),
    datePrecision: row.date_precision as string,
    allDay: row.all_day as boolean,
    durationHours: row.duration_hours as number | null,
    venueName: row.venue_name as string | null,
    venueStreetAddress: row.venue_street_address as string | null,
    venuePostalCode: row.venue_postal_code as string | null,
    venueLocality: row.venue_locality as string | null,
    venueTerritoryCode: row.venue_territory_code as string | null,
    partnershipId: row.partnership_id as string | null,
    audience: row.audience as string[],
    url: row.url as string | null,
    status: row.status as string,
    createdAt: timestampOf(row.created_at),
    updatedAt: timestampOf(row.updated_at),
    source: row.source as string,
  };
}

/** All SQL about events and their organisers; each statement is tagged with its name. */
export class EventRepository {
  constructor(private readonly em: EntityManager) {}

  private toEntity(row: Record<string, unknown>): EventEntity {
    const { span: _span, ...columns } = row;
    return this.em.map(EventEntity, columns);
  }

  async findByIds(ids: readonly string[]): Promise<EventRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.em.execute(
      `/* event.findByIds */ select e.* from events.event e where e.id in (${sqlPlaceholders(ids)})`,
      [...ids],
    );
    return rows.map(eventRecord);
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

  /** A page of a list; `totalCount` is counted only when asked for. */
  list<T>(q: EventListQuery, toNode: (row: EventRecord) => T): Promise<Connection<T>> {
    return eventList.connection(this.em, q, (row) => toNode(eventRecord(row)));
  }

  /** The list of one parent, through the request's loaders: one statement for all parents (and one count). */
  ofParent<T>(
    loaders: ParentLoaders<EventCriteria, EventSort>,
    parentId: string,
    q: EventListQuery,
    toNode: (row: EventRecord) => T,
  ): Promise<Connection<T>> {
    return eventList.parentConnection(loaders, parentId, q, (row) => toNode(eventRecord(row)));
  }

  /**
   * Inserts an event and its organisers (in their order, the lead first); with `ifMissing` an
   * existing id is left untouched and null returned (the idempotent seeder).
   */
  async insert(e: NewEventRow, organiserIds: readonly string[], ifMissing = false): Promise<EventEntity | null> {
    const rows = await this.em.execute(
      `/* event.insert */ insert into events.event (id, title, description, kind, starts_at, ends_at, date_precision, all_day,
         duration_hours, venue_name, venue_street_address, venue_postal_code, venue_locality, venue_territory_code, partnership_id,
         audience, url, status, source)
       values (?, ?, ?, ?, ?::timestamptz, ?::timestamptz, ?, ?, ?, ?, ?, ?, ?, ?, ?::uuid, ?::text[], ?, ?, ?)
       ${ifMissing ? 'on conflict do nothing' : ''} returning *`,
      [
        e.id,
        e.title,
        e.description,
        e.kind,
        e.startsAt?.toISOString() ?? null,
        e.endsAt?.toISOString() ?? null,
        e.datePrecision,
        e.allDay,
        e.durationHours,
        e.venueName,
        e.venueStreetAddress,
        e.venuePostalCode,
        e.venueLocality,
        e.venueTerritoryCode,
        e.partnershipId,
        pgArrayLiteral(e.audience),
        e.url,
        e.status,
        e.source ?? RecordSource.CONTRIBUTED,
      ],
    );
    if (!rows[0]) return null;
    await this.em.execute(
      `/* event.insertOrganisers */ insert into events.event_organiser (event_id, organisation_id, position)
       select ?, o.id, o.n - 1 from unnest(?::uuid[]) with ordinality as o(id, n)`,
      [e.id, pgArrayLiteral(organiserIds)],
    );
    return this.toEntity(rows[0]);
  }

  /**
   * Moves synthetic events to the given times (the demo layer is dated relative to the day of each
   * start); rows of any other source are never touched, nor rows already at those times.
   */
  async moveSynthetic(times: readonly { id: string; startsAt: Date; endsAt: Date }[]): Promise<void> {
    await this.em.execute(
      `/* event.moveSynthetic */ update events.event e set starts_at = t.starts_at, ends_at = t.ends_at
       from unnest(?::uuid[], ?::timestamptz[], ?::timestamptz[]) as t(id, starts_at, ends_at)
       where e.id = t.id and e.source = 'SYNTHETIC' and (e.starts_at, e.ends_at) is distinct from (t.starts_at, t.ends_at)`,
      [
        pgArrayLiteral(times.map((t) => t.id)),
        pgArrayLiteral(times.map((t) => t.startsAt.toISOString())),
        pgArrayLiteral(times.map((t) => t.endsAt.toISOString())),
      ],
    );
  }

  /** Every organiser stored for one event, known to the hub or not (who may write it). */
  async storedOrganiserIds(eventId: string): Promise<string[]> {
    const rows = await this.em.execute(
      '/* event.storedOrganisers */ select o.organisation_id from events.event_organiser o where o.event_id = ? order by o.position',
      [eventId],
    );
    return rows.map((r) => String(r.organisation_id));
  }

  /** Locks one event row for the rest of the transaction; null when there is none. */
  async lockForUpdate(id: string): Promise<EventEntity | null> {
    const [row] = await this.em.execute(
      '/* event.lockForUpdate */ select e.* from events.event e where e.id = ? for update',
      [id],
    );
    return row ? this.toEntity(row) : null;
  }

  async setStatus(id: string, status: string): Promise<EventEntity> {
    const [row] = await this.em.execute(
      '/* event.setStatus */ update events.event set status = ? where id = ? returning *',
      [status, id],
    );
    return this.toEntity(row!);
  }
}

import type { Db, Tx } from '@ngo-hub/kit';
import { recordMissingOutbox, recordOutbox, TOPICS } from '@ngo-hub/kit';

/** An event's year for analytics windows: its start's calendar year in Warsaw (null without a start). */
const EVENT_YEAR = "extract(year from e.starts_at at time zone 'Europe/Warsaw')::int";

/**
 * Every event's `TOPICS.eventOrganisers` state: its organisers in their order, or null for a
 * cancelled event (a cancelled event is no cooperation). The organisers are read per event through
 * the primary key, and only for events the caller keeps (e.g. those missing from the outbox).
 */
const ORGANISERS_STATE = `select e.id as key,
    case when e.status = 'CANCELLED' then null
         else jsonb_build_object('organisationIds', coalesce(
           (select jsonb_agg(o.organisation_id order by o.position, o.organisation_id) from events.event_organiser o where o.event_id = e.id),
           '[]'::jsonb), 'year', ${EVENT_YEAR})
    end as payload
  from events.event e`;

/**
 * Records an event's organisers (and its year, from `startsAt`) in the outbox, inside the transaction
 * that changed them. `null` (a cancelled event) withdraws the event: a cancelled event is no cooperation.
 */
export function recordOrganisers(
  tx: Tx,
  eventId: string,
  organisationIds: string[] | null,
  startsAt: Date | null,
): Promise<void> {
  const payload =
    organisationIds === null ? null : { organisationIds: [...new Set(organisationIds)], year: warsawYear(startsAt) };
  return recordOutbox(tx, 'events', TOPICS.eventOrganisers, eventId, payload);
}

function warsawYear(instant: Date | null): number | null {
  if (!instant) return null;
  return Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Warsaw', year: 'numeric' }).format(instant));
}

/** Records the organisers of every event not yet in the outbox (bulk-loaded rows, data from before the outbox), in one statement. */
export function recordMissingOrganisers(db: Db): Promise<void> {
  // Messages recorded before the year was published are recorded again, once.
  return recordMissingOutbox(
    db,
    'events',
    TOPICS.eventOrganisers,
    ORGANISERS_STATE,
    [],
    "(x.payload is null or x.payload -> 'year' is not null)",
  );
}

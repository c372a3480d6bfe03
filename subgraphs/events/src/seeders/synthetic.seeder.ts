import { DateTime as Luxon } from 'luxon';
import { HUB_ZONE, inTransaction, RecordSource, warsawToday, type Db } from '@ngo-hub/kit';
import { addDays, syntheticDemo, type SyntheticEvent } from '@ngo-hub/kit/synthetic';
import { recordOrganisers } from '../modules/event/event.outbox.js';
import { EventRepository } from '../modules/event/event.repository.js';

/** The event's start and end on the day `startsIn` days after `today`, Warsaw time. */
function timesOf(e: SyntheticEvent, today: string): { startsAt: Date; endsAt: Date } {
  const start = Luxon.fromISO(`${addDays(today, e.startsIn)}T${String(e.hour).padStart(2, '0')}:00`, {
    zone: HUB_ZONE,
  });
  return { startsAt: start.toJSDate(), endsAt: start.plus({ hours: e.hours }).toJSDate() };
}

/**
 * Inserts the synthetic demo layer's events that are missing (source SYNTHETIC) and publishes their
 * organisers, then moves every synthetic event to its day relative to today, so upcoming events
 * never run out. Other edits to existing rows are kept.
 */
export async function seedSyntheticEvents(db: Db): Promise<void> {
  const today = warsawToday();
  const events = syntheticDemo().events;
  await inTransaction(db, async (tx) => {
    const repo = new EventRepository(tx);
    for (const e of events) {
      const { startsAt, endsAt } = timesOf(e, today);
      await repo.insert(
        {
          id: e.id,
          title: e.title,
          description: e.description,
          kind: e.kind,
          startsAt,
          endsAt,
          datePrecision: 'TIME',
          allDay: false,
          durationHours: e.kind === 'WORKSHOP' || e.kind === 'TRAINING' ? e.hours : null,
          venueName: e.venueName,
          venueStreetAddress: null,
          venuePostalCode: null,
          venueLocality: e.venueLocality,
          venueTerritoryCode: e.venueTerritoryCode,
          partnershipId: e.partnershipId,
          audience: e.audience,
          url: null,
          status: 'CONFIRMED',
          source: RecordSource.SYNTHETIC,
        },
        e.organiserIds,
        true,
      );
    }
    await repo.moveSynthetic(events.map((e) => ({ id: e.id, ...timesOf(e, today) })));
    // Dates follow today, and so does each event's year in the cooperation analytics.
    for (const e of events) await recordOrganisers(tx, e.id, e.organiserIds, timesOf(e, today).startsAt);
  });
}

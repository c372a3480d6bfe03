import type { Db } from '@ngo-hub/kit';
import { DataLoader, isUuid, manyByKey, oneByKey } from '@ngo-hub/kit';
import { eventList, EventRepository } from './modules/event/event.repository.js';
import { toEvent } from './modules/event/event.service.js';
import type { Event } from './modules/event/event.type.js';

/** The request's loaders: one batched statement per relation, whatever the number of parents. */
export function createLoaders(em: Db) {
  const events = new EventRepository(em);

  return {
    event: new DataLoader<string, Event | null>(async (ids) => {
      const valid = ids.filter(isUuid);
      const rows = await events.findByIds(valid);
      return oneByKey(
        ids.map((id) => id.toLowerCase()),
        rows.map(toEvent),
        (e) => e.id,
      );
    }),
    organiserIds: new DataLoader<string, string[]>(async (eventIds) => {
      const rows = await events.organisersOf(eventIds);
      return manyByKey(eventIds, rows, (r) => r.eventId).map((list) => list.map((r) => r.organisationId));
    }),
    /** A parent's events: every parent asked with the same arguments in one page statement (and one count). */
    organisationEvents: eventList.parentLoaders(em, 'organisation'),
    partnershipEvents: eventList.parentLoaders(em, 'partnership'),
    territoryEvents: eventList.parentLoaders(em, 'territory'),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

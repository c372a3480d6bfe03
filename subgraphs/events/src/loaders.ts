import type { Db } from '@ngo-hub/kit';
import { DataLoader, groupBySignature, isUuid, manyByKey, objectKeyLoader, oneByKey, tercRegister } from '@ngo-hub/kit';
import { EventRepository, type EventCriteria, type EventListRequest, type EventParent, type EventRow } from './modules/event/event.repository.js';
import { toEvent } from './modules/event/event.service.js';
import type { Event } from './modules/event/event.type.js';

export interface ParentPageKey {
  parentId: string;
  criteria: EventCriteria;
  list: EventListRequest;
}

export interface ParentCountKey {
  parentId: string;
  criteria: EventCriteria;
}

/**
 * The key a parent is stored under, or null when it cannot have events: ids are UUIDs compared in
 * lower case; a territory is a TERC code of the register (an unknown one came from federation and
 * simply has no events).
 */
const NORMALISE: Record<EventParent, (id: string) => string | null> = {
  organisation: (id) => (isUuid(id) ? id.toLowerCase() : null),
  partnership: (id) => (isUuid(id) ? id.toLowerCase() : null),
  territory: (code) => (tercRegister().has(code) ? code : null),
};

/** The request's loaders: one batched statement per relation, whatever the number of parents. */
export function createLoaders(em: Db) {
  const events = new EventRepository(em);

  const keysOf = (parent: EventParent, group: readonly { parentId: string }[]) =>
    [...new Set(group.map((k) => NORMALISE[parent](k.parentId)).filter((k): k is string => k !== null))];

  const pagesOf = (parent: EventParent) =>
    objectKeyLoader<ParentPageKey, EventRow[]>(async (keys) => {
      const found = new Map<ParentPageKey, EventRow[]>();
      for (const group of groupBySignature(keys, ({ parentId: _id, ...args }) => args).values()) {
        const parentKeys = keysOf(parent, group);
        const rows = await events.pagesByParent(parent, parentKeys, group[0]!.criteria, group[0]!.list);
        const lists = manyByKey(parentKeys, rows, (r) => r.parentId);
        const byKey = new Map(parentKeys.map((k, i) => [k, lists[i]!.map((r) => r.row)]));
        for (const key of group) found.set(key, byKey.get(NORMALISE[parent](key.parentId) ?? '') ?? []);
      }
      return keys.map((k) => found.get(k) ?? []);
    });

  const countsOf = (parent: EventParent) =>
    objectKeyLoader<ParentCountKey, number>(async (keys) => {
      const found = new Map<ParentCountKey, number>();
      for (const group of groupBySignature(keys, ({ parentId: _id, ...args }) => args).values()) {
        const counts = await events.countsByParent(parent, keysOf(parent, group), group[0]!.criteria);
        for (const key of group) found.set(key, counts.get(NORMALISE[parent](key.parentId) ?? '') ?? 0);
      }
      return keys.map((k) => found.get(k) ?? 0);
    });

  return {
    event: new DataLoader<string, Event | null>(async (ids) => {
      const valid = ids.filter(isUuid);
      const rows = await events.findByIds(valid);
      return oneByKey(ids.map((id) => id.toLowerCase()), rows.map(toEvent), (e) => e.id);
    }),
    organiserIds: new DataLoader<string, string[]>(async (eventIds) => {
      const rows = await events.organisersOf(eventIds);
      return manyByKey(eventIds, rows, (r) => r.eventId).map((list) => list.map((r) => r.organisationId));
    }),
    organisationEvents: pagesOf('organisation'),
    organisationEventCount: countsOf('organisation'),
    partnershipEvents: pagesOf('partnership'),
    partnershipEventCount: countsOf('partnership'),
    territoryEvents: pagesOf('territory'),
    territoryEventCount: countsOf('territory'),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

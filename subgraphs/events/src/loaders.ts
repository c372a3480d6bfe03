import type { EntityManager } from '@mikro-orm/postgresql';
import { DataLoader, isUuid, manyByKey, objectKeyLoader, oneByKey, type PageRequest } from '@ngo-hub/kit';
import type { EventEntity } from './modules/event/event.entity.js';
import { EventRepository, type EventCriteria, type EventParent } from './modules/event/event.repository.js';
import { toEvent } from './modules/event/event.service.js';
import type { Event } from './modules/event/event.type.js';

export interface ParentPageKey {
  parentId: string;
  criteria: EventCriteria;
  page: PageRequest;
}

export interface ParentCountKey {
  parentId: string;
  criteria: EventCriteria;
}

/** Splits keys by everything but the parent id: each group is one statement for all its parents. */
function byArguments<K extends { parentId: string }>(keys: readonly K[]): K[][] {
  const groups = new Map<string, K[]>();
  for (const key of keys) {
    const { parentId: _id, ...args } = key;
    const signature = JSON.stringify(args);
    const group = groups.get(signature);
    if (group) group.push(key);
    else groups.set(signature, [key]);
  }
  return [...groups.values()];
}

/** The request's loaders: one batched statement per relation, whatever the number of parents. */
export function createLoaders(em: EntityManager) {
  const events = new EventRepository(em);

  const pagesOf = (parent: EventParent) =>
    objectKeyLoader<ParentPageKey, EventEntity[]>(async (keys) => {
      const found = new Map<ParentPageKey, EventEntity[]>();
      for (const group of byArguments(keys)) {
        const ids = [...new Set(group.map((k) => k.parentId).filter(isUuid).map((id) => id.toLowerCase()))];
        const rows = await events.pagesByParent(parent, ids, group[0]!.criteria, group[0]!.page);
        const lists = manyByKey(ids, rows, (r) => r.parentId);
        const byId = new Map(ids.map((id, i) => [id, lists[i]!.map((r) => r.event)]));
        for (const key of group) found.set(key, byId.get(key.parentId.toLowerCase()) ?? []);
      }
      return keys.map((k) => found.get(k) ?? []);
    });

  const countsOf = (parent: EventParent) =>
    objectKeyLoader<ParentCountKey, number>(async (keys) => {
      const found = new Map<ParentCountKey, number>();
      for (const group of byArguments(keys)) {
        const ids = [...new Set(group.map((k) => k.parentId).filter(isUuid).map((id) => id.toLowerCase()))];
        const counts = await events.countsByParent(parent, ids, group[0]!.criteria);
        for (const key of group) found.set(key, counts.get(key.parentId.toLowerCase()) ?? 0);
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
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

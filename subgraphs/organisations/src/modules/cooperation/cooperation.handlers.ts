import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArrayLiteral, type IntegrationEvent, type IntegrationHandler } from '@ngo-hub/kit';
import { refreshPairs } from './cooperation.pairs.js';

export type CooperationKind = 'PARTNERSHIP' | 'GRANT' | 'EVENT';

/** The payload the owners send: everyone taking part in one partnership, grant or event. */
export interface ParticipantsPayload {
  organisationIds: string[];
}

/** Integration topics this subgraph listens to, and the kind of cooperation each one records. */
export const COOPERATION_TOPICS: Record<string, CooperationKind> = {
  'partnership.members': 'PARTNERSHIP',
  'grant.participants': 'GRANT',
  'event.organisers': 'EVENT',
};

/** Replaces the participant set of each source with the newest one (an empty or null payload removes it). */
function replaceParticipants(kind: CooperationKind): IntegrationHandler {
  return async (em: EntityManager, events: IntegrationEvent<ParticipantsPayload>[]) => {
    await em.execute(
      `/* cooperation.clear */ delete from organisations.cooperation_link where kind = ? and source_id = any(?::uuid[])`,
      [kind, pgArrayLiteral(events.map((e) => e.key))],
    );
    const pairs = events.flatMap((e) => [...new Set(e.payload?.organisationIds ?? [])].map((id) => [e.key, id] as const));
    if (pairs.length > 0) await em.execute(
      `/* cooperation.insert */ insert into organisations.cooperation_link (kind, source_id, organisation_id)
       select ?, p.source_id, p.organisation_id from unnest(?::uuid[], ?::uuid[]) as p(source_id, organisation_id)
       on conflict do nothing`,
      [kind, pgArrayLiteral(pairs.map((p) => p[0])), pgArrayLiteral(pairs.map((p) => p[1]))],
    );
    await refreshPairs(em, events.map((e) => ({ kind, sourceId: e.key })));
  };
}

export const cooperationHandlers: Record<string, IntegrationHandler> = Object.fromEntries(
  Object.entries(COOPERATION_TOPICS).map(([topic, kind]) => [topic, replaceParticipants(kind)]),
);

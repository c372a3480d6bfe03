import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArrayLiteral, TOPICS, type InboxHandler, type InboxHandlers, type TopicName } from '@ngo-hub/kit';
import { refreshPairs } from './cooperation.pairs.js';

export type CooperationKind = 'PARTNERSHIP' | 'GRANT' | 'EVENT';

type ParticipantsTopic = typeof TOPICS.partnershipMembers | typeof TOPICS.grantParticipants | typeof TOPICS.eventOrganisers;

/** The topics this subgraph derives cooperation from, and the kind each one records. */
export const COOPERATION_KINDS = {
  [TOPICS.partnershipMembers.name]: 'PARTNERSHIP',
  [TOPICS.grantParticipants.name]: 'GRANT',
  [TOPICS.eventOrganisers.name]: 'EVENT',
} as const satisfies Partial<Record<TopicName, CooperationKind>>;

/** Replaces the participant set of each source with the newest one (an empty or null payload removes it). */
function replaceParticipants(kind: CooperationKind): InboxHandler<ParticipantsTopic> {
  return async (em: EntityManager, events) => {
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

export const cooperationInbox: InboxHandlers = Object.fromEntries(
  Object.entries(COOPERATION_KINDS).map(([topic, kind]) => [topic, replaceParticipants(kind)]),
);

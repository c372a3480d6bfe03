import { TOPICS, type InboxHandler, type InboxHandlers, type TopicName } from '@ngo-hub/kit';
import { CooperationRepository } from './cooperation.repository.js';

export type CooperationKind = 'PARTNERSHIP' | 'GRANT' | 'EVENT';

type ParticipantsTopic =
  | typeof TOPICS.partnershipMembers
  | typeof TOPICS.grantParticipants
  | typeof TOPICS.eventOrganisers;

/** The topics this subgraph derives cooperation from, and the kind each one records. */
export const COOPERATION_KINDS = {
  [TOPICS.partnershipMembers.name]: 'PARTNERSHIP',
  [TOPICS.grantParticipants.name]: 'GRANT',
  [TOPICS.eventOrganisers.name]: 'EVENT',
} as const satisfies Partial<Record<TopicName, CooperationKind>>;

/** Replaces the participant set and year of each source with the newest one (an empty or null payload removes it). */
function replaceParticipants(kind: CooperationKind): InboxHandler<ParticipantsTopic> {
  return async (tx, events) => {
    const repo = new CooperationRepository(tx);
    await repo.replaceLinks(
      kind,
      events.map((e) => ({
        sourceId: e.key,
        organisationIds: e.payload?.organisationIds ?? [],
        year: e.payload?.year ?? null,
        removed: e.payload === null,
      })),
    );
    await repo.refreshPairs(events.map((e) => ({ kind, sourceId: e.key })));
  };
}

export const cooperationInbox: InboxHandlers = Object.fromEntries(
  Object.entries(COOPERATION_KINDS).map(([topic, kind]) => [topic, replaceParticipants(kind)]),
);

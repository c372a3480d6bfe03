import type { EntityManager } from '@mikro-orm/postgresql';
import { recordIntegrationEvent } from '@ngo-hub/kit';

/** Integration topic with each grant's participants, from which organisations derives cooperation. */
export const PARTICIPANTS_TOPIC = 'grant.participants';

export interface ParticipantsPayload {
  organisationIds: string[];
}

/** Records a grant's recipient and partners (distinct) in the outbox, inside the transaction that wrote them. */
export function recordParticipants(em: EntityManager, grantId: string, recipientId: string, partnerIds: readonly string[]): Promise<void> {
  const payload: ParticipantsPayload = { organisationIds: [...new Set([recipientId, ...partnerIds])] };
  return recordIntegrationEvent(em, 'funding', PARTICIPANTS_TOPIC, grantId, payload);
}

/**
 * Records the participants of every grant not yet in the outbox (grants stored before integration
 * events existed), in one statement: the recipient first, then the partners in their order.
 */
export async function recordMissingParticipants(em: EntityManager): Promise<void> {
  await em.execute(
    `/* grant.recordMissingParticipants */ insert into funding.outbox (topic, key, payload, version)
     select ?, g.id::text,
       jsonb_build_object('organisationIds', jsonb_build_array(g.recipient_id) || coalesce(
         (select jsonb_agg(p.organisation_id order by p.position, p.organisation_id) from funding.grant_partner p
          where p.grant_id = g.id and p.organisation_id <> g.recipient_id),
         '[]'::jsonb)),
       nextval('funding.outbox_version')
     from funding.grant_award g
     where not exists (select 1 from funding.outbox x where x.topic = ? and x.key = g.id::text)`,
    [PARTICIPANTS_TOPIC, PARTICIPANTS_TOPIC],
  );
}

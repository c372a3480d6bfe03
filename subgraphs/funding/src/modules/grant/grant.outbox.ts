import type { Db, Tx } from '@ngo-hub/kit';
import { recordMissingOutbox, recordOutbox, TOPICS } from '@ngo-hub/kit';

/**
 * Every grant's `TOPICS.grantParticipants` state: the recipient first, then the partners in their
 * order (read per grant through the primary key, only for grants the caller keeps).
 */
const PARTICIPANTS_STATE = `select g.id as key,
    jsonb_build_object('organisationIds', jsonb_build_array(g.recipient_id) || coalesce(
      (select jsonb_agg(p.organisation_id order by p.position, p.organisation_id) from funding.grant_partner p
       where p.grant_id = g.id and p.organisation_id <> g.recipient_id),
      '[]'::jsonb)) as payload
  from funding.grant_award g`;

/** Records a grant's recipient and partners (distinct) in the outbox, inside the transaction that wrote them. */
export function recordParticipants(
  tx: Tx,
  grantId: string,
  recipientId: string,
  partnerIds: readonly string[],
): Promise<void> {
  return recordOutbox(tx, 'funding', TOPICS.grantParticipants, grantId, {
    organisationIds: [...new Set([recipientId, ...partnerIds])],
  });
}

/** Records the participants of every grant not yet in the outbox (bulk-loaded rows, data from before the outbox), in one statement. */
export function recordMissingParticipants(db: Db): Promise<void> {
  return recordMissingOutbox(db, 'funding', TOPICS.grantParticipants, PARTICIPANTS_STATE);
}

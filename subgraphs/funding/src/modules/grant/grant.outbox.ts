import type { Db, Tx } from '@ngo-hub/kit';
import { recordMissingOutbox, recordOutbox, TOPICS } from '@ngo-hub/kit';

/**
 * A grant's year for analytics windows (cooperation ties and fundingFlows' fromYear/toYear): the
 * year of `startsOn`, else of `agreementSignedOn`; null when it has neither. SQL over alias `g`.
 */
export const GRANT_YEAR_SQL = 'extract(year from coalesce(g.starts_on, g.agreement_signed_on))::int';

/** The same year from a grant's dates (ISO local dates). */
export function grantYear(startsOn: string | null, agreementSignedOn: string | null): number | null {
  const date = startsOn ?? agreementSignedOn;
  return date ? Number(date.slice(0, 4)) : null;
}

/**
 * Every grant's `TOPICS.grantParticipants` state: the recipient first, then the partners in their
 * order (read per grant through the primary key, only for grants the caller keeps), and its year.
 */
const PARTICIPANTS_STATE = `select g.id as key,
    jsonb_build_object('organisationIds', jsonb_build_array(g.recipient_id) || coalesce(
      (select jsonb_agg(p.organisation_id order by p.position, p.organisation_id) from funding.grant_partner p
       where p.grant_id = g.id and p.organisation_id <> g.recipient_id),
      '[]'::jsonb), 'year', ${GRANT_YEAR_SQL}) as payload
  from funding.grant_award g`;

/** Records a grant's recipient and partners (distinct) and its year in the outbox, inside the transaction that wrote them. */
export function recordParticipants(
  tx: Tx,
  grantId: string,
  recipientId: string,
  partnerIds: readonly string[],
  year: number | null,
): Promise<void> {
  return recordOutbox(tx, 'funding', TOPICS.grantParticipants, grantId, {
    organisationIds: [...new Set([recipientId, ...partnerIds])],
    year,
  });
}

/** Records the participants of every grant not yet in the outbox (bulk-loaded rows, data from before the outbox), in one statement. */
export function recordMissingParticipants(db: Db): Promise<void> {
  // Messages recorded before the year was published are recorded again, once.
  return recordMissingOutbox(
    db,
    'funding',
    TOPICS.grantParticipants,
    PARTICIPANTS_STATE,
    [],
    "x.payload -> 'year' is not null",
  );
}

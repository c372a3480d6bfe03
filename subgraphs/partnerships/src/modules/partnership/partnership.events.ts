import type { EntityManager } from '@mikro-orm/postgresql';
import { recordIntegrationEvent } from '@ngo-hub/kit';

/**
 * Integration topic with each partnership's active members (key = partnership id), for subgraphs
 * that tie organisations together (the organisations subgraph's cooperation read model).
 *
 * A membership whose `leftOn` is in the future becomes inactive later without any mutation, so the
 * published set can go stale with the calendar. It is refreshed at every start by the `sync` step
 * (`recordStaleMembers`, which re-records every partnership whose published set differs from its
 * current one) and by any membership change of that partnership: a daily restart or any write
 * keeps it right.
 */
export const MEMBERS_TOPIC = 'partnership.members';

export interface MembersPayload {
  organisationIds: string[];
}

/**
 * The distinct organisations with an active membership of partnership `p` on the date bound to the
 * one `?` (Warsaw's today), sorted so that sets compare as arrays. Same rule as `isActiveOn`.
 */
const ACTIVE_MEMBER_IDS = `coalesce((
    select array_agg(distinct m.organisation_id::text order by m.organisation_id::text)
    from partnerships.membership m
    where m.partnership_id = p.id and (m.left_on is null or m.left_on > ?::date)), '{}'::text[])`;

/**
 * Records the current active members of one partnership, inside the transaction that changed them.
 * Callers hold the partnership row lock, so concurrent changes to one partnership record in order.
 */
export async function recordMembers(em: EntityManager, partnershipId: string, today: string): Promise<void> {
  const [row] = await em.execute(
    `/* partnership.activeMemberIds */ select ${ACTIVE_MEMBER_IDS} as ids from partnerships.partnership p where p.id = ?`,
    [today, partnershipId],
  );
  await recordIntegrationEvent(em, 'partnerships', MEMBERS_TOPIC, partnershipId, { organisationIds: (row?.ids ?? []) as string[] } satisfies MembersPayload);
}

/** Records the (empty) member set of a partnership just created. */
export function recordNoMembers(em: EntityManager, partnershipId: string): Promise<void> {
  return recordIntegrationEvent(em, 'partnerships', MEMBERS_TOPIC, partnershipId, { organisationIds: [] } satisfies MembersPayload);
}

/**
 * Records, in one statement, every partnership whose key is missing from the outbox (seeded rows,
 * data from before events existed) or whose published set differs from today's active set (a
 * `leftOn` that has since passed). Up-to-date rows are left alone, so a restart re-sends nothing.
 */
export async function recordStaleMembers(em: EntityManager, today: string): Promise<void> {
  await em.execute(
    `/* partnership.recordStaleMembers */ insert into partnerships.outbox (topic, key, payload, version)
     select ?, s.id, jsonb_build_object('organisationIds', to_jsonb(s.ids)), nextval('partnerships.outbox_version')
     from (select p.id::text as id, ${ACTIVE_MEMBER_IDS} as ids from partnerships.partnership p) s
     where not exists (
       select 1 from partnerships.outbox x
       where x.topic = ? and x.key = s.id and x.payload is not null
         and array(select e.v from jsonb_array_elements_text(x.payload -> 'organisationIds') as e(v) order by e.v) = s.ids)
     on conflict (topic, key) do update
       set payload = excluded.payload, version = excluded.version, recorded_at = now(), delivered_to = '{}'`,
    [MEMBERS_TOPIC, today, MEMBERS_TOPIC],
  );
}

import type { Db, Tx } from '@ngo-hub/kit';
import { recordOutbox, TOPICS } from '@ngo-hub/kit';

/*
 * `TOPICS.partnershipMembers`: each partnership's active members (key = partnership id).
 *
 * A membership whose `leftOn` is in the future becomes inactive later without any mutation, so the
 * published set can go stale with the calendar. It is refreshed at every start by the `sync` step
 * (`recordStaleMembers`, which re-records every partnership whose published set differs from its
 * current one) and by any membership change of that partnership: a daily restart or any write
 * keeps it right.
 */

/**
 * Every partnership's distinct organisations with an active membership on the date bound to the
 * one `?` (Warsaw's today), sorted so that sets compare as arrays: columns `key` (uuid), `ids`
 * (text[]) and `year` (of `establishedOn`: the partnership's year in analytics windows). Same rule as `isActiveOn`. A grouped join, so it needs no index on memberships (the
 * bulk loader runs it before rebuilding them); a filter on `key` reaches the partnership's key.
 */
const ACTIVE_MEMBERS = `select p.id as key,
    coalesce(array_agg(distinct m.organisation_id::text order by m.organisation_id::text) filter (where m.id is not null), '{}'::text[]) as ids,
    extract(year from p.established_on)::int as year
  from partnerships.partnership p
  left join partnerships.membership m on m.partnership_id = p.id and (m.left_on is null or m.left_on > ?::date)
  group by p.id`;

/**
 * Records the current active members of one partnership, inside the transaction that changed them.
 * Callers hold the partnership row lock, so concurrent changes to one partnership record in order.
 */
export async function recordMembers(tx: Tx, partnershipId: string, today: string): Promise<void> {
  const [row] = await tx.execute(
    `/* partnership.activeMemberIds */ select s.ids, s.year from (${ACTIVE_MEMBERS}) s where s.key = ?`,
    [today, partnershipId],
  );
  await recordOutbox(tx, 'partnerships', TOPICS.partnershipMembers, partnershipId, {
    organisationIds: (row?.ids ?? []) as string[],
    year: (row?.year ?? null) as number | null,
  });
}

/** Records the (empty) member set of a partnership just created, with the year it was established. */
export function recordNoMembers(tx: Tx, partnershipId: string, establishedOn: string | null): Promise<void> {
  return recordOutbox(tx, 'partnerships', TOPICS.partnershipMembers, partnershipId, {
    organisationIds: [],
    year: establishedOn ? Number(establishedOn.slice(0, 4)) : null,
  });
}

/**
 * Records, in one statement, every partnership whose key is missing from the outbox (seeded or
 * bulk-loaded rows, data from before the outbox) or whose published set differs from today's active
 * set (a `leftOn` that has since passed) or year (messages from before the year was published). Up-to-date rows are left alone, so a restart re-sends nothing.
 */
export async function recordStaleMembers(db: Db, today: string): Promise<void> {
  const topic = TOPICS.partnershipMembers.name;
  await db.execute(
    `/* partnership.recordStaleMembers */ insert into partnerships.outbox (topic, key, payload, version)
     select ?, s.key::text, jsonb_build_object('organisationIds', to_jsonb(s.ids), 'year', s.year), nextval('partnerships.outbox_version')
     from (${ACTIVE_MEMBERS}) s
     where not exists (
       select 1 from partnerships.outbox x
       where x.topic = ? and x.key = s.key::text and x.payload is not null
         and array(select e.v from jsonb_array_elements_text(x.payload -> 'organisationIds') as e(v) order by e.v) = s.ids
         and x.payload -> 'year' is not null and x.payload -> 'year' = coalesce(to_jsonb(s.year), 'null'::jsonb))
     on conflict (topic, key) do update
       set payload = excluded.payload, version = excluded.version, recorded_at = now(), delivered_to = '{}'`,
    [topic, today, topic],
  );
}

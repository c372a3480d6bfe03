import type { EntityManager } from '@mikro-orm/postgresql';
import { recordIntegrationEvent } from '@ngo-hub/kit';

/** Integration topic with each event's organisers, from which organisations derives cooperation. */
export const ORGANISERS_TOPIC = 'event.organisers';

export interface OrganisersPayload {
  organisationIds: string[];
}

/**
 * Records an event's organisers in the outbox, inside the transaction that changed them. `null`
 * (a cancelled event) withdraws the event: a cancelled event is no cooperation.
 */
export function recordOrganisers(em: EntityManager, eventId: string, organisationIds: string[] | null): Promise<void> {
  const payload = organisationIds === null ? null : ({ organisationIds: [...new Set(organisationIds)] } satisfies OrganisersPayload);
  return recordIntegrationEvent(em, 'events', ORGANISERS_TOPIC, eventId, payload);
}

/**
 * Records the organisers of every event not yet in the outbox (data from before integration
 * events existed), null for cancelled events, in one statement.
 */
export async function recordMissingOrganisers(em: EntityManager): Promise<void> {
  await em.execute(
    `/* event.recordMissingOrganisers */ insert into events.outbox (topic, key, payload, version)
     select ?, e.id::text,
       case when e.status = 'CANCELLED' then null
            else jsonb_build_object('organisationIds', coalesce(
              (select jsonb_agg(o.organisation_id order by o.position, o.organisation_id) from events.event_organiser o where o.event_id = e.id),
              '[]'::jsonb))
       end,
       nextval('events.outbox_version')
     from events.event e
     where not exists (select 1 from events.outbox x where x.topic = ? and x.key = e.id::text)`,
    [ORGANISERS_TOPIC, ORGANISERS_TOPIC],
  );
}

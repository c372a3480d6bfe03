import type { EntityManager } from '@mikro-orm/postgresql';
import { recordIntegrationEvent } from '@ngo-hub/kit';

/** Integration topic with each organisation's seat, for subgraphs that group their data by territory. */
export const SEAT_TOPIC = 'organisation.seat';

export interface SeatPayload {
  territoryCode: string | null;
}

/** Records an organisation's seat in the outbox, inside the transaction that set it. */
export function recordSeat(em: EntityManager, organisationId: string, territoryCode: string | null): Promise<void> {
  return recordIntegrationEvent(em, 'organisations', SEAT_TOPIC, organisationId, { territoryCode } satisfies SeatPayload);
}

/** Records the seat of every organisation not yet in the outbox (seeded rows, data from before events existed). */
export async function recordMissingSeats(em: EntityManager): Promise<void> {
  await em.execute(
    `/* organisation.recordMissingSeats */ insert into organisations.outbox (topic, key, payload, version)
     select ?, o.id::text, jsonb_build_object('territoryCode', o.territory_code), nextval('organisations.outbox_version')
     from organisations.organisation o
     where not exists (select 1 from organisations.outbox x where x.topic = ? and x.key = o.id::text)`,
    [SEAT_TOPIC, SEAT_TOPIC],
  );
}

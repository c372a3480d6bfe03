import type { Db, Tx } from '@ngo-hub/kit';
import { recordMissingOutbox, recordOutbox, TOPICS } from '@ngo-hub/kit';

/** Every organisation's `TOPICS.organisationSeat` state, from this subgraph's own table. */
const SEAT_STATE = `select o.id as key, jsonb_build_object('territoryCode', o.territory_code) as payload from organisations.organisation o`;

/** Records an organisation's seat in the outbox, inside the transaction that set it. */
export function recordSeat(tx: Tx, organisationId: string, territoryCode: string | null): Promise<void> {
  return recordOutbox(tx, 'organisations', TOPICS.organisationSeat, organisationId, { territoryCode });
}

/** Records the seat of every organisation not yet in the outbox (seeded or bulk-loaded rows, data from before the outbox). */
export function recordMissingSeats(db: Db): Promise<void> {
  return recordMissingOutbox(db, 'organisations', TOPICS.organisationSeat, SEAT_STATE);
}

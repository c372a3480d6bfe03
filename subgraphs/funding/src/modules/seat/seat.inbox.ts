import { isUuid, TOPICS, type InboxHandler, type InboxHandlers } from '@ngo-hub/kit';
import { SeatRepository } from './seat.repository.js';

const TERC_SHAPE = /^\d{2}(\d{2}(\d{3})?)?$/;

/**
 * Applies `TOPICS.organisationSeat` messages: a payload upserts the organisation's seat, a null payload (the organisation
 * is gone) deletes it. Two statements per batch, whatever its size. A key that is not a UUID or a
 * code that is not TERC-shaped cannot come from organisations; it is ignored (key) or stored as
 * "no seat" (code) rather than failing the batch, which would be retried forever.
 */
export const applySeats: InboxHandler<typeof TOPICS.organisationSeat> = async (tx, events) => {
  const seats = new SeatRepository(tx);
  // One row per key (the newest), so the upsert never touches a row twice.
  const newest = new Map<string, (typeof events)[number]>();
  for (const e of events) if (isUuid(e.key) && (newest.get(e.key)?.version ?? -1) < e.version) newest.set(e.key, e);
  const valid = [...newest.values()];
  const gone = valid.filter((e) => e.payload === null).map((e) => e.key);
  const present = valid.filter((e) => e.payload !== null);
  if (gone.length) await seats.remove(gone);
  if (present.length) {
    await seats.upsert(
      present.map((e) => {
        const code = e.payload?.territoryCode;
        return {
          organisationId: e.key,
          territoryCode: typeof code === 'string' && TERC_SHAPE.test(code) ? code : null,
        };
      }),
    );
  }
};

export const seatInbox: InboxHandlers = { [TOPICS.organisationSeat.name]: applySeats };

import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid, pgArrayLiteral, TOPICS, type InboxHandler, type InboxHandlers } from '@ngo-hub/kit';

const TERC_SHAPE = /^\d{2}(\d{2}(\d{3})?)?$/;

/**
 * Applies `TOPICS.organisationSeat` messages: a payload upserts the organisation's seat, a null payload (the organisation
 * is gone) deletes it. Two statements per batch, whatever its size. A key that is not a UUID or a
 * code that is not TERC-shaped cannot come from organisations; it is ignored (key) or stored as
 * "no seat" (code) rather than failing the batch, which would be retried forever.
 */
export const applySeats: InboxHandler<typeof TOPICS.organisationSeat> = async (em: EntityManager, events) => {
  // One row per key (the newest), so the upsert never touches a row twice.
  const newest = new Map<string, (typeof events)[number]>();
  for (const e of events) if (isUuid(e.key) && (newest.get(e.key)?.version ?? -1) < e.version) newest.set(e.key, e);
  const valid = [...newest.values()];
  const gone = valid.filter((e) => e.payload === null).map((e) => e.key);
  const present = valid.filter((e) => e.payload !== null);
  if (gone.length) {
    await em.execute('/* seat.delete */ delete from funding.organisation_seat where organisation_id = any(?::uuid[])', [pgArrayLiteral(gone)]);
  }
  if (present.length) {
    const codes = present.map((e) => {
      const code = e.payload?.territoryCode;
      return typeof code === 'string' && TERC_SHAPE.test(code) ? code : null;
    });
    await em.execute(
      `/* seat.upsert */ insert into funding.organisation_seat (organisation_id, territory_code)
       select s.organisation_id, s.territory_code from unnest(?::uuid[], ?::text[]) as s(organisation_id, territory_code)
       on conflict (organisation_id) do update set territory_code = excluded.territory_code`,
      [pgArrayLiteral(present.map((e) => e.key)), pgArrayLiteral(codes)],
    );
  }
};

export const seatInbox: InboxHandlers = { [TOPICS.organisationSeat.name]: applySeats };

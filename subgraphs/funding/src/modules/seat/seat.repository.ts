import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArrayLiteral } from '@ngo-hub/kit';

/**
 * Organisations' seats (TERC codes) as last published by the organisations subgraph on the
 * `TOPICS.organisationSeat` topic (`funding.organisation_seat`): a read model written only by its
 * inbox handler (seat.inbox.ts) and read by the flows' SQL, so it has no entity.
 */
export class SeatRepository {
  constructor(private readonly em: EntityManager) {}

  /** Where the organisation sits (TERC code), or null when no seat is known. */
  async seatOf(organisationId: string): Promise<string | null> {
    const [row] = await this.em.execute(
      '/* seat.of */ select s.territory_code from funding.organisation_seat s where s.organisation_id = ?::uuid',
      [organisationId],
    );
    return (row?.territory_code as string | null | undefined) ?? null;
  }

  /** Forgets the seats of organisations that are gone. */
  async remove(organisationIds: readonly string[]): Promise<void> {
    await this.em.execute(
      '/* seat.delete */ delete from funding.organisation_seat where organisation_id = any(?::uuid[])',
      [pgArrayLiteral(organisationIds)],
    );
  }

  /** Stores each organisation's seat (null: none known), one row per organisation. */
  async upsert(seats: readonly { organisationId: string; territoryCode: string | null }[]): Promise<void> {
    await this.em.execute(
      `/* seat.upsert */ insert into funding.organisation_seat (organisation_id, territory_code)
       select s.organisation_id, s.territory_code from unnest(?::uuid[], ?::text[]) as s(organisation_id, territory_code)
       on conflict (organisation_id) do update set territory_code = excluded.territory_code`,
      [pgArrayLiteral(seats.map((s) => s.organisationId)), pgArrayLiteral(seats.map((s) => s.territoryCode))],
    );
  }
}

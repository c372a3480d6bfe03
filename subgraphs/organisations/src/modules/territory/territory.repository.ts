import type { EntityManager } from '@mikro-orm/postgresql';
import type { TercUnit } from '@ngo-hub/kit';

/** All SQL about territories: the register sync (reads answer from the in-memory register, territory.service.ts). */
export class TerritoryRepository {
  constructor(private readonly em: EntityManager) {}

  /** How many units are stored, and the newest register edition among them. */
  async edition(): Promise<{ units: number; asOf: string | null }> {
    const [row] = await this.em.execute(
      `/* territory.edition */ select count(*)::int as units, max(as_of)::text as as_of from organisations.territory`,
    );
    return { units: Number(row!.units), asOf: row!.as_of ?? null };
  }

  /**
   * Upserts the register in parent-first order (voivodeships, powiats, gminas, their parts) so the
   * self-reference holds at every row; one multi-row statement per 1,000 units (in the caller's transaction).
   */
  async upsertAll(units: TercUnit[]): Promise<void> {
    const rank = { WOJEWODZTWO: 0, POWIAT: 1, GMINA: 2, GMINA_PART: 3, CITY_DISTRICT: 3 } as const;
    const ordered = [...units].sort((a, b) => rank[a.level] - rank[b.level] || a.code.localeCompare(b.code));
    for (let i = 0; i < ordered.length; i += 1000) {
      const chunk = ordered.slice(i, i + 1000);
      const values = chunk.map(() => '(?, ?, ?, ?, ?, ?)').join(', ');
      const params = chunk.flatMap((u) => [u.code, u.name, u.kind, u.level, u.parentCode, u.asOf]);
      await this.em.execute(
        `/* territory.upsertAll */ insert into organisations.territory (code, name, kind, level, parent_code, as_of)
         values ${values}
         on conflict (code) do update set name = excluded.name, kind = excluded.kind, level = excluded.level,
           parent_code = excluded.parent_code, as_of = excluded.as_of`,
        params,
      );
    }
  }
}

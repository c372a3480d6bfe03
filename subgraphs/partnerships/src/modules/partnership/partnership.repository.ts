import type { EntityManager } from '@mikro-orm/postgresql';
import { likeContains, pgArrayLiteral, sqlPlaceholders, territoryCondition, type PageRequest } from '@ngo-hub/kit';
import { PartnershipEntity } from './partnership.entity.js';

export interface NewPartnershipRow {
  id: string;
  name: string;
  description: string | null;
  territoryCode: string;
  additionalTerritoryCodes: string[];
  status: string;
  themes: string[];
  establishedOn: string | null;
  hasLegalPersonality: boolean;
}

/** Filters of `partnerships(filter)` after validation. */
export interface PartnershipCriteria {
  search: string | null;
  territoryPrefixes: string[] | null;
  status: string | null;
  theme: string | null;
  leadPartner: string | null;
  /** Warsaw's date today: a membership is active while `left_on` is null or later. */
  today: string;
}

const SEARCH_EXPR = 'partnerships.f_unaccent(lower(p.name))';

function whereClause(c: PartnershipCriteria): { sql: string; params: unknown[] } {
  const parts: string[] = ['true'];
  const params: unknown[] = [];
  if (c.search) {
    parts.push(`${SEARCH_EXPR} like partnerships.f_unaccent(lower(?))`);
    params.push(likeContains(c.search));
  }
  if (c.territoryPrefixes) {
    const main = territoryCondition('p.territory_code', c.territoryPrefixes);
    const extra = territoryCondition('t.code', c.territoryPrefixes);
    parts.push(`(${main.sql} or exists (select 1 from unnest(p.additional_territory_codes) as t(code) where ${extra.sql}))`);
    params.push(...main.params, ...extra.params);
  }
  if (c.status) { parts.push('p.status = ?'); params.push(c.status); }
  if (c.theme) { parts.push('? = any(p.themes)'); params.push(c.theme); }
  if (c.leadPartner) {
    parts.push(`exists (select 1 from partnerships.membership m where m.partnership_id = p.id and m.role = 'LEAD_PARTNER'
      and m.organisation_id = ?::uuid and (m.left_on is null or m.left_on > ?::date))`);
    params.push(c.leadPartner, c.today);
  }
  return { sql: parts.join(' and '), params };
}

/** All SQL about partnerships; each statement is tagged with its name. */
export class PartnershipRepository {
  constructor(private readonly em: EntityManager) {}

  async findByIds(ids: readonly string[]): Promise<PartnershipEntity[]> {
    if (ids.length === 0) return [];
    const rows = await this.em.execute(
      `/* partnership.findByIds */ select p.* from partnerships.partnership p where p.id in (${sqlPlaceholders(ids)})`,
      [...ids],
    );
    return rows.map((row) => this.em.map(PartnershipEntity, row));
  }

  /**
   * Locks the partnership row for the rest of the transaction, so two membership changes of one
   * partnership run one after the other and the "one active lead partner" check cannot race.
   * Returns its status, or null when there is no such partnership.
   */
  async lockForUpdate(id: string): Promise<string | null> {
    const [row] = await this.em.execute(
      '/* partnership.lockForUpdate */ select p.status from partnerships.partnership p where p.id = ? for update',
      [id],
    );
    return row ? String(row.status) : null;
  }

  /** One page ordered by (name, id), starting after the keyset cursor; fetches `first + 1` rows. */
  async page(criteria: PartnershipCriteria, page: PageRequest): Promise<PartnershipEntity[]> {
    const where = whereClause(criteria);
    const params = [...where.params];
    let keyset = '';
    if (page.after) {
      keyset = 'and (p.name, p.id) > (?, ?::uuid)';
      params.push(String(page.after[0]), String(page.after[1]));
    }
    params.push(page.first + 1);
    const rows = await this.em.execute(
      `/* partnership.page */ select p.* from partnerships.partnership p where ${where.sql} ${keyset}
       order by p.name, p.id limit ?`,
      params,
    );
    return rows.map((row) => this.em.map(PartnershipEntity, row));
  }

  async count(criteria: PartnershipCriteria): Promise<number> {
    const where = whereClause(criteria);
    const [row] = await this.em.execute(
      `/* partnership.count */ select count(*)::int as n from partnerships.partnership p where ${where.sql}`,
      where.params,
    );
    return Number(row!.n);
  }

  /** Inserts a partnership; with `ifMissing` an existing id is left untouched (the idempotent seeder). */
  async insert(p: NewPartnershipRow, ifMissing = false): Promise<PartnershipEntity | null> {
    const rows = await this.em.execute(
      `/* partnership.insert */ insert into partnerships.partnership
         (id, name, description, territory_code, additional_territory_codes, status, themes, established_on, has_legal_personality)
       values (?, ?, ?, ?, ?::varchar(7)[], ?, ?::text[], ?::date, ?)
       ${ifMissing ? 'on conflict do nothing' : ''} returning *`,
      [p.id, p.name, p.description, p.territoryCode, pgArrayLiteral(p.additionalTerritoryCodes), p.status, pgArrayLiteral(p.themes), p.establishedOn, p.hasLegalPersonality],
    );
    return rows[0] ? this.em.map(PartnershipEntity, rows[0]) : null;
  }
}

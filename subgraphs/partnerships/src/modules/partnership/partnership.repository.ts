import type { EntityManager } from '@mikro-orm/postgresql';
import {
  defineList,
  pgArrayLiteral,
  sql,
  sqlPlaceholders,
  territoryParent,
  territorySql,
  type Connection,
  type ListQuery,
  type ParentLoaders,
} from '@ngo-hub/kit';
import { PartnershipSort } from './partnership.input.js';
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

/**
 * The partnership list (root `partnerships` and `Territory.partnerships`). Without `sort`: RELEVANCE
 * with a search, NAME without (RELEVANCE needs a search to rank by).
 */
export const partnershipList = defineList<PartnershipCriteria, PartnershipSort, 'territory'>({
  name: 'partnership',
  table: 'partnerships.partnership',
  alias: 'p',
  // Exactly the indexed expressions (see the polish_search migration), so the indexes are used.
  search: { schema: 'partnerships', indexed: 'partnerships.f_search_text(p.name)', sort: PartnershipSort.RELEVANCE },
  filters: {
    // The main or an additional territory lies inside.
    territory: (c) =>
      c.territoryPrefixes
        ? sql`(${territorySql('p.territory_code', c.territoryPrefixes)}
      or exists (select 1 from unnest(p.additional_territory_codes) as t(code) where ${territorySql('t.code', c.territoryPrefixes)}))`
        : null,
    status: (c) => (c.status ? sql`p.status = ${c.status}` : null),
    theme: (c) => (c.theme ? sql`${c.theme} = any(p.themes)` : null),
    leadPartner: (c) =>
      c.leadPartner
        ? sql`exists (select 1 from partnerships.membership m where m.partnership_id = p.id
      and m.role = 'LEAD_PARTNER' and m.organisation_id = ${c.leadPartner}::uuid and (m.left_on is null or m.left_on > ${c.today}::date))`
        : null,
  },
  sorts: {
    [PartnershipSort.NAME]: [{ expr: 'partnerships.f_polish_key(p.name) collate "C"', type: 'text' }],
    [PartnershipSort.ESTABLISHED_NEWEST]: [
      { expr: 'p.established_on', type: 'date', direction: 'desc', nullsLast: true },
    ],
  },
  defaultSort: PartnershipSort.NAME,
  parents: {
    // Inside the territory as the `filter.territory` condition: its main or an additional territory
    // starts with one of the territory's prefixes; once per territory, however many match.
    territory: territoryParent((t) => ({
      join: sql`join unnest(${t.codes}) as c(code) on exists (select 1 from ${t.pairs} where tp.code = c.code
        and (p.territory_code like tp.prefix || '%'
          or exists (select 1 from unnest(p.additional_territory_codes) as a(code) where a.code like tp.prefix || '%')))`,
      key: 'c.code',
    })),
  },
});

export type PartnershipListQuery = ListQuery<PartnershipCriteria, PartnershipSort>;

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

  /** A page of the list; `totalCount` is counted only when asked for. */
  list<T>(q: PartnershipListQuery, toNode: (row: PartnershipEntity) => T): Promise<Connection<T>> {
    return partnershipList.connection(this.em, q, (row) => toNode(this.em.map(PartnershipEntity, row)));
  }

  /** The list under one territory, through the request's loaders: one statement for all territories. */
  ofTerritory<T>(
    loaders: ParentLoaders<PartnershipCriteria, PartnershipSort>,
    code: string,
    q: PartnershipListQuery,
    toNode: (row: PartnershipEntity) => T,
  ): Promise<Connection<T>> {
    return partnershipList.parentConnection(loaders, code, q, (row) => toNode(this.em.map(PartnershipEntity, row)));
  }

  /** Inserts a partnership; with `ifMissing` an existing id is left untouched (the idempotent seeder). */
  async insert(p: NewPartnershipRow, ifMissing = false): Promise<PartnershipEntity | null> {
    const rows = await this.em.execute(
      `/* partnership.insert */ insert into partnerships.partnership
         (id, name, description, territory_code, additional_territory_codes, status, themes, established_on, has_legal_personality)
       values (?, ?, ?, ?, ?::varchar(7)[], ?, ?::text[], ?::date, ?)
       ${ifMissing ? 'on conflict do nothing' : ''} returning *`,
      [
        p.id,
        p.name,
        p.description,
        p.territoryCode,
        pgArrayLiteral(p.additionalTerritoryCodes),
        p.status,
        pgArrayLiteral(p.themes),
        p.establishedOn,
        p.hasLegalPersonality,
      ],
    );
    return rows[0] ? this.em.map(PartnershipEntity, rows[0]) : null;
  }
}

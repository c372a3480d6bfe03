import type { EntityManager } from '@mikro-orm/postgresql';
import { likeContains, territoryCondition, type PageRequest } from '@ngo-hub/kit';
import { OrganisationEntity, OrganisationIdentifierEntity } from './organisation.entity.js';

/** Filters of `organisations(filter)` after validation. */
export interface OrganisationCriteria {
  search: string | null;
  territoryPrefixes: string[] | null;
  sector: string | null;
  legalForm: string | null;
  publicBenefit: boolean | null;
  areaOfActivity: string | null;
}

const SEARCH_EXPR = `organisations.f_unaccent(lower(o.name || ' ' || coalesce(o.short_name, '')))`;

function whereClause(c: OrganisationCriteria): { sql: string; params: unknown[] } {
  const parts: string[] = ['true'];
  const params: unknown[] = [];
  if (c.search) {
    parts.push(`${SEARCH_EXPR} like organisations.f_unaccent(lower(?))`);
    params.push(likeContains(c.search));
  }
  if (c.territoryPrefixes) {
    const cond = territoryCondition('o.territory_code', c.territoryPrefixes);
    parts.push(cond.sql);
    params.push(...cond.params);
  }
  if (c.sector) { parts.push('o.sector = ?'); params.push(c.sector); }
  if (c.legalForm) { parts.push('o.legal_form = ?'); params.push(c.legalForm); }
  if (c.publicBenefit != null) { parts.push('o.public_benefit = ?'); params.push(c.publicBenefit); }
  if (c.areaOfActivity) { parts.push('? = any(o.areas_of_activity)'); params.push(c.areaOfActivity); }
  return { sql: parts.join(' and '), params };
}

/** All SQL about organisations and their identifiers; each statement is tagged with its name. */
export class OrganisationRepository {
  constructor(private readonly em: EntityManager) {}

  findByIds(ids: readonly string[]): Promise<OrganisationEntity[]> {
    return this.em.find(OrganisationEntity, { id: { $in: [...ids] } });
  }

  identifiersOf(organisationIds: readonly string[]): Promise<OrganisationIdentifierEntity[]> {
    return this.em.find(OrganisationIdentifierEntity, { organisation: { $in: [...organisationIds] } }, { orderBy: { scheme: 'asc' } });
  }

  async findIdByIdentifier(scheme: string, value: string): Promise<string | null> {
    const row = await this.em.findOne(OrganisationIdentifierEntity, { scheme, value });
    return row ? row.organisation.id : null;
  }

  /** One page ordered by (name, id), starting after the keyset cursor; fetches `first + 1` rows. */
  async page(criteria: OrganisationCriteria, page: PageRequest): Promise<OrganisationEntity[]> {
    const where = whereClause(criteria);
    const params = [...where.params];
    let keyset = '';
    if (page.after) {
      keyset = 'and (o.name, o.id) > (?, ?::uuid)';
      params.push(String(page.after[0]), String(page.after[1]));
    }
    params.push(page.first + 1);
    const rows = await this.em.execute(
      `/* organisation.page */ select o.* from organisations.organisation o where ${where.sql} ${keyset}
       order by o.name, o.id limit ?`,
      params,
    );
    return rows.map((row) => this.em.map(OrganisationEntity, row));
  }

  async count(criteria: OrganisationCriteria): Promise<number> {
    const where = whereClause(criteria);
    const [row] = await this.em.execute(
      `/* organisation.count */ select count(*)::int as n from organisations.organisation o where ${where.sql}`,
      where.params,
    );
    return Number(row!.n);
  }
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { defineList, sql, territoryParent, territorySql, type Connection, type ListQuery, type ParentLoaders } from '@ngo-hub/kit';
import { OrganisationEntity, OrganisationIdentifierEntity } from './organisation.entity.js';
import { OrganisationSort } from './organisation.type.js';

/** Filters of `organisations(filter)` after validation. */
export interface OrganisationCriteria {
  search: string | null;
  territoryPrefixes: string[] | null;
  sector: string | null;
  legalForm: string | null;
  publicBenefit: boolean | null;
  areaOfActivity: string | null;
}

/**
 * The organisation directory (root `organisations` and `Territory.organisations`). Without `sort`:
 * RELEVANCE with a search, NAME without (RELEVANCE needs a search to rank by).
 */
export const organisationList = defineList<OrganisationCriteria, OrganisationSort, 'territory'>({
  name: 'organisation', table: 'organisations.organisation', alias: 'o',
  // Exactly the expression `organisation_search_trgm_idx` is built on, so the index serves the search.
  search: { schema: 'organisations', indexed: `organisations.f_search_text(o.name || ' ' || coalesce(o.short_name, ''))`, sort: OrganisationSort.RELEVANCE },
  filters: {
    territory: (c) => (c.territoryPrefixes ? territorySql('o.territory_code', c.territoryPrefixes) : null),
    sector: (c) => (c.sector ? sql`o.sector = ${c.sector}` : null),
    legalForm: (c) => (c.legalForm ? sql`o.legal_form = ${c.legalForm}` : null),
    publicBenefit: (c) => (c.publicBenefit != null ? sql`o.public_benefit = ${c.publicBenefit}` : null),
    areaOfActivity: (c) => (c.areaOfActivity ? sql`${c.areaOfActivity} = any(o.areas_of_activity)` : null),
  },
  sorts: {
    // Exactly the leading expression of `organisation_polish_name_id_idx`.
    [OrganisationSort.NAME]: [{ expr: 'organisations.f_polish_key(o.name) collate "C"', type: 'text' }],
    [OrganisationSort.NEWEST]: [{ expr: 'o.created_at', type: 'timestamptz', direction: 'desc' }],
  },
  defaultSort: OrganisationSort.NAME,
  parents: {
    // By seat: each seat lies under at most one prefix of a territory (a code, or disjoint gmina-part codes).
    territory: territoryParent((t) => ({ join: sql`join ${t.pairs} on o.territory_code like tp.prefix || '%'`, key: 'tp.code' })),
  },
});

export type OrganisationListQuery = ListQuery<OrganisationCriteria, OrganisationSort>;

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

  /** A page of the directory; `totalCount` is counted only when asked for. */
  list<T>(q: OrganisationListQuery, toNode: (row: OrganisationEntity) => T): Promise<Connection<T>> {
    return organisationList.connection(this.em, q, (row) => toNode(this.em.map(OrganisationEntity, row)));
  }

  /** The directory under one territory, through the request's loaders: one statement for all territories. */
  ofTerritory<T>(loaders: ParentLoaders<OrganisationCriteria, OrganisationSort>, code: string, q: OrganisationListQuery, toNode: (row: OrganisationEntity) => T): Promise<Connection<T>> {
    return organisationList.parentConnection(loaders, code, q, (row) => toNode(this.em.map(OrganisationEntity, row)));
  }
}

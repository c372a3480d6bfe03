import type { EntityManager } from '@mikro-orm/postgresql';
import {
  defineList,
  pgArrayLiteral,
  sql,
  territoryParent,
  territorySql,
  type Connection,
  type ListQuery,
  type ParentLoaders,
  RecordSource,
  timestampOf,
} from '@ngo-hub/kit';
import { OrganisationEntity } from './organisation.entity.js';
import { OrganisationSort } from './organisation.type.js';

/** Filters of `organisations(filter)` after validation. */
export interface OrganisationCriteria {
  search: string | null;
  territoryPrefixes: string[] | null;
  sector: string | null;
  legalForm: string | null;
  publicBenefit: boolean | null;
  areaOfActivity: string | null;
  /** ISO instant: only rows changed at or after it (see the engine's `updatedAt`). */
  modifiedSince: string | null;
}

/** The columns a mutation sets, by entity property; `id`, `created_at` and `updated_at` are the repository's. */
export interface OrganisationFields {
  name: string;
  shortName: string | null;
  sector: string;
  legalForm: string;
  publicBenefit: boolean;
  description: string | null;
  areasOfActivity: string[];
  streetAddress: string | null;
  postalCode: string | null;
  locality: string | null;
  territoryCode: string | null;
  website: string | null;
  email: string | null;
  phone: string | null;
  foundedOn: string | null;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
}

/** Each settable property's column and placeholder (with the cast its parameter needs). */
const COLUMNS: { [K in keyof OrganisationFields]: [column: string, placeholder: string] } = {
  name: ['name', '?'],
  shortName: ['short_name', '?'],
  sector: ['sector', '?'],
  legalForm: ['legal_form', '?'],
  publicBenefit: ['public_benefit', '?'],
  description: ['description', '?'],
  areasOfActivity: ['areas_of_activity', '?::text[]'],
  streetAddress: ['street_address', '?'],
  postalCode: ['postal_code', '?'],
  locality: ['locality', '?'],
  territoryCode: ['territory_code', '?'],
  website: ['website', '?'],
  email: ['email', '?'],
  phone: ['phone', '?'],
  foundedOn: ['founded_on', '?::date'],
  contactName: ['contact_name', '?'],
  contactEmail: ['contact_email', '?'],
  contactPhone: ['contact_phone', '?'],
};
const FIELDS = Object.keys(COLUMNS) as (keyof OrganisationFields)[];

const param = <K extends keyof OrganisationFields>(key: K, value: OrganisationFields[K]) =>
  key === 'areasOfActivity' ? pgArrayLiteral(value as string[]) : value;

export interface IdentifierRow {
  scheme: string;
  value: string;
}

/** An organisation as read: every column, by entity property (an `OrganisationEntity` is one too). */
export interface OrganisationRow extends OrganisationFields {
  id: string;
  createdAt: Date;
  updatedAt: Date;
  source: string;
}

/**
 * The organisation directory (root `organisations` and `Territory.organisations`). Without `sort`:
 * RELEVANCE with a search, NAME without (RELEVANCE needs a search to rank by).
 */
export const organisationList = defineList<OrganisationCriteria, OrganisationSort, 'territory'>({
  name: 'organisation',
  table: 'organisations.organisation',
  alias: 'o',
  updatedAt: 'o.updated_at',
  // Exactly the expression `organisation_search_trgm_idx` is built on, so the index serves the search.
  search: {
    schema: 'organisations',
    indexed: `organisations.f_search_text(o.name || ' ' || coalesce(o.short_name, ''))`,
    sort: OrganisationSort.RELEVANCE,
  },
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
    territory: territoryParent((t) => ({
      join: sql`join ${t.pairs} on o.territory_code like tp.prefix || '%'`,
      key: 'tp.code',
    })),
  },
});

export type OrganisationListQuery = ListQuery<OrganisationCriteria, OrganisationSort>;

/** All SQL about organisations and their identifiers; each statement is tagged with its name. */
export class OrganisationRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Maps a selected row (snake_case columns) as `em.map` would, without an entity: reads are
   * per-request and never written back, so identity map and hydration are pure cost. Instants
   * through kit's `timestampOf` (as every subgraph's read path); a `date` stays what the driver gave.
   */
  private toRow(raw: Record<string, unknown>): OrganisationRow {
    return {
      id: raw.id as string,
      name: raw.name as string,
      shortName: raw.short_name as string | null,
      sector: raw.sector as string,
      legalForm: raw.legal_form as string,
      publicBenefit: raw.public_benefit as boolean,
      description: raw.description as string | null,
      areasOfActivity: raw.areas_of_activity as string[],
      streetAddress: raw.street_address as string | null,
      postalCode: raw.postal_code as string | null,
      locality: raw.locality as string | null,
      territoryCode: raw.territory_code as string | null,
      website: raw.website as string | null,
      email: raw.email as string | null,
      phone: raw.phone as string | null,
      foundedOn: raw.founded_on as string | null,
      contactName: raw.contact_name as string | null,
      contactEmail: raw.contact_email as string | null,
      contactPhone: raw.contact_phone as string | null,
      createdAt: timestampOf(raw.created_at),
      updatedAt: timestampOf(raw.updated_at),
      source: raw.source as string,
    };
  }

  async findByIds(ids: readonly string[]): Promise<OrganisationRow[]> {
    if (ids.length === 0) return [];
    const rows = await this.em.execute(
      '/* organisation.findByIds */ select o.* from organisations.organisation o where o.id = any(?::uuid[])',
      [pgArrayLiteral(ids)],
    );
    return rows.map((row) => this.toRow(row));
  }

  /** The identifiers of many organisations in one statement, by scheme within each. */
  async identifiersOf(organisationIds: readonly string[]): Promise<(IdentifierRow & { organisationId: string })[]> {
    if (organisationIds.length === 0) return [];
    const rows = await this.em.execute(
      `/* organisation.identifiersOf */ select i.organisation_id, i.scheme, i.value from organisations.organisation_identifier i
       where i.organisation_id = any(?::uuid[]) order by i.scheme`,
      [pgArrayLiteral(organisationIds)],
    );
    return rows.map((r) => ({
      organisationId: r.organisation_id as string,
      scheme: r.scheme as string,
      value: r.value as string,
    }));
  }

  async findIdByIdentifier(scheme: string, value: string): Promise<string | null> {
    const [row] = await this.em.execute(
      `/* organisation.findIdByIdentifier */ select i.organisation_id from organisations.organisation_identifier i
       where i.scheme = ? and i.value = ?`,
      [scheme, value],
    );
    return row ? (row.organisation_id as string) : null;
  }

  /** A page of the directory; `totalCount` is counted only when asked for. */
  list<T>(q: OrganisationListQuery, toNode: (row: OrganisationRow) => T): Promise<Connection<T>> {
    return organisationList.connection(this.em, q, (row) => toNode(this.toRow(row)));
  }

  /** The directory under one territory, through the request's loaders: one statement for all territories. */
  ofTerritory<T>(
    loaders: ParentLoaders<OrganisationCriteria, OrganisationSort>,
    code: string,
    q: OrganisationListQuery,
    toNode: (row: OrganisationRow) => T,
  ): Promise<Connection<T>> {
    return organisationList.parentConnection(loaders, code, q, (row) => toNode(this.toRow(row)));
  }

  /**
   * Inserts an organisation; with `ifMissing` an existing id is left untouched (the idempotent seeder).
   * `source` is CONTRIBUTED unless the writer is the demo seeder.
   */
  async insert(
    id: string,
    fields: OrganisationFields,
    ifMissing = false,
    source = RecordSource.CONTRIBUTED,
  ): Promise<OrganisationEntity | null> {
    const rows = await this.em.execute(
      `/* organisation.insert */ insert into organisations.organisation (id, ${FIELDS.map((k) => COLUMNS[k][0]).join(', ')}, source)
       values (?, ${FIELDS.map((k) => COLUMNS[k][1]).join(', ')}, ?)
       ${ifMissing ? 'on conflict do nothing' : ''} returning *`,
      [id, ...FIELDS.map((k) => param(k, fields[k])), source],
    );
    return rows[0] ? this.em.map(OrganisationEntity, rows[0]) : null;
  }

  /** Sets the given columns (the database bumps `updated_at` when one changes); null when there is no such organisation. */
  async update(id: string, changes: Partial<OrganisationFields>): Promise<OrganisationEntity | null> {
    const keys = FIELDS.filter((k) => changes[k] !== undefined);
    const rows = await this.em.execute(
      `/* organisation.update */ update organisations.organisation
       set ${keys.map((k) => `${COLUMNS[k][0]} = ${COLUMNS[k][1]}`).join(', ') || 'id = id'} where id = ? returning *`,
      [...keys.map((k) => param(k, changes[k]!)), id],
    );
    return rows[0] ? this.em.map(OrganisationEntity, rows[0]) : null;
  }

  /** Which organisation holds each of these identifiers, in one statement (identifiers nobody holds are absent). */
  async identifierHolders(
    identifiers: readonly IdentifierRow[],
  ): Promise<(IdentifierRow & { organisationId: string })[]> {
    if (identifiers.length === 0) return [];
    const rows = await this.em.execute(
      `/* organisation.identifierHolders */ select i.scheme, i.value, i.organisation_id from organisations.organisation_identifier i
       join unnest(?::text[], ?::text[]) as w(scheme, value) on w.scheme = i.scheme and w.value = i.value`,
      [pgArrayLiteral(identifiers.map((i) => i.scheme)), pgArrayLiteral(identifiers.map((i) => i.value))],
    );
    return rows.map((r) => ({
      scheme: String(r.scheme),
      value: String(r.value),
      organisationId: String(r.organisation_id),
    }));
  }

  /** Replaces an organisation's identifiers (`replaceExisting: false` for a new one, which has none). */
  async setIdentifiers(
    organisationId: string,
    identifiers: readonly (IdentifierRow & { id: string })[],
    replaceExisting = true,
  ): Promise<void> {
    if (replaceExisting) {
      await this.em.execute(
        '/* organisation.clearIdentifiers */ delete from organisations.organisation_identifier where organisation_id = ?',
        [organisationId],
      );
    }
    if (identifiers.length === 0) return;
    await this.em.execute(
      `/* organisation.insertIdentifiers */ insert into organisations.organisation_identifier (id, organisation_id, scheme, value)
       select i.id, ?, i.scheme, i.value from unnest(?::uuid[], ?::text[], ?::text[]) as i(id, scheme, value)`,
      [
        organisationId,
        pgArrayLiteral(identifiers.map((i) => i.id)),
        pgArrayLiteral(identifiers.map((i) => i.scheme)),
        pgArrayLiteral(identifiers.map((i) => i.value)),
      ],
    );
  }
}

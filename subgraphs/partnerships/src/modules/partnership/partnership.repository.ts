import type { OptionalProps } from '@mikro-orm/core';
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
  RecordSource,
  timestampOf,
} from '@ngo-hub/kit';
import { PartnershipSort } from './partnership.input.js';
import { PartnershipEntity } from './partnership.entity.js';

/** The settable columns of a partnership (`id`, `created_at` and `updated_at` are not). */
export interface PartnershipFields {
  name: string;
  description: string | null;
  territoryCode: string;
  additionalTerritoryCodes: string[];
  status: string;
  themes: string[];
  establishedOn: string | null;
  hasLegalPersonality: boolean;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
}

export interface NewPartnershipRow extends PartnershipFields {
  id: string;
  /** CONTRIBUTED unless the writer is the demo seeder. */
  source?: RecordSource;
}

/** Each settable property's column and placeholder (with the cast its parameter needs). */
const COLUMNS: { [K in keyof PartnershipFields]: [column: string, placeholder: string] } = {
  name: ['name', '?'],
  description: ['description', '?'],
  territoryCode: ['territory_code', '?'],
  additionalTerritoryCodes: ['additional_territory_codes', '?::varchar(7)[]'],
  status: ['status', '?'],
  themes: ['themes', '?::text[]'],
  establishedOn: ['established_on', '?::date'],
  hasLegalPersonality: ['has_legal_personality', '?'],
  contactName: ['contact_name', '?'],
  contactEmail: ['contact_email', '?'],
  contactPhone: ['contact_phone', '?'],
};
const FIELDS = Object.keys(COLUMNS) as (keyof PartnershipFields)[];

const param = (value: PartnershipFields[keyof PartnershipFields]) =>
  Array.isArray(value) ? pgArrayLiteral(value) : value;

/** Filters of `partnerships(filter)` after validation. */
export interface PartnershipCriteria {
  search: string | null;
  territoryPrefixes: string[] | null;
  status: string | null;
  theme: string | null;
  leadPartner: string | null;
  /** ISO instant: only rows changed at or after it (see the engine's `updatedAt`). */
  modifiedSince: string | null;
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
  updatedAt: 'p.updated_at',
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

/** What reads of a partnership return: its entity's fields, as a plain object (never an entity). */
export type PartnershipRecord = Omit<PartnershipEntity, typeof OptionalProps>;

/**
 * A partnership row (`select p.*`, or its `to_jsonb(p)`) as a `PartnershipRecord`: the one mapping
 * of read paths.
 */
export function partnershipRecord(row: Record<string, unknown>): PartnershipRecord {
  return {
    id: row.id as string,
    name: row.name as string,
    description: row.description as string | null,
    territoryCode: row.territory_code as string,
    additionalTerritoryCodes: row.additional_territory_codes as string[],
    status: row.status as string,
    themes: row.themes as string[],
    establishedOn: row.established_on as string | null,
    hasLegalPersonality: row.has_legal_personality as boolean,
    contactName: row.contact_name as string | null,
    contactEmail: row.contact_email as string | null,
    contactPhone: row.contact_phone as string | null,
    createdAt: timestampOf(row.created_at),
    updatedAt: timestampOf(row.updated_at),
    source: row.source as string,
  };
}

/** All SQL about partnerships; each statement is tagged with its name. */
export class PartnershipRepository {
  constructor(private readonly em: EntityManager) {}

  async findByIds(ids: readonly string[]): Promise<PartnershipRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.em.execute(
      `/* partnership.findByIds */ select p.* from partnerships.partnership p where p.id in (${sqlPlaceholders(ids)})`,
      [...ids],
    );
    return rows.map(partnershipRecord);
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

  /** Locks the partnership row for the rest of the transaction and returns it (null when there is none). */
  async lockRow(id: string): Promise<PartnershipEntity | null> {
    const [row] = await this.em.execute(
      '/* partnership.lockRow */ select p.* from partnerships.partnership p where p.id = ? for update',
      [id],
    );
    return row ? this.em.map(PartnershipEntity, row) : null;
  }

  /** A page of the list; `totalCount` is counted only when asked for. */
  list<T>(q: PartnershipListQuery, toNode: (row: PartnershipRecord) => T): Promise<Connection<T>> {
    return partnershipList.connection(this.em, q, (row) => toNode(partnershipRecord(row)));
  }

  /** The list under one territory, through the request's loaders: one statement for all territories. */
  ofTerritory<T>(
    loaders: ParentLoaders<PartnershipCriteria, PartnershipSort>,
    code: string,
    q: PartnershipListQuery,
    toNode: (row: PartnershipRecord) => T,
  ): Promise<Connection<T>> {
    return partnershipList.parentConnection(loaders, code, q, (row) => toNode(partnershipRecord(row)));
  }

  /** Inserts a partnership; with `ifMissing` an existing id is left untouched (the idempotent seeder). */
  async insert(p: NewPartnershipRow, ifMissing = false): Promise<PartnershipEntity | null> {
    const rows = await this.em.execute(
      `/* partnership.insert */ insert into partnerships.partnership (id, ${FIELDS.map((k) => COLUMNS[k][0]).join(', ')}, source)
       values (?, ${FIELDS.map((k) => COLUMNS[k][1]).join(', ')}, ?)
       ${ifMissing ? 'on conflict do nothing' : ''} returning *`,
      [p.id, ...FIELDS.map((k) => param(p[k])), p.source ?? RecordSource.CONTRIBUTED],
    );
    return rows[0] ? this.em.map(PartnershipEntity, rows[0]) : null;
  }

  /** Sets the given columns of a row the caller has locked (the database bumps `updated_at` when one changes). */
  async update(id: string, changes: Partial<PartnershipFields>): Promise<PartnershipEntity> {
    const keys = FIELDS.filter((k) => changes[k] !== undefined);
    const [row] = await this.em.execute(
      `/* partnership.update */ update partnerships.partnership
       set ${keys.map((k) => `${COLUMNS[k][0]} = ${COLUMNS[k][1]}`).join(', ') || 'id = id'} where id = ? returning *`,
      [...keys.map((k) => param(changes[k]!)), id],
    );
    return this.em.map(PartnershipEntity, row!);
  }
}

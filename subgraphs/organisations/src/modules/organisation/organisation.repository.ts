import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError, isUuid, pgArrayLiteral, searchSql, territoryCondition, type PageRequest } from '@ngo-hub/kit';
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

/** The effective order of a list (RELEVANCE only when there is a search). */
export type OrganisationOrder = 'RELEVANCE' | 'NAME' | 'NEWEST';

/** A decoded `after` cursor: the sort it belongs to, then that sort's keyset values. */
export type OrganisationCursor =
  | { order: 'NAME'; key: string; id: string }
  | { order: 'NEWEST'; createdAt: string; id: string }
  | { order: 'RELEVANCE'; rank: number; key: string; id: string };

/** One fetched row with the values its cursor is made of. */
export interface OrganisationRow {
  entity: OrganisationEntity;
  sortKey: string;
  createdKey: string;
  rank: number;
  /** The requested territory this row was fetched for (territory pages only). */
  territoryCode: string | null;
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
}

/** Each settable property's column and placeholder (with the cast its parameter needs). */
const COLUMNS: { [K in keyof OrganisationFields]: [column: string, placeholder: string] } = {
  name: ['name', '?'], shortName: ['short_name', '?'], sector: ['sector', '?'], legalForm: ['legal_form', '?'],
  publicBenefit: ['public_benefit', '?'], description: ['description', '?'], areasOfActivity: ['areas_of_activity', '?::text[]'],
  streetAddress: ['street_address', '?'], postalCode: ['postal_code', '?'], locality: ['locality', '?'], territoryCode: ['territory_code', '?'],
  website: ['website', '?'], email: ['email', '?'], phone: ['phone', '?'], foundedOn: ['founded_on', '?::date'],
};
const FIELDS = Object.keys(COLUMNS) as (keyof OrganisationFields)[];

const param = <K extends keyof OrganisationFields>(key: K, value: OrganisationFields[K]) => (key === 'areasOfActivity' ? pgArrayLiteral(value as string[]) : value);

export interface IdentifierRow {
  scheme: string;
  value: string;
}

/** Exactly the expression `organisation_search_trgm_idx` is built on, so the index serves the search. */
const SEARCH_INDEXED = `organisations.f_search_text(o.name || ' ' || coalesce(o.short_name, ''))`;
/** Exactly the leading expression of `organisation_polish_name_id_idx`. */
const NAME_KEY = `organisations.f_polish_key(o.name) collate "C"`;
/** Microsecond ISO text, so a NEWEST cursor compares equal to the stored timestamp. */
const CREATED_KEY = `to_char(o.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const CREATED_KEY_SHAPE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** Encodes the cursor of a row under `order`; the sort's name leads so cursors of other sorts are refused. */
export function cursorValues(order: OrganisationOrder, row: OrganisationRow): unknown[] {
  if (order === 'NAME') return [order, row.sortKey, row.entity.id];
  if (order === 'NEWEST') return [order, row.createdKey, row.entity.id];
  return [order, row.rank, row.sortKey, row.entity.id];
}

/** Decodes `after` for `order`; another sort's cursor or a hand-made one is BAD_USER_INPUT on `after`. */
export function decodeCursor(order: OrganisationOrder, page: PageRequest): OrganisationCursor | null {
  const a = page.after;
  if (!a) return null;
  const refuse = () => AppError.badInput('after', `after is not a cursor of this list in ${order} order`);
  if (a[0] !== order) throw refuse();
  const id = a.at(-1);
  if (typeof id !== 'string' || !isUuid(id)) throw refuse();
  if (order === 'NAME' && a.length === 3 && typeof a[1] === 'string') return { order, key: a[1], id };
  if (order === 'NEWEST' && a.length === 3 && typeof a[1] === 'string' && CREATED_KEY_SHAPE.test(a[1])) return { order, createdAt: a[1], id };
  if (order === 'RELEVANCE' && a.length === 4 && typeof a[1] === 'number' && Number.isFinite(a[1]) && typeof a[2] === 'string') {
    return { order, rank: a[1], key: a[2], id };
  }
  throw refuse();
}

interface Sql {
  sql: string;
  params: unknown[];
}

function whereClause(c: OrganisationCriteria): Sql {
  const parts: string[] = ['true'];
  const params: unknown[] = [];
  if (c.search) {
    const search = searchSql('organisations', SEARCH_INDEXED, c.search);
    parts.push(search.where);
    params.push(...search.whereParams);
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

/**
 * The filtered organisations with their sort values as columns of `s`; a flat subquery, so the
 * planner inlines it and the expression indexes still apply to `s.sort_key` and the search.
 */
function filtered(c: OrganisationCriteria, order: OrganisationOrder): Sql {
  const where = whereClause(c);
  const search = order === 'RELEVANCE' && c.search ? searchSql('organisations', SEARCH_INDEXED, c.search) : null;
  return {
    sql: `(select o.*, ${NAME_KEY} as sort_key, ${CREATED_KEY} as created_key, ${search ? search.rank : '0::float8'} as rank
      from organisations.organisation o where ${where.sql}) s`,
    params: [...(search?.rankParams ?? []), ...where.params],
  };
}

function orderBy(order: OrganisationOrder): string {
  if (order === 'NAME') return 's.sort_key, s.id';
  if (order === 'NEWEST') return 's.created_at desc, s.id';
  return 's.rank desc, s.sort_key, s.id';
}

/** "Comes after the cursor" in `order`; the rank is compared as float8, exactly as it was computed. */
function keyset(cursor: OrganisationCursor | null): Sql {
  if (!cursor) return { sql: 'true', params: [] };
  if (cursor.order === 'NAME') return { sql: '(s.sort_key, s.id) > (?::text collate "C", ?::uuid)', params: [cursor.key, cursor.id] };
  if (cursor.order === 'NEWEST') {
    return {
      sql: '(s.created_at < ?::timestamptz or (s.created_at = ?::timestamptz and s.id > ?::uuid))',
      params: [cursor.createdAt, cursor.createdAt, cursor.id],
    };
  }
  return {
    sql: '(s.rank < ?::float8 or (s.rank = ?::float8 and (s.sort_key, s.id) > (?::text collate "C", ?::uuid)))',
    params: [cursor.rank, cursor.rank, cursor.key, cursor.id],
  };
}

/** Requested territories joined with their TERC prefixes, one array parameter each. */
function territoryPairs(prefixesByCode: Map<string, string[]>): Sql {
  const codes: string[] = [];
  const prefixes: string[] = [];
  for (const [code, list] of prefixesByCode) {
    for (const prefix of list) { codes.push(code); prefixes.push(prefix); }
  }
  return { sql: 'unnest(?::text[], ?::text[]) as p(code, prefix)', params: [pgArrayLiteral(codes), pgArrayLiteral(prefixes)] };
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

  private toRow(row: Record<string, unknown>): OrganisationRow {
    return {
      entity: this.em.map(OrganisationEntity, row),
      sortKey: String(row.sort_key),
      createdKey: String(row.created_key),
      rank: Number(row.rank),
      territoryCode: row.territory_partition == null ? null : String(row.territory_partition),
    };
  }

  /** One page in `order`, starting after the keyset cursor; fetches `first + 1` rows. */
  async page(criteria: OrganisationCriteria, order: OrganisationOrder, page: PageRequest): Promise<OrganisationRow[]> {
    const from = filtered(criteria, order);
    const after = keyset(decodeCursor(order, page));
    const rows = await this.em.execute(
      `/* organisation.page */ select s.* from ${from.sql} where ${after.sql} order by ${orderBy(order)} limit ?`,
      [...from.params, ...after.params, page.first + 1],
    );
    return rows.map((row) => this.toRow(row));
  }

  async count(criteria: OrganisationCriteria): Promise<number> {
    const where = whereClause(criteria);
    const [row] = await this.em.execute(
      `/* organisation.count */ select count(*)::int as n from organisations.organisation o where ${where.sql}`,
      where.params,
    );
    return Number(row!.n);
  }

  /**
   * The same page for many territories in ONE statement: each organisation is paired with every
   * requested territory whose prefix its seat code starts with, then numbered per territory. The
   * prefixes of one territory never overlap (a single code, or disjoint 7-digit codes), so a row
   * appears at most once per territory.
   */
  async pageByTerritory(prefixesByCode: Map<string, string[]>, criteria: OrganisationCriteria, order: OrganisationOrder, page: PageRequest): Promise<OrganisationRow[]> {
    if (prefixesByCode.size === 0) return [];
    const from = filtered(criteria, order);
    const pairs = territoryPairs(prefixesByCode);
    const after = keyset(decodeCursor(order, page));
    const rows = await this.em.execute(
      `/* organisation.pageByTerritory */ select w.* from (
         select s.*, p.code as territory_partition,
           row_number() over (partition by p.code order by ${orderBy(order)}) as territory_rn
         from ${from.sql} join ${pairs.sql} on s.territory_code like p.prefix || '%'
         where ${after.sql}
       ) w where w.territory_rn <= ? order by w.territory_partition, w.territory_rn`,
      [...from.params, ...pairs.params, ...after.params, page.first + 1],
    );
    return rows.map((row) => this.toRow(row));
  }

  /** Matching organisations per territory, one grouped statement; territories without any are absent. */
  async countByTerritory(prefixesByCode: Map<string, string[]>, criteria: OrganisationCriteria): Promise<Map<string, number>> {
    if (prefixesByCode.size === 0) return new Map();
    const where = whereClause(criteria);
    const pairs = territoryPairs(prefixesByCode);
    const rows = await this.em.execute(
      `/* organisation.countByTerritory */ select p.code, count(*)::int as n
       from organisations.organisation o join ${pairs.sql} on o.territory_code like p.prefix || '%'
       where ${where.sql} group by p.code`,
      [...pairs.params, ...where.params],
    );
    return new Map(rows.map((r) => [String(r.code), Number(r.n)]));
  }

  /** Inserts an organisation; with `ifMissing` an existing id is left untouched (the idempotent seeder). */
  async insert(id: string, fields: OrganisationFields, ifMissing = false): Promise<OrganisationEntity | null> {
    const rows = await this.em.execute(
      `/* organisation.insert */ insert into organisations.organisation (id, ${FIELDS.map((k) => COLUMNS[k][0]).join(', ')})
       values (?, ${FIELDS.map((k) => COLUMNS[k][1]).join(', ')})
       ${ifMissing ? 'on conflict do nothing' : ''} returning *`,
      [id, ...FIELDS.map((k) => param(k, fields[k]))],
    );
    return rows[0] ? this.em.map(OrganisationEntity, rows[0]) : null;
  }

  /** Sets the given columns (and `updated_at`); null when there is no such organisation. */
  async update(id: string, changes: Partial<OrganisationFields>): Promise<OrganisationEntity | null> {
    const keys = FIELDS.filter((k) => changes[k] !== undefined);
    const rows = await this.em.execute(
      `/* organisation.update */ update organisations.organisation
       set ${[...keys.map((k) => `${COLUMNS[k][0]} = ${COLUMNS[k][1]}`), 'updated_at = now()'].join(', ')} where id = ? returning *`,
      [...keys.map((k) => param(k, changes[k]!)), id],
    );
    return rows[0] ? this.em.map(OrganisationEntity, rows[0]) : null;
  }

  /** Which organisation holds each of these identifiers, in one statement (identifiers nobody holds are absent). */
  async identifierHolders(identifiers: readonly IdentifierRow[]): Promise<(IdentifierRow & { organisationId: string })[]> {
    if (identifiers.length === 0) return [];
    const rows = await this.em.execute(
      `/* organisation.identifierHolders */ select i.scheme, i.value, i.organisation_id from organisations.organisation_identifier i
       join unnest(?::text[], ?::text[]) as w(scheme, value) on w.scheme = i.scheme and w.value = i.value`,
      [pgArrayLiteral(identifiers.map((i) => i.scheme)), pgArrayLiteral(identifiers.map((i) => i.value))],
    );
    return rows.map((r) => ({ scheme: String(r.scheme), value: String(r.value), organisationId: String(r.organisation_id) }));
  }

  /** Replaces an organisation's identifiers (`replaceExisting: false` for a new one, which has none). */
  async setIdentifiers(organisationId: string, identifiers: readonly (IdentifierRow & { id: string })[], replaceExisting = true): Promise<void> {
    if (replaceExisting) {
      await this.em.execute('/* organisation.clearIdentifiers */ delete from organisations.organisation_identifier where organisation_id = ?', [organisationId]);
    }
    if (identifiers.length === 0) return;
    await this.em.execute(
      `/* organisation.insertIdentifiers */ insert into organisations.organisation_identifier (id, organisation_id, scheme, value)
       select i.id, ?, i.scheme, i.value from unnest(?::uuid[], ?::text[], ?::text[]) as i(id, scheme, value)`,
      [organisationId, pgArrayLiteral(identifiers.map((i) => i.id)), pgArrayLiteral(identifiers.map((i) => i.scheme)), pgArrayLiteral(identifiers.map((i) => i.value))],
    );
  }
}

import type { OptionalProps } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  defineList,
  pgArrayLiteral,
  rawSql,
  sql,
  territoryParent,
  territorySql,
  type Connection,
  type ListQuery,
  type PageRequest,
  type ParentLoaders,
  RecordSource,
  timestampOf,
} from '@ngo-hub/kit';
import { CallEntity } from './call.entity.js';
import { CallSort } from './call.type.js';

/** Filters of `calls(filter)` after validation; `today` is the Warsaw date the filters are judged on. */
export interface CallCriteria {
  today: string;
  search: string | null;
  open: boolean | null;
  closingWithinDays: number | null;
  funderId: string | null;
  territoryPrefixes: string[] | null;
  callTerritoryPrefixes: string[] | null;
  /** ISO instant: only rows changed at or after it (see the engine's `updatedAt`). */
  modifiedSince: string | null;
}

// Dates and money are read as text so nothing passes through a JS Date or float.
const CALL_COLUMNS = `c.id, c.title, c.description, c.programme_id, c.funder_id, c.opens_on::text as opens_on,
  c.closes_on::text as closes_on, c.budget_amount::text as budget_amount, c.budget_currency, c.url, c.territory_code, c.created_at, c.updated_at, c.source`;

/**
 * The call list (root `calls` and `Territory.calls`). Without `sort`: RELEVANCE with a search,
 * CLOSING_SOONEST without (RELEVANCE without a search is CLOSING_SOONEST).
 */
export const callList = defineList<CallCriteria, CallSort, 'territory'>({
  name: 'call',
  table: 'funding.call',
  alias: 'c',
  updatedAt: 'c.updated_at',
  columns: CALL_COLUMNS,
  // Exactly the expression of the trigram index call_title_search_idx, so searches use it.
  search: { schema: 'funding', indexed: 'funding.f_search_text(c.title)', sort: CallSort.RELEVANCE },
  filters: {
    open: (c) =>
      c.open != null
        ? sql`${rawSql(c.open ? '' : 'not ')}(c.opens_on <= ${c.today}::date and (c.closes_on is null or c.closes_on >= ${c.today}::date))`
        : null,
    closingWithinDays: (c) =>
      c.closingWithinDays != null
        ? sql`c.closes_on between ${c.today}::date and ${c.today}::date + ${c.closingWithinDays}::int`
        : null,
    funder: (c) => (c.funderId ? sql`c.funder_id = ${c.funderId}::uuid` : null),
    territory: (c) =>
      c.territoryPrefixes
        ? sql`exists (select 1 from funding.call_eligible_territory t where t.call_id = c.id and ${territorySql('t.territory_code', c.territoryPrefixes)})`
        : null,
    callTerritory: (c) => (c.callTerritoryPrefixes ? territorySql('c.territory_code', c.callTerritoryPrefixes) : null),
  },
  sorts: {
    [CallSort.CLOSING_SOONEST]: [{ expr: 'c.closes_on', type: 'date', nullsLast: true }],
    [CallSort.NEWEST]: [{ expr: 'c.opens_on', type: 'date', direction: 'desc' }],
  },
  defaultSort: CallSort.CLOSING_SOONEST,
  parents: {
    // By eligible territory: each call once under every requested territory it is open to.
    territory: territoryParent((t) => ({
      join: sql`join (select distinct tp.code, et.call_id from ${t.pairs}
        join funding.call_eligible_territory et on et.territory_code like tp.prefix || '%') m on m.call_id = c.id`,
      key: 'm.code',
    })),
  },
});

export type CallListQuery = ListQuery<CallCriteria, CallSort>;

/** A validated call list request; throws BAD_USER_INPUT on `after` for a foreign cursor. */
export function callListQuery(criteria: CallCriteria, sort: CallSort | null, page: PageRequest): CallListQuery {
  return callList.query(criteria, sort, page);
}

export interface CallInsert {
  id: string;
  title: string;
  description: string | null;
  programmeId: string | null;
  funderId: string;
  opensOn: string;
  closesOn: string | null;
  budgetAmount: string | null;
  budgetCurrency: string | null;
  url: string | null;
  territoryCode: string | null;
  eligibleTerritories: string[];
  /** CONTRIBUTED unless the writer is the demo seeder. */
  source?: RecordSource;
}

/** The columns `updateCall` may set, by property, with the SQL that casts the parameter. */
const UPDATABLE = {
  title: ['title', '?'],
  description: ['description', '?'],
  programmeId: ['programme_id', '?::uuid'],
  opensOn: ['opens_on', '?::date'],
  closesOn: ['closes_on', '?::date'],
  budgetAmount: ['budget_amount', '?::numeric'],
  budgetCurrency: ['budget_currency', '?'],
  url: ['url', '?'],
  territoryCode: ['territory_code', '?'],
} as const satisfies Record<string, readonly [string, string]>;

export type CallChanges = Partial<Record<keyof typeof UPDATABLE, string | null>>;

/** What reads of a call return: its entity's fields, as a plain object (never an entity). */
export type CallRecord = Omit<CallEntity, typeof OptionalProps>;

/** A `CALL_COLUMNS` row as a `CallRecord`: the one mapping of read paths. */
function callRecord(row: Record<string, unknown>): CallRecord {
  return {
    id: row.id as string,
    title: row.title as string,
    description: row.description as string | null,
    programmeId: row.programme_id as string | null,
    funderId: row.funder_id as string,
    opensOn: row.opens_on as string,
    closesOn: row.closes_on as string | null,
    budgetAmount: row.budget_amount as string | null,
    budgetCurrency: row.budget_currency as string | null,
    url: row.url as string | null,
    territoryCode: row.territory_code as string | null,
    createdAt: timestampOf(row.created_at),
    updatedAt: timestampOf(row.updated_at),
    source: row.source as string,
  };
}

/** All SQL about calls for proposals; each statement is tagged with its name. */
export class CallRepository {
  constructor(private readonly em: EntityManager) {}

  /** The root `calls` connection: one page statement, and a count only when `totalCount` is asked for. */
  list<T>(q: CallListQuery, toNode: (row: CallRecord) => T): Promise<Connection<T>> {
    return callList.connection(this.em, q, (row) => toNode(callRecord(row)));
  }

  /** The list under one territory, through the request's loaders: one statement for all territories. */
  ofTerritory<T>(
    loaders: ParentLoaders<CallCriteria, CallSort>,
    code: string,
    q: CallListQuery,
    toNode: (row: CallRecord) => T,
  ): Promise<Connection<T>> {
    return callList.parentConnection(loaders, code, q, (row) => toNode(callRecord(row)));
  }

  async byIds(ids: readonly string[]): Promise<CallRecord[]> {
    const rows = await this.em.execute(
      `/* call.byIds */ select ${CALL_COLUMNS} from funding.call c where c.id = any(?::uuid[])`,
      [pgArrayLiteral(ids)],
    );
    return rows.map(callRecord);
  }

  /** The stored call, locked until the transaction ends so the checks on it hold for the update. */
  async lockById(id: string): Promise<CallEntity | null> {
    const [row] = await this.em.execute(
      `/* call.lock */ select ${CALL_COLUMNS} from funding.call c where c.id = ?::uuid for update`,
      [id],
    );
    return row ? this.em.map(CallEntity, row) : null;
  }

  /** Sets the given columns; run inside the caller's transaction. */
  async update(id: string, changes: CallChanges): Promise<void> {
    const keys = (Object.keys(changes) as (keyof typeof UPDATABLE)[]).filter((k) => changes[k] !== undefined);
    if (keys.length === 0) return;
    await this.em.execute(
      `/* call.update */ update funding.call set ${keys.map((k) => `${UPDATABLE[k][0]} = ${UPDATABLE[k][1]}`).join(', ')} where id = ?::uuid`,
      [...keys.map((k) => changes[k]), id],
    );
  }

  /** Replaces the call's eligible territories. */
  async setTerritories(id: string, codes: readonly string[]): Promise<void> {
    await this.em.execute(
      '/* call.deleteTerritories */ delete from funding.call_eligible_territory where call_id = ?::uuid',
      [id],
    );
    await this.insertTerritories(id, codes);
  }

  private async insertTerritories(id: string, codes: readonly string[]): Promise<void> {
    if (codes.length === 0) return;
    await this.em.execute(
      `/* call.insertTerritories */ insert into funding.call_eligible_territory (call_id, territory_code)
       select ?::uuid, code from unnest(?::text[]) as code`,
      [id, pgArrayLiteral(codes)],
    );
  }

  async territoriesOf(callIds: readonly string[]): Promise<{ callId: string; code: string }[]> {
    const rows = await this.em.execute(
      `/* call.territories */ select t.call_id, t.territory_code from funding.call_eligible_territory t
       where t.call_id = any(?::uuid[]) order by t.territory_code`,
      [pgArrayLiteral(callIds)],
    );
    return rows.map((r) => ({ callId: r.call_id as string, code: r.territory_code as string }));
  }

  /** Inserts a call and its territories; run inside the caller's transaction. */
  async insert(call: CallInsert): Promise<void> {
    await this.em.execute(
      `/* call.insert */ insert into funding.call (id, title, description, programme_id, funder_id, opens_on, closes_on, budget_amount, budget_currency, url, territory_code, source)
       values (?::uuid, ?, ?, ?::uuid, ?::uuid, ?::date, ?::date, ?::numeric, ?, ?, ?, ?)`,
      [
        call.id,
        call.title,
        call.description,
        call.programmeId,
        call.funderId,
        call.opensOn,
        call.closesOn,
        call.budgetAmount,
        call.budgetCurrency,
        call.url,
        call.territoryCode,
        call.source ?? RecordSource.CONTRIBUTED,
      ],
    );
    await this.insertTerritories(call.id, call.eligibleTerritories);
  }

  /**
   * Moves synthetic calls to the given windows (the demo layer is dated relative to the day of each
   * start); rows of any other source are never touched, nor rows already in those windows.
   */
  async moveSynthetic(windows: readonly { id: string; opensOn: string; closesOn: string }[]): Promise<void> {
    await this.em.execute(
      `/* call.moveSynthetic */ update funding.call c set opens_on = w.opens_on, closes_on = w.closes_on
       from unnest(?::uuid[], ?::date[], ?::date[]) as w(id, opens_on, closes_on)
       where c.id = w.id and c.source = 'SYNTHETIC' and (c.opens_on, c.closes_on) is distinct from (w.opens_on, w.closes_on)`,
      [
        pgArrayLiteral(windows.map((w) => w.id)),
        pgArrayLiteral(windows.map((w) => w.opensOn)),
        pgArrayLiteral(windows.map((w) => w.closesOn)),
      ],
    );
  }
}

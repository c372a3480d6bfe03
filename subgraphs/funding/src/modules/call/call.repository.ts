import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArrayLiteral, searchSql, territoryCondition, type PageRequest } from '@ngo-hub/kit';
import { decodeCursor, ListReader, type ListQuery, type ListRow, type ListSource, type SortKey, type SortPlan } from '../common/listing.js';
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
}

// Dates and money are read as text so nothing passes through a JS Date or float.
const CALL_COLUMNS = `c.id, c.title, c.description, c.programme_id, c.funder_id, c.opens_on::text as opens_on,
  c.closes_on::text as closes_on, c.budget_amount::text as budget_amount, c.budget_currency, c.url, c.created_at`;

/** Exactly the expression of the trigram index call_title_search_idx, so searches use it. */
const SEARCHED = 'funding.f_search_text(c.title)';

const SOURCE: ListSource = {
  name: 'call', table: 'funding.call', alias: 'c', columns: CALL_COLUMNS,
  territories: { table: 'funding.call_eligible_territory', itemColumn: 'call_id' },
};

const CLOSING_KEYS: SortKey[] = [{ expr: 'c.closes_on', cast: 'date', direction: 'asc', nullable: true }];
const SORT_KEYS: Record<Exclude<CallSort, CallSort.RELEVANCE>, SortKey[]> = {
  [CallSort.CLOSING_SOONEST]: CLOSING_KEYS,
  [CallSort.NEWEST]: [{ expr: 'c.opens_on', cast: 'date', direction: 'desc', nullable: false }],
};

/** `sort` when given, else RELEVANCE with a search and CLOSING_SOONEST without (RELEVANCE without a search is CLOSING_SOONEST). */
function sortPlan(sort: CallSort | null, search: string | null): SortPlan {
  const effective = sort ?? (search ? CallSort.RELEVANCE : CallSort.CLOSING_SOONEST);
  if (effective === CallSort.RELEVANCE) {
    if (!search) return { tag: CallSort.CLOSING_SOONEST, keys: CLOSING_KEYS };
    const { rank, rankParams } = searchSql('funding', SEARCHED, search);
    return { tag: CallSort.RELEVANCE, keys: [{ expr: rank, params: rankParams, cast: 'float8', direction: 'desc', nullable: false }, ...CLOSING_KEYS] };
  }
  return { tag: effective, keys: SORT_KEYS[effective] };
}

/** A validated call list request as SQL pieces; throws BAD_USER_INPUT on `after` for a foreign cursor. */
export function callListQuery(criteria: CallCriteria, sort: CallSort | null, page: PageRequest): ListQuery {
  const plan = sortPlan(sort, criteria.search);
  return { where: whereClause(criteria), plan, page, cursor: decodeCursor(page, plan) };
}

function whereClause(c: CallCriteria): { sql: string; params: unknown[] } {
  const parts: string[] = ['true'];
  const params: unknown[] = [];
  if (c.search) {
    const search = searchSql('funding', SEARCHED, c.search);
    parts.push(search.where);
    params.push(...search.whereParams);
  }
  if (c.open != null) {
    parts.push(`${c.open ? '' : 'not '}(c.opens_on <= ?::date and (c.closes_on is null or c.closes_on >= ?::date))`);
    params.push(c.today, c.today);
  }
  if (c.closingWithinDays != null) {
    parts.push('c.closes_on between ?::date and ?::date + ?::int');
    params.push(c.today, c.today, c.closingWithinDays);
  }
  if (c.funderId) { parts.push('c.funder_id = ?::uuid'); params.push(c.funderId); }
  if (c.territoryPrefixes) {
    const cond = territoryCondition('t.territory_code', c.territoryPrefixes);
    parts.push(`exists (select 1 from funding.call_eligible_territory t where t.call_id = c.id and ${cond.sql})`);
    params.push(...cond.params);
  }
  return { sql: parts.join(' and '), params };
}

export interface CallInsert {
  id: string; title: string; description: string | null; programmeId: string | null; funderId: string;
  opensOn: string; closesOn: string | null; budgetAmount: string | null; budgetCurrency: string | null; url: string | null;
  eligibleTerritories: string[];
}

/** All SQL about calls for proposals; each statement is tagged with its name. */
export class CallRepository {
  private readonly lists: ListReader;

  constructor(private readonly em: EntityManager) {
    this.lists = new ListReader(em, SOURCE);
  }

  /** One page of `calls` (`first + 1` rows), with each row's cursor. */
  async page(q: ListQuery): Promise<{ call: CallEntity; cursor: unknown[] }[]> {
    return (await this.lists.page(q)).map((r) => this.entry(r));
  }

  count(q: ListQuery): Promise<number> {
    return this.lists.count(q);
  }

  /** The same page under each territory (by eligible territory), in one statement. */
  async pageByTerritories(codes: readonly string[], q: ListQuery): Promise<{ code: string; call: CallEntity; cursor: unknown[] }[]> {
    return (await this.lists.pageByTerritories(codes, q)).map((r) => ({ code: r.code, ...this.entry(r) }));
  }

  countByTerritories(codes: readonly string[], q: Pick<ListQuery, 'where'>): Promise<Map<string, number>> {
    return this.lists.countByTerritories(codes, q);
  }

  private entry(r: ListRow): { call: CallEntity; cursor: unknown[] } {
    return { call: this.em.map(CallEntity, r.row), cursor: r.cursor };
  }

  async byIds(ids: readonly string[]): Promise<CallEntity[]> {
    const rows = await this.em.execute(`/* call.byIds */ select ${CALL_COLUMNS} from funding.call c where c.id = any(?::uuid[])`, [pgArrayLiteral(ids)]);
    return rows.map((r) => this.em.map(CallEntity, r));
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
      `/* call.insert */ insert into funding.call (id, title, description, programme_id, funder_id, opens_on, closes_on, budget_amount, budget_currency, url)
       values (?::uuid, ?, ?, ?::uuid, ?::uuid, ?::date, ?::date, ?::numeric, ?, ?)`,
      [call.id, call.title, call.description, call.programmeId, call.funderId, call.opensOn, call.closesOn, call.budgetAmount, call.budgetCurrency, call.url],
    );
    if (call.eligibleTerritories.length) {
      await this.em.execute(
        `/* call.insertTerritories */ insert into funding.call_eligible_territory (call_id, territory_code)
         select ?::uuid, code from unnest(?::text[]) as code`,
        [call.id, pgArrayLiteral(call.eligibleTerritories)],
      );
    }
  }
}

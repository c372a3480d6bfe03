import type { EntityManager } from '@mikro-orm/postgresql';
import { afterNullsLast, pgArrayLiteral, territoryCondition, type NullsLastCursor, type PageRequest } from '@ngo-hub/kit';
import { CallEntity } from './call.entity.js';

/** Filters of `calls(filter)` after validation; `today` is the Warsaw date the filters are judged on. */
export interface CallCriteria {
  today: string;
  open: boolean | null;
  closingWithinDays: number | null;
  funderId: string | null;
  territoryPrefixes: string[] | null;
}

// Dates and money are read as text so nothing passes through a JS Date or float.
const CALL_COLUMNS = `c.id, c.title, c.description, c.programme_id, c.funder_id, c.opens_on::text as opens_on,
  c.closes_on::text as closes_on, c.budget_amount::text as budget_amount, c.budget_currency, c.url, c.created_at`;

function whereClause(c: CallCriteria): { sql: string; params: unknown[] } {
  const parts: string[] = ['true'];
  const params: unknown[] = [];
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
  constructor(private readonly em: EntityManager) {}

  /** One page ordered by deadline (soonest first, open-ended last), then id; fetches `first + 1` rows. */
  async page(criteria: CallCriteria, page: PageRequest, after: NullsLastCursor | null): Promise<CallEntity[]> {
    const where = whereClause(criteria);
    const params = [...where.params];
    let keyset = '';
    if (after) {
      const cond = afterNullsLast({ column: 'c.closes_on', type: 'date', direction: 'asc', idColumn: 'c.id' }, after);
      keyset = `and ${cond.sql}`;
      params.push(...cond.params);
    }
    params.push(page.first + 1);
    const rows = await this.em.execute(
      `/* call.page */ select ${CALL_COLUMNS} from funding.call c where ${where.sql} ${keyset}
       order by c.closes_on asc nulls last, c.id limit ?`,
      params,
    );
    return rows.map((r) => this.em.map(CallEntity, r));
  }

  async count(criteria: CallCriteria): Promise<number> {
    const where = whereClause(criteria);
    const [row] = await this.em.execute(`/* call.count */ select count(*)::int as n from funding.call c where ${where.sql}`, where.params);
    return Number(row!.n);
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

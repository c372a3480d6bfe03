import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArrayLiteral, territoryCondition } from '@ngo-hub/kit';
import { GRANT_YEAR_SQL } from '../grant/grant.outbox.js';
import { FundingGroup } from './flow.type.js';

/** A validated `fundingFlows` request. */
export interface FlowQuery {
  /** Seats starting with one of these lie inside the territory. */
  prefixes: string[];
  level: 'WOJEWODZTWO' | 'POWIAT' | 'GMINA';
  groups: ReadonlySet<FundingGroup>;
  /** At GMINA: each gmina part or city district inside the territory and its gmina (see gminaOfCodes). */
  gminaOf: { codes: string[]; units: (string | null)[] };
  /** Only grants whose year (GRANT_YEAR_SQL) lies in this window; null: every grant. */
  years: { from: number | null; to: number | null } | null;
}

export interface FlowRow {
  funderId: string | null;
  programmeId: string | null;
  year: number | null;
  territoryCode: string | null;
  currency: string | null;
  grants: number;
  grantsWithoutAmount: number;
  amountAwarded: string;
  ownContribution: string | null;
}

/** The unit at the level of a seat `x.seat` (null when the seat lies above it); `m` is the gmina mapping. */
const UNIT_SQL: Record<FlowQuery['level'], string> = {
  WOJEWODZTWO: 'left(x.seat, 2)',
  POWIAT: 'case when length(x.seat) >= 4 then left(x.seat, 4) end',
  // A gmina part or a city district goes to its gmina; other 7-digit codes are gminas.
  GMINA: 'case when m.code is not null then m.unit when length(x.seat) = 7 then x.seat end',
};

export class FlowRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Every flow in one statement, summed in numeric and returned as text. Each grant of a covered
   * recipient yields contributions: one per funding source when grouped by FUNDER (the awarding
   * funder with amountAwarded when it has none), else itself with amountAwarded. Contributions are
   * then grouped by the asked keys and the grant's currency.
   */
  async flows(q: FlowQuery): Promise<FlowRow[]> {
    const byFunder = q.groups.has(FundingGroup.FUNDER);
    const seated = territoryCondition('s.territory_code', q.prefixes);
    const keys = {
      funder: byFunder ? 'x.contributor' : 'null::uuid',
      programme: q.groups.has(FundingGroup.PROGRAMME) ? 'x.programme_id' : 'null::uuid',
      year: q.groups.has(FundingGroup.YEAR) ? 'extract(year from x.starts_on)::int' : 'null::int',
      territory: q.groups.has(FundingGroup.TERRITORY) ? UNIT_SQL[q.level] : 'null::text',
    };
    const mapped = q.groups.has(FundingGroup.TERRITORY) && q.level === 'GMINA';
    const window = [
      ...(q.years?.from != null ? [{ sql: `${GRANT_YEAR_SQL} >= ?`, param: q.years.from }] : []),
      ...(q.years?.to != null ? [{ sql: `${GRANT_YEAR_SQL} <= ?`, param: q.years.to }] : []),
    ];
    const contributions = byFunder
      ? `select c.*, f.funder_id as contributor, f.amount from covered c join funding.grant_funding_source f on f.grant_id = c.id
         union all
         select c.*, c.funder_id, c.amount_awarded from covered c
         where not exists (select 1 from funding.grant_funding_source f where f.grant_id = c.id)`
      : 'select c.*, null::uuid as contributor, c.amount_awarded as amount from covered c';
    const rows = await this.em.execute(
      `/* flow.aggregate */ with covered as (
         select g.id, g.funder_id, g.programme_id, g.currency, g.amount_awarded, g.own_contribution, g.starts_on,
           s.territory_code as seat
         from funding.grant_award g join funding.organisation_seat s on s.organisation_id = g.recipient_id
         where ${seated.sql}${window.map((w) => ` and ${w.sql}`).join('')}),
       contribution as (${contributions})
       select ${keys.funder} as funder_id, ${keys.programme} as programme_id, ${keys.year} as year,
         ${keys.territory} as territory_code, x.currency,
         count(distinct x.id)::int as grants,
         (count(distinct x.id) filter (where x.amount is null))::int as grants_without_amount,
         round(coalesce(sum(x.amount), 0), 2)::text as amount_awarded,
         ${byFunder ? 'null::text' : 'round(coalesce(sum(x.own_contribution), 0), 2)::text'} as own_contribution
       from contribution x
       ${mapped ? 'left join unnest(?::text[], ?::text[]) as m(code, unit) on m.code = x.seat' : ''}
       group by 1, 2, 3, 4, 5
       order by 1 nulls last, 2 nulls last, 3 nulls last, 4 nulls last, 5 nulls last`,
      [
        ...seated.params,
        ...window.map((w) => w.param),
        ...(mapped ? [pgArrayLiteral(q.gminaOf.codes), pgArrayLiteral(q.gminaOf.units)] : []),
      ],
    );
    return rows.map((r) => ({
      funderId: r.funder_id as string | null,
      programmeId: r.programme_id as string | null,
      year: r.year as number | null,
      territoryCode: r.territory_code as string | null,
      currency: r.currency as string | null,
      grants: r.grants as number,
      grantsWithoutAmount: r.grants_without_amount as number,
      amountAwarded: r.amount_awarded as string,
      ownContribution: r.own_contribution as string | null,
    }));
  }
}

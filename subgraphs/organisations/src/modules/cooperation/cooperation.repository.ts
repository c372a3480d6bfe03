import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArrayLiteral, territoryCondition } from '@ngo-hub/kit';

/** Tie-end levels: the unit at `level` that contains an organisation's seat. */
export type TieLevel = 'WOJEWODZTWO' | 'POWIAT' | 'GMINA';

/**
 * SQL for the unit at `level` containing the seat `t` (a territory row): a gmina part or a city
 * district belongs to its gmina; a seat above the level (e.g. a voivodeship office at GMINA) has none.
 */
function unitAt(level: TieLevel): string {
  switch (level) {
    case 'WOJEWODZTWO': return 'left(t.code, 2)';
    case 'POWIAT': return `case when length(t.code) >= 4 then left(t.code, 4) end`;
    case 'GMINA': return `case t.level when 'GMINA' then t.code when 'GMINA_PART' then t.parent_code
                          when 'CITY_DISTRICT' then (select p.code from organisations.territory p where p.code = t.parent_code and p.level = 'GMINA') end`;
  }
}

export interface TieRow {
  a: string;
  b: string;
  partnerships: number;
  grants: number;
  events: number;
}

export interface CooperationRow {
  organisation_id: string;
  other_id: string;
  partnerships: number;
  grants: number;
  events: number;
  total: number;
}

/** All SQL of the cooperation read model. */
export class CooperationRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Pairs of units at `level` tied by distinct partnerships, grants and events, listed once
   * (a < b), where at least one end lies under one of `prefixes`.
   */
  async ties(level: TieLevel, prefixes: string[]): Promise<TieRow[]> {
    const inside = (column: string) => territoryCondition(column, prefixes);
    const a = inside('p.a'), b = inside('p.b');
    return this.em.execute(
      `/* cooperation.ties */
       with linked as (
         select distinct l.kind, l.source_id, ${unitAt(level)} as unit
         from organisations.cooperation_link l
         join organisations.organisation o on o.id = l.organisation_id
         join organisations.territory t on t.code = o.territory_code
       ), pairs as (
         select x.kind, x.source_id, x.unit as a, y.unit as b
         from linked x join linked y on y.kind = x.kind and y.source_id = x.source_id and x.unit < y.unit
       )
       select p.a, p.b,
         (count(*) filter (where p.kind = 'PARTNERSHIP'))::int as partnerships,
         (count(*) filter (where p.kind = 'GRANT'))::int as grants,
         (count(*) filter (where p.kind = 'EVENT'))::int as events
       from pairs p
       where (${a.sql} or ${b.sql})
       group by p.a, p.b
       order by p.a, p.b`,
      [...a.params, ...b.params],
    );
  }

  /**
   * For each organisation, the others it shares sources with, most shared first; `first + 1` per
   * organisation after the keyset position `(total, other id)`, all organisations in one statement.
   */
  async pages(organisationIds: readonly string[], first: number, after: { total: number; id: string } | null): Promise<CooperationRow[]> {
    return this.em.execute(
      `/* cooperation.pages */
       with shared as (
         select mine.organisation_id, theirs.organisation_id as other_id,
           (count(*) filter (where mine.kind = 'PARTNERSHIP'))::int as partnerships,
           (count(*) filter (where mine.kind = 'GRANT'))::int as grants,
           (count(*) filter (where mine.kind = 'EVENT'))::int as events,
           count(*)::int as total
         from organisations.cooperation_link mine
         join organisations.cooperation_link theirs
           on theirs.kind = mine.kind and theirs.source_id = mine.source_id and theirs.organisation_id <> mine.organisation_id
         where mine.organisation_id = any(?::uuid[])
         group by mine.organisation_id, theirs.organisation_id
       ), ranked as (
         select s.*, row_number() over (partition by s.organisation_id order by s.total desc, s.other_id) as position
         from shared s
         where ${after ? '(s.total < ? or (s.total = ? and s.other_id > ?::uuid))' : 'true'}
       )
       select organisation_id, other_id, partnerships, grants, events, total from ranked where position <= ?
       order by organisation_id, position`,
      [pgArrayLiteral([...organisationIds]), ...(after ? [after.total, after.total, after.id] : []), first + 1],
    );
  }

  /** How many distinct organisations each organisation shares a partnership, grant or event with. */
  async counts(organisationIds: readonly string[]): Promise<{ organisation_id: string; n: number }[]> {
    return this.em.execute(
      `/* cooperation.counts */
       select mine.organisation_id, count(distinct theirs.organisation_id)::int as n
       from organisations.cooperation_link mine
       join organisations.cooperation_link theirs
         on theirs.kind = mine.kind and theirs.source_id = mine.source_id and theirs.organisation_id <> mine.organisation_id
       where mine.organisation_id = any(?::uuid[])
       group by mine.organisation_id`,
      [pgArrayLiteral([...organisationIds])],
    );
  }
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArrayLiteral, territoryCondition } from '@ngo-hub/kit';

/** Tie-end levels: the unit at `level` that contains an organisation's seat. */
export type TieLevel = 'WOJEWODZTWO' | 'POWIAT' | 'GMINA';

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
  constructor(readonly em: EntityManager) {}

  /**
   * Pairs of units at `level` tied by distinct partnerships, grants and events, listed once
   * (a < b), where at least one end lies under one of `prefixes`: an aggregate of the precomputed
   * pairs (see cooperation.pairs.ts), found through the (level, a) and (level, b) indexes.
   */
  async ties(level: TieLevel, prefixes: string[]): Promise<TieRow[]> {
    const a = territoryCondition('c.a', prefixes), b = territoryCondition('c.b', prefixes);
    return this.em.execute(
      `/* cooperation.ties */
       select c.a, c.b,
         (count(*) filter (where c.kind = 'PARTNERSHIP'))::int as partnerships,
         (count(*) filter (where c.kind = 'GRANT'))::int as grants,
         (count(*) filter (where c.kind = 'EVENT'))::int as events
       from organisations.cooperation_pair c
       where c.level = ? and (${a.sql} or ${b.sql})
       group by c.a, c.b
       order by c.a, c.b`,
      [level, ...a.params, ...b.params],
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

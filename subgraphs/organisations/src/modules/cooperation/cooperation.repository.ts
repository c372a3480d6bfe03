import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArrayLiteral, territoryCondition } from '@ngo-hub/kit';
import { PAIRS_FROM_LINKS } from './cooperation.pairs.js';

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

/** One source's organisations (a partnership's members, an event's organisers, a grant's participants). */
export interface SourceParticipants {
  sourceId: string;
  organisationIds: readonly string[];
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
    const a = territoryCondition('c.a', prefixes),
      b = territoryCondition('c.b', prefixes);
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
  async pages(
    organisationIds: readonly string[],
    first: number,
    after: { total: number; id: string } | null,
  ): Promise<CooperationRow[]> {
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

  /** Which of these (partnership, organisation) pairs are active memberships, as `partnership.members` last said. */
  async activeMemberships(
    pairs: readonly { partnershipId: string; organisationId: string }[],
  ): Promise<{ source_id: string; organisation_id: string }[]> {
    return this.em.execute(
      `/* cooperation.activeMemberships */ select l.source_id, l.organisation_id
       from unnest(?::uuid[], ?::uuid[]) as w(source_id, organisation_id)
       join organisations.cooperation_link l
         on l.kind = 'PARTNERSHIP' and l.source_id = w.source_id and l.organisation_id = w.organisation_id`,
      [pgArrayLiteral(pairs.map((p) => p.partnershipId)), pgArrayLiteral(pairs.map((p) => p.organisationId))],
    );
  }

  /** Replaces the participants of each source of `kind` (none: the source no longer ties anyone). */
  async replaceLinks(kind: string, sources: readonly SourceParticipants[]): Promise<void> {
    await this.em.execute(
      `/* cooperation.clear */ delete from organisations.cooperation_link where kind = ? and source_id = any(?::uuid[])`,
      [kind, pgArrayLiteral(sources.map((s) => s.sourceId))],
    );
    const pairs = sources.flatMap((s) => [...new Set(s.organisationIds)].map((id) => [s.sourceId, id] as const));
    if (pairs.length > 0)
      await this.em.execute(
        `/* cooperation.insert */ insert into organisations.cooperation_link (kind, source_id, organisation_id)
       select ?, p.source_id, p.organisation_id from unnest(?::uuid[], ?::uuid[]) as p(source_id, organisation_id)
       on conflict do nothing`,
        [kind, pgArrayLiteral(pairs.map((p) => p[0])), pgArrayLiteral(pairs.map((p) => p[1]))],
      );
  }

  /** Recomputes the pairs of the given sources after their participants or a participant's seat changed. */
  async refreshPairs(sources: readonly { kind: string; sourceId: string }[]): Promise<void> {
    if (sources.length === 0) return;
    const kinds = pgArrayLiteral(sources.map((s) => s.kind));
    const ids = pgArrayLiteral(sources.map((s) => s.sourceId));
    await this.em.execute(
      `/* cooperation.pairs.clear */ delete from organisations.cooperation_pair c
       using unnest(?::text[], ?::uuid[]) as s(kind, source_id)
       where c.kind = s.kind and c.source_id = s.source_id`,
      [kinds, ids],
    );
    await this.em.execute(
      `/* cooperation.pairs.insert */ insert into organisations.cooperation_pair (level, kind, source_id, a, b)
       ${PAIRS_FROM_LINKS('(l.kind, l.source_id) in (select * from unnest(?::text[], ?::uuid[]))')}`,
      [kinds, ids],
    );
  }

  /** After an organisation's seat changed: every source it takes part in ties other units now. */
  async refreshPairsOfOrganisation(organisationId: string): Promise<void> {
    const rows = await this.em.execute(
      `/* cooperation.sourcesOf */ select kind, source_id from organisations.cooperation_link where organisation_id = ?`,
      [organisationId],
    );
    await this.refreshPairs(rows.map((r) => ({ kind: r.kind, sourceId: r.source_id })));
  }
}

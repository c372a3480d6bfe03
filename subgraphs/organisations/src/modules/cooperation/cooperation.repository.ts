import type { EntityManager } from '@mikro-orm/postgresql';
import { joinSql, pgArrayLiteral, rawSql, sql, territorySql, type SqlFragment } from '@ngo-hub/kit';
import { PAIRS_FROM_LINKS } from './cooperation.pairs.js';

/** Tie-end levels: the unit at `level` that contains an organisation's seat. */
export type TieLevel = 'WOJEWODZTWO' | 'POWIAT' | 'GMINA';

/** A validated tie request: the level, the prefixes one end must lie under, and the year window (null: all years). */
export interface TieScope {
  level: TieLevel;
  prefixes: string[];
  years: { from: number | null; to: number | null } | null;
}

/** A tie of `cooperationTies`: `strength` is the number of distinct sources behind it. */
export interface RankedTieRow extends TieRow {
  strength: number;
}

/** A source behind a tie, with the tie it belongs to. */
export interface TieSourceRow {
  a: string;
  b: string;
  source_id: string;
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

/** One source's organisations (a partnership's members, an event's organisers, a grant's participants). */
export interface SourceParticipants {
  sourceId: string;
  organisationIds: readonly string[];
  /** The source's year as its owner published it (null: unknown); ignored for a removed source. */
  year?: number | null;
  /** The owner withdrew the source (a null payload). */
  removed?: boolean;
}

/**
 * The pairs of a scope over alias `c`: at its level, one end under a prefix, and, with a year
 * window, only sources whose year lies inside it (a source of unknown year lies in no window).
 */
function scopedPairs(scope: TieScope): SqlFragment {
  const ends = sql`(${territorySql('c.a', scope.prefixes)} or ${territorySql('c.b', scope.prefixes)})`;
  const conditions = [sql`c.level = ${scope.level}`, ends];
  if (scope.years?.from != null) conditions.push(sql`y.year >= ${scope.years.from}`);
  if (scope.years?.to != null) conditions.push(sql`y.year <= ${scope.years.to}`);
  const join = scope.years
    ? rawSql('join organisations.cooperation_source y on y.kind = c.kind and y.source_id = c.source_id')
    : rawSql('');
  return sql`from organisations.cooperation_pair c ${join} where ${joinSql(conditions, ' and ')}`;
}

const COUNTS = `(count(*) filter (where c.kind = 'PARTNERSHIP'))::int as partnerships,
         (count(*) filter (where c.kind = 'GRANT'))::int as grants,
         (count(*) filter (where c.kind = 'EVENT'))::int as events`;

/** All SQL of the cooperation read model. */
export class CooperationRepository {
  constructor(readonly em: EntityManager) {}

  /**
   * Pairs of units tied by distinct partnerships, grants and events, listed once (a < b), where at
   * least one end lies under one of the scope's prefixes: an aggregate of the precomputed pairs (see
   * cooperation.pairs.ts), found through the (level, a) and (level, b) indexes.
   */
  async ties(scope: TieScope): Promise<TieRow[]> {
    const q = sql`/* cooperation.ties */ select c.a, c.b, ${rawSql(COUNTS)} ${scopedPairs(scope)}
       group by c.a, c.b order by c.a, c.b`;
    return this.em.execute(q.sql, [...q.params]);
  }

  /**
   * The sources of one kind behind each of these ties (same level and window), by source id: for
   * each tie the first `first + 1` after `afterId`, every tie in one statement.
   */
  async tieSources(
    kind: string,
    scope: Pick<TieScope, 'level' | 'years'>,
    ties: readonly { a: string; b: string }[],
    first: number,
    afterId: string | null,
  ): Promise<TieSourceRow[]> {
    const where = this.tieSourcesWhere(kind, scope, ties);
    const after = afterId ? sql`c.source_id > ${afterId}::uuid` : rawSql('true');
    const q = sql`/* cooperation.tieSources */ select w.a, w.b, w.source_id from (
         select c.a, c.b, c.source_id, row_number() over (partition by c.a, c.b order by c.source_id) as rn
         ${where} and ${after}) w
       where w.rn <= ${first + 1} order by w.a, w.b, w.rn`;
    return this.em.execute(q.sql, [...q.params]);
  }

  /** How many sources of one kind are behind each of these ties. */
  async tieSourceCounts(
    kind: string,
    scope: Pick<TieScope, 'level' | 'years'>,
    ties: readonly { a: string; b: string }[],
  ): Promise<{ a: string; b: string; n: number }[]> {
    const q = sql`/* cooperation.tieSourceCounts */ select c.a, c.b, count(*)::int as n
       ${this.tieSourcesWhere(kind, scope, ties)} group by c.a, c.b`;
    return this.em.execute(q.sql, [...q.params]);
  }

  private tieSourcesWhere(
    kind: string,
    scope: Pick<TieScope, 'level' | 'years'>,
    ties: readonly { a: string; b: string }[],
  ): SqlFragment {
    const pairs = sql`(c.a, c.b) in (select * from unnest(${pgArrayLiteral(ties.map((t) => t.a))}::varchar[], ${pgArrayLiteral(ties.map((t) => t.b))}::varchar[]))`;
    const scoped = scopedPairs({ ...scope, prefixes: [''] });
    return sql`${scoped} and c.kind = ${kind} and ${pairs}`;
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

  /** Replaces the participants (and the year) of each source of `kind` (none: the source no longer ties anyone). */
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
    await this.replaceYears(kind, sources);
  }

  /** Keeps each source's year (the newest message per source wins); a removed source loses its row. */
  private async replaceYears(kind: string, sources: readonly SourceParticipants[]): Promise<void> {
    const latest = new Map(sources.map((s) => [s.sourceId, s]));
    const kept = [...latest.values()].filter((s) => !s.removed);
    const removed = [...latest.values()].filter((s) => s.removed).map((s) => s.sourceId);
    if (removed.length)
      await this.em.execute(
        `/* cooperation.sources.clear */ delete from organisations.cooperation_source where kind = ? and source_id = any(?::uuid[])`,
        [kind, pgArrayLiteral(removed)],
      );
    if (kept.length)
      await this.em.execute(
        `/* cooperation.sources.upsert */ insert into organisations.cooperation_source (kind, source_id, year)
       select ?, s.source_id, s.year from unnest(?::uuid[], ?::smallint[]) as s(source_id, year)
       on conflict (kind, source_id) do update set year = excluded.year
       where cooperation_source.year is distinct from excluded.year`,
        [
          kind,
          pgArrayLiteral(kept.map((s) => s.sourceId)),
          pgArrayLiteral(kept.map((s) => (s.year == null ? null : String(s.year)))),
        ],
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

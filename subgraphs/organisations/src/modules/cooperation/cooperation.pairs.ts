import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArrayLiteral } from '@ngo-hub/kit';

/**
 * The unit at `lv.level` containing seat `t`: a gmina part or a city district counts for its gmina;
 * a seat above the level (a voivodeship office at GMINA) has none.
 */
const UNIT_AT_LEVEL = `case lv.level
  when 'WOJEWODZTWO' then left(t.code, 2)
  when 'POWIAT' then case when length(t.code) >= 4 then left(t.code, 4) end
  else case t.level when 'GMINA' then t.code when 'GMINA_PART' then t.parent_code
    when 'CITY_DISTRICT' then (select p.code from organisations.territory p where p.code = t.parent_code and p.level = 'GMINA') end
  end`;

/**
 * `select level, kind, source_id, a, b` of the pairs tied by the links matching `linkFilter` (SQL
 * on alias `l`): one row per source and distinct pair of units (a < b) at each level.
 */
export const PAIRS_FROM_LINKS = (linkFilter: string) => `
  with linked as (
    select distinct lv.level, l.kind, l.source_id, ${UNIT_AT_LEVEL} as unit
    from organisations.cooperation_link l
    join organisations.organisation o on o.id = l.organisation_id
    join organisations.territory t on t.code = o.territory_code
    cross join (values ('WOJEWODZTWO'), ('POWIAT'), ('GMINA')) as lv(level)
    where ${linkFilter}
  )
  select x.level, x.kind, x.source_id, x.unit, y.unit
  from linked x
  join linked y on y.level = x.level and y.kind = x.kind and y.source_id = x.source_id and x.unit < y.unit
  where x.unit is not null`;

/** Recomputes the pairs of the given sources after their participants or a participant's seat changed. */
export async function refreshPairs(em: EntityManager, sources: readonly { kind: string; sourceId: string }[]): Promise<void> {
  if (sources.length === 0) return;
  const kinds = pgArrayLiteral(sources.map((s) => s.kind));
  const ids = pgArrayLiteral(sources.map((s) => s.sourceId));
  await em.execute(
    `/* cooperation.pairs.clear */ delete from organisations.cooperation_pair c
     using unnest(?::text[], ?::uuid[]) as s(kind, source_id)
     where c.kind = s.kind and c.source_id = s.source_id`,
    [kinds, ids],
  );
  await em.execute(
    `/* cooperation.pairs.insert */ insert into organisations.cooperation_pair (level, kind, source_id, a, b)
     ${PAIRS_FROM_LINKS('(l.kind, l.source_id) in (select * from unnest(?::text[], ?::uuid[]))')}`,
    [kinds, ids],
  );
}

/** After an organisation's seat changed: every source it takes part in ties other units now. */
export async function refreshPairsOfOrganisation(em: EntityManager, organisationId: string): Promise<void> {
  const rows = await em.execute(
    `/* cooperation.sourcesOf */ select kind, source_id from organisations.cooperation_link where organisation_id = ?`,
    [organisationId],
  );
  await refreshPairs(em, rows.map((r) => ({ kind: r.kind, sourceId: r.source_id })));
}

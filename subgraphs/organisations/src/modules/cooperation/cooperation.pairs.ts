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

import { registerEnumType } from 'type-graphql';
import { AppError } from './errors.js';
import { assertTercCode, tercRegister, territoryPrefixes } from './teryt.js';

/**
 * The GraphQL enum `TerritoryLevel`. Every subgraph that takes or returns a level uses this one
 * declaration: an enum used for input and output must be identical in all subgraphs to compose.
 */
export enum TerritoryLevelEnum {
  WOJEWODZTWO = 'WOJEWODZTWO',
  POWIAT = 'POWIAT',
  GMINA = 'GMINA',
  GMINA_PART = 'GMINA_PART',
  CITY_DISTRICT = 'CITY_DISTRICT',
}

registerEnumType(TerritoryLevelEnum, {
  name: 'TerritoryLevel',
  description: 'Level of a unit in the TERC register (GUS TERYT).',
  valuesConfig: {
    WOJEWODZTWO: { description: 'Voivodeship (województwo), 2-digit code.' },
    POWIAT: { description: 'County (powiat or city with powiat rights), 4-digit code.' },
    GMINA: { description: 'Municipality (gmina miejska, wiejska or miejsko-wiejska), 7-digit code.' },
    GMINA_PART: { description: 'Town or rural area of an urban-rural gmina (TERC type 4 or 5).' },
    CITY_DISTRICT: {
      description: 'District (dzielnica) of Warsaw or delegation (delegatura) of a large city (TERC type 8 or 9).',
    },
  },
});

/** How far a level lies below the voivodeship. */
export const LEVEL_DEPTH: Record<TerritoryLevelEnum, number> = {
  WOJEWODZTWO: 0,
  POWIAT: 1,
  GMINA: 2,
  GMINA_PART: 3,
  CITY_DISTRICT: 3,
};

/** The levels analytics group by: a seat's gmina part or district counts for its gmina. */
export type AggregationLevel = 'WOJEWODZTWO' | 'POWIAT' | 'GMINA';

/** The territory code analytics take for the whole country (ISO 3166-1 alpha-2; no TERC code has letters). */
export const COUNTRY_CODE = 'PL';

/**
 * Checks an analytics `(territory, level)` pair (`territory` may be COUNTRY_CODE): the territory must exist (NOT_FOUND), `level` must
 * be WOJEWODZTWO, POWIAT or GMINA and not above the territory — no voivodeship lies inside a gmina
 * (BAD_USER_INPUT on `level`). `grouping` completes the message, e.g. "ties are counted between".
 */
export function checkAggregationLevel(
  territory: string,
  level: TerritoryLevelEnum,
  grouping: string,
): { code: string; prefixes: string[]; level: AggregationLevel } {
  // The whole country: the empty prefix matches every seated code, and any level lies inside it.
  const code = territory === COUNTRY_CODE ? COUNTRY_CODE : assertTercCode(territory, 'territory');
  if (level !== 'WOJEWODZTWO' && level !== 'POWIAT' && level !== 'GMINA') {
    throw AppError.badInput('level', `${grouping} voivodeships, powiats or gminas: use WOJEWODZTWO, POWIAT or GMINA`);
  }
  if (code === COUNTRY_CODE) return { code, prefixes: [''], level };
  const own = tercRegister().get(code)!.level as TerritoryLevelEnum;
  if (LEVEL_DEPTH[level] < LEVEL_DEPTH[own]) {
    throw AppError.badInput(
      'level',
      `level ${level} is above ${own} ${code}: no ${level.toLowerCase()} lies inside it`,
    );
  }
  return { code, prefixes: territoryPrefixes(code), level };
}

/** Checks an analytics year window `fromYear..toYear` (each optional, 1990..2100, from <= to); null when open on both ends. */
export function checkYearWindow(
  fromYear: number | null | undefined,
  toYear: number | null | undefined,
): { from: number | null; to: number | null } | null {
  for (const [field, year] of [
    ['fromYear', fromYear],
    ['toYear', toYear],
  ] as const) {
    if (year != null && (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR))
      throw AppError.badInput(field, `${field} must be a year between ${MIN_YEAR} and ${MAX_YEAR}, got ${year}`);
  }
  if (fromYear != null && toYear != null && fromYear > toYear)
    throw AppError.badInput('toYear', `toYear ${toYear} is before fromYear ${fromYear}`);
  if (fromYear == null && toYear == null) return null;
  return { from: fromYear ?? null, to: toYear ?? null };
}

/** The years analytics windows accept. */
export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;

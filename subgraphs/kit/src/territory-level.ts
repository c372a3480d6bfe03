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

/**
 * Checks an analytics `(territory, level)` pair: the territory must exist (NOT_FOUND), `level` must
 * be WOJEWODZTWO, POWIAT or GMINA and not above the territory — no voivodeship lies inside a gmina
 * (BAD_USER_INPUT on `level`). `grouping` completes the message, e.g. "ties are counted between".
 */
export function checkAggregationLevel(
  territory: string,
  level: TerritoryLevelEnum,
  grouping: string,
): { code: string; prefixes: string[]; level: AggregationLevel } {
  const code = assertTercCode(territory, 'territory');
  if (level !== 'WOJEWODZTWO' && level !== 'POWIAT' && level !== 'GMINA') {
    throw AppError.badInput('level', `${grouping} voivodeships, powiats or gminas: use WOJEWODZTWO, POWIAT or GMINA`);
  }
  const own = tercRegister().get(code)!.level as TerritoryLevelEnum;
  if (LEVEL_DEPTH[level] < LEVEL_DEPTH[own]) {
    throw AppError.badInput(
      'level',
      `level ${level} is above ${own} ${code}: no ${level.toLowerCase()} lies inside it`,
    );
  }
  return { code, prefixes: territoryPrefixes(code), level };
}

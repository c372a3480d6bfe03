import { registerEnumType } from 'type-graphql';

/**
 * The organisations subgraph's `TerritoryLevel`, declared here identically (same values and
 * descriptions): an enum used for input and output in the supergraph must match in every subgraph.
 */
export enum TerritoryLevel {
  WOJEWODZTWO = 'WOJEWODZTWO',
  POWIAT = 'POWIAT',
  GMINA = 'GMINA',
  GMINA_PART = 'GMINA_PART',
  CITY_DISTRICT = 'CITY_DISTRICT',
}

registerEnumType(TerritoryLevel, {
  name: 'TerritoryLevel',
  description: 'Level of a unit in the TERC register (GUS TERYT).',
  valuesConfig: {
    WOJEWODZTWO: { description: 'Voivodeship (województwo), 2-digit code.' },
    POWIAT: { description: 'County (powiat or city with powiat rights), 4-digit code.' },
    GMINA: { description: 'Municipality (gmina miejska, wiejska or miejsko-wiejska), 7-digit code.' },
    GMINA_PART: { description: 'Town or rural area of an urban-rural gmina (TERC type 4 or 5).' },
    CITY_DISTRICT: { description: 'District (dzielnica) of Warsaw or delegation (delegatura) of a large city (TERC type 8 or 9).' },
  },
});

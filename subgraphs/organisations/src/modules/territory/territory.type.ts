import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateScalar } from '@ngo-hub/kit';

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

@ObjectType('Territory', { description: 'A unit of Poland\'s official territorial register (TERC part of GUS TERYT).' })
@Directive('@key(fields: "code")')
export class Territory {
  @Field(() => ID, { description: 'TERC code: 2 digits for a voivodeship, 4 for a powiat, 7 for a gmina or its part.' })
  code!: string;

  @Field({ description: 'Name as GUS writes it, in Polish (voivodeships in capitals).' })
  name!: string;

  @Field({ description: 'Kind of unit in Polish as GUS writes it, e.g. "gmina wiejska", "miasto na prawach powiatu".' })
  kind!: string;

  @Field(() => TerritoryLevel, { description: 'Level of the unit in the register.' })
  level!: TerritoryLevel;

  @Field(() => LocalDateScalar, { description: 'Date of the register edition this unit comes from.' })
  asOf!: string;

  /** Not public: resolved into `parent` through a loader. */
  parentCode!: string | null;
}

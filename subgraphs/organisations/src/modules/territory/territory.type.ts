import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '@ngo-hub/kit';

/** The register's levels; declared once in kit because funding uses the same GraphQL enum. */
export { TerritoryLevelEnum as TerritoryLevel } from '@ngo-hub/kit';
import { TerritoryLevelEnum as TerritoryLevel } from '@ngo-hub/kit';

// No createdAt/updatedAt: units are reference data of the TERC register, replaced only by a new
// edition, whose date `asOf` already gives; they are not synced through `modifiedSince`.
@ObjectType('Territory', { description: "A unit of Poland's official territorial register (TERC part of GUS TERYT)." })
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

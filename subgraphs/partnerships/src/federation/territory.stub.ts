import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Stub of the organisations subgraph's TERC unit, keyed by code only (descriptions match the owner's).
 * Resolvable, so the router can come here for the `partnerships` this subgraph adds to it (territory.fields.ts).
 */
@ObjectType('Territory', { description: "A unit of Poland's official territorial register (TERC part of GUS TERYT)." })
@Directive('@key(fields: "code")')
export class Territory {
  @Field(() => ID, { description: 'TERC code: 2 digits for a voivodeship, 4 for a powiat, 7 for a gmina or its part.' })
  code!: string;
}

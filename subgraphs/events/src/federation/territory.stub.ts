import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Stub of the organisations subgraph's TERC unit: its code; the `events` this subgraph adds are in territory.fields.ts. */
@ObjectType('Territory', { description: "A unit of Poland's official territorial register (TERC part of GUS TERYT)." })
@Directive('@key(fields: "code")')
export class Territory {
  @Field(() => ID, { description: 'TERC code: 2 digits for a voivodeship, 4 for a powiat, 7 for a gmina or its part.' })
  code!: string;
}

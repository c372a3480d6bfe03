import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A TERC unit owned by the organisations subgraph; funding resolves it by code to add `grants` and `calls` (territory.fields.ts). */
@ObjectType('Territory', {
  description: "A unit of Poland's official territorial register (TERC), owned by the organisations subgraph.",
})
@Directive('@key(fields: "code")')
export class Territory {
  @Field(() => ID, { description: 'TERC code: 2 digits for a voivodeship, 4 for a powiat, 7 for a gmina.' })
  code!: string;
}

export const territoryRef = (code: string): Territory => Object.assign(new Territory(), { code });

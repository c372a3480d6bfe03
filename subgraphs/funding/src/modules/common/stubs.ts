import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The organisations subgraph's entity, referenced by key; funding adds `grants` to it. */
@ObjectType('Organisation', { description: 'An organisation of any sector taking part in the network (owned by the organisations subgraph).' })
@Directive('@key(fields: "id")')
export class Organisation {
  @Field(() => ID, { description: 'Stable identifier of the organisation in the hub.' })
  id!: string;
}

/** The partnerships subgraph's entity, referenced by key; funding adds `grants` to it. */
@ObjectType('Partnership', { description: 'A local partnership of organisations (owned by the partnerships subgraph).' })
@Directive('@key(fields: "id")')
export class Partnership {
  @Field(() => ID, { description: 'Stable identifier of the partnership in the hub.' })
  id!: string;
}

/** A TERC unit owned by the organisations subgraph; funding resolves it by code to add `grants` and `calls`. */
@ObjectType('Territory', { description: 'A unit of Poland\'s official territorial register (TERC), owned by the organisations subgraph.' })
@Directive('@key(fields: "code")')
export class Territory {
  @Field(() => ID, { description: 'TERC code: 2 digits for a voivodeship, 4 for a powiat, 7 for a gmina.' })
  code!: string;
}

export const organisationRef = (id: string): Organisation => Object.assign(new Organisation(), { id });
export const partnershipRef = (id: string): Partnership => Object.assign(new Partnership(), { id });
export const territoryRef = (code: string): Territory => Object.assign(new Territory(), { code });

import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The organisations subgraph's entity, referenced by key; funding adds `grants` to it (organisation.fields.ts). */
@ObjectType('Organisation', {
  description: 'An organisation of any sector taking part in the network (owned by the organisations subgraph).',
})
@Directive('@key(fields: "id")')
export class Organisation {
  @Field(() => ID, { description: 'Stable identifier of the organisation in the hub.' })
  id!: string;
}

export const organisationRef = (id: string): Organisation => Object.assign(new Organisation(), { id });

import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Stub of the funding subgraph's entity; descriptions match the owner's so composition keeps them. */
@ObjectType('Funder', {
  description: 'An organisation or public budget that gives money (360Giving fundingOrganization).',
})
@Directive('@key(fields: "id", resolvable: false)')
export class Funder {
  @Field(() => ID, { description: 'Stable identifier of the funder in the hub.' })
  id!: string;
}

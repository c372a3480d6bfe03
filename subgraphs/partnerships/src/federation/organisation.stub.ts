import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Stub of the organisations subgraph's entity: only its key lives here. This subgraph adds
 * `memberships`, `partnerships` and `declarations` to it (organisation.fields.ts); every other field is resolved by the
 * organisations subgraph.
 */
@ObjectType('Organisation', {
  description: 'An organisation of any sector taking part in the network (Open Referral HSDS organization).',
})
@Directive('@key(fields: "id")')
export class Organisation {
  @Field(() => ID, { description: 'Stable identifier of the organisation in the hub.' })
  id!: string;
}

import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Stub of the organisations subgraph's entity: only its key lives here; the fields this subgraph adds are in organisation.fields.ts. */
@ObjectType('Organisation', {
  description: 'An organisation of any sector taking part in the network (Open Referral HSDS organization).',
})
@Directive('@key(fields: "id")')
export class Organisation {
  @Field(() => ID, { description: 'Stable identifier of the organisation in the hub.' })
  id!: string;
}

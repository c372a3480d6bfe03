import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Stub of the organisations subgraph's entity, only referred to (not resolvable here): keys are bound to organisations. */
@ObjectType('Organisation', {
  description: 'An organisation of any sector taking part in the network (Open Referral HSDS organization).',
})
@Directive('@key(fields: "id", resolvable: false)')
export class Organisation {
  @Field(() => ID, { description: 'Stable identifier of the organisation in the hub.' })
  id!: string;
}

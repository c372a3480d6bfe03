import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Stub of the partnerships subgraph's entity; descriptions match the owner's so composition keeps them. */
@ObjectType('Partnership', {
  description:
    'A local partnership (Partnerstwo Lokalne): a voluntary, open agreement between public institutions, NGOs, businesses and others working together for their territorial community.',
})
@Directive('@key(fields: "id", resolvable: false)')
export class Partnership {
  @Field(() => ID, { description: 'Hub id of the partnership (a UUID).' })
  id!: string;
}

import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The partnerships subgraph's entity, referenced by key; funding adds `grants` to it (partnership.fields.ts). */
@ObjectType('Partnership', {
  description: 'A local partnership of organisations (owned by the partnerships subgraph).',
})
@Directive('@key(fields: "id")')
export class Partnership {
  @Field(() => ID, { description: 'Stable identifier of the partnership in the hub.' })
  id!: string;
}

export const partnershipRef = (id: string): Partnership => Object.assign(new Partnership(), { id });

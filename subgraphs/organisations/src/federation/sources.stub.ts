import { Directive, Field, ID, ObjectType } from 'type-graphql';

/*
 * The entities behind a cooperation tie, owned by other subgraphs: this subgraph knows only their
 * ids (from the cooperation read model) and hands out references the router resolves at the owner.
 * Descriptions match the owners' so composition keeps them.
 */

@ObjectType('Partnership', {
  description:
    'A local partnership (Partnerstwo Lokalne): a voluntary, open agreement between public institutions, NGOs, businesses and others working together for their territorial community.',
})
@Directive('@key(fields: "id", resolvable: false)')
export class PartnershipRef {
  @Field(() => ID, { description: 'Hub id of the partnership (a UUID).' })
  id!: string;
}

@ObjectType('Grant', {
  description: 'Money awarded to an organisation for a project or public task (360Giving grant).',
})
@Directive('@key(fields: "id", resolvable: false)')
export class GrantRef {
  @Field(() => ID, { description: 'Stable identifier of the grant in the hub.' })
  id!: string;
}

@ObjectType('Event', {
  description: 'An event organised by organisations of the network (iCalendar VEVENT / schema.org Event).',
})
@Directive('@key(fields: "id", resolvable: false)')
export class EventRef {
  @Field(() => ID, { description: 'Stable identifier of the event in the hub.' })
  id!: string;
}

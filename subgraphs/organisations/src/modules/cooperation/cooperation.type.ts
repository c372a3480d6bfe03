import { Field, Int, ObjectType } from 'type-graphql';
import { connectionType } from '@ngo-hub/kit';

@ObjectType({
  description:
    'Two territories at the same level whose organisations cooperate, with how often; listed once, with a.code < b.code.',
})
export class TerritoryTie {
  @Field(() => Int, { description: 'Distinct partnerships having members seated in both territories.' })
  partnerships!: number;

  @Field(() => Int, {
    description: 'Distinct grants whose recipient and a partner (or two partners) are seated one in each territory.',
  })
  grants!: number;

  @Field(() => Int, { description: 'Distinct events with organisers seated in both territories.' })
  events!: number;

  /** Not public: resolved into `a` and `b` through the territory loader. */
  aCode!: string;
  bCode!: string;
}

@ObjectType({
  description: 'Another organisation this one cooperates with, and how: shared partnerships, grants and events.',
})
export class OrganisationCooperation {
  @Field(() => Int, { description: 'Partnerships both organisations are members of.' })
  partnerships!: number;

  @Field(() => Int, { description: 'Grants both take part in (as recipient or partner).' })
  grants!: number;

  @Field(() => Int, { description: 'Events both organise.' })
  events!: number;

  /** Not public: resolved into `organisation` through the organisation loader. */
  organisationId!: string;
  total!: number;
}

export const OrganisationCooperationConnection = connectionType(
  'OrganisationCooperation',
  OrganisationCooperation,
  'cooperating organisation',
);

import { Field, Int, ObjectType } from 'type-graphql';
import { connectionType } from '@ngo-hub/kit';
import { EventRef, GrantRef, PartnershipRef } from '../../federation/sources.stub.js';
import { TerritoryLevel } from '../territory/territory.type.js';
import type { TieScope } from './cooperation.repository.js';

@ObjectType({
  description:
    'Two territories at the same level whose organisations cooperate (listed once, a.code < b.code): how strongly, and the partnerships, grants and events behind it.',
})
export class CooperationTie {
  @Field(() => TerritoryLevel, { description: 'Level of both ends.' })
  level!: TerritoryLevel;

  @Field(() => Int, {
    description:
      'Strength of the tie: partnershipCount + grantCount + eventCount, the distinct sources tying the two territories.',
  })
  strength!: number;

  @Field(() => Int, { description: 'Distinct partnerships having members seated in both territories.' })
  partnershipCount!: number;

  @Field(() => Int, {
    description: 'Distinct grants whose recipient and a partner (or two partners) are seated one in each territory.',
  })
  grantCount!: number;

  @Field(() => Int, { description: 'Distinct events with organisers seated in both territories.' })
  eventCount!: number;

  /** Not public: resolved into `a` and `b` through the territory loader. */
  aCode!: string;
  bCode!: string;
  /** Not public: the level and window the expansions keep to. */
  scope!: Pick<TieScope, 'level' | 'years'>;
}

export const CooperationTieConnection = connectionType('CooperationTie', CooperationTie, 'cooperation tie');
export const TiePartnershipConnection = connectionType(
  'CooperationTiePartnership',
  PartnershipRef,
  'partnership behind a tie',
);
export const TieGrantConnection = connectionType('CooperationTieGrant', GrantRef, 'grant behind a tie');
export const TieEventConnection = connectionType('CooperationTieEvent', EventRef, 'event behind a tie');

import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DecimalScalar } from '@ngo-hub/kit';
import { Territory } from '../../federation/territory.stub.js';
import { Funder, Programme } from '../funder/funder.type.js';

export enum FundingGroup {
  FUNDER = 'FUNDER',
  PROGRAMME = 'PROGRAMME',
  YEAR = 'YEAR',
  TERRITORY = 'TERRITORY',
}

registerEnumType(FundingGroup, {
  name: 'FundingGroup',
  description: 'A key funding flows are grouped by; flows are always split by currency as well.',
  valuesConfig: {
    FUNDER: {
      description:
        'By funder: a co-financed grant is split into its funding sources, each counted with its own amount; a grant without funding sources counts for its awarding funder with its amountAwarded.',
    },
    PROGRAMME: { description: "By the grant's programme (grants without a programme form their own group)." },
    YEAR: {
      description: "By the calendar year of the grant's startsOn (grants without startsOn form their own group).",
    },
    TERRITORY: {
      description:
        "By the unit at `level` containing the recipient's seat (recipients seated above `level` form their own group).",
    },
  },
});

@ObjectType('FundingFlow', {
  description:
    'Money flowing to recipients seated in a territory, summed exactly for one combination of the grouped keys and one currency (amounts in different currencies are never added).',
})
export class FundingFlow {
  // funder, programme and territory are resolved from the ids below (FundingFlowResolver).
  @Field(() => Funder, { nullable: true, description: 'The funder; set only when grouped by FUNDER.' })
  funder?: Funder | null;

  @Field(() => Programme, {
    nullable: true,
    description: 'The programme; set only when grouped by PROGRAMME (null also for grants without a programme).',
  })
  programme?: Programme | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Calendar year of startsOn; set only when grouped by YEAR (null also for grants without startsOn).',
  })
  year!: number | null;

  @Field(() => Territory, {
    nullable: true,
    description:
      "The unit at `level` containing the recipient's seat; set only when grouped by TERRITORY (null also for recipients seated above `level`).",
  })
  territory?: Territory | null;

  @Field(() => String, {
    nullable: true,
    description:
      "ISO 4217 currency of the sums (the grants' currency); null for the group of grants with no known amount at all.",
  })
  currency!: string | null;

  @Field(() => Int, { description: 'Number of distinct grants in the flow.' })
  grants!: number;

  @Field(() => Int, {
    description:
      "Of those, the grants whose summed amount (amountAwarded, or the funding source's amount when grouped by FUNDER) is unknown; they add nothing to the sums.",
  })
  grantsWithoutAmount!: number;

  @Field(() => DecimalScalar, {
    description:
      'Exact sum of amountAwarded, or of the funding sources\' own amounts when grouped by FUNDER ("0.00" when nothing is known).',
  })
  amountAwarded!: string;

  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      'Exact sum of the distinct grants\' own contributions ("0.00" when none is known); null when grouped by FUNDER, since an own contribution belongs to no funder.',
  })
  ownContribution!: string | null;

  /** Not public: the keys behind `funder`, `programme` and `territory`. */
  funderId!: string | null;
  programmeId!: string | null;
  territoryCode!: string | null;
}

import { DateTimeScalar } from '@ngo-hub/kit';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum FunderKind {
  PUBLIC_BUDGET = 'PUBLIC_BUDGET',
  EU_FUND = 'EU_FUND',
  FOREIGN_MECHANISM = 'FOREIGN_MECHANISM',
  FOUNDATION = 'FOUNDATION',
  COMPANY = 'COMPANY',
  OTHER = 'OTHER',
}

registerEnumType(FunderKind, {
  name: 'FunderKind',
  description: "Where a funder's money comes from.",
  valuesConfig: {
    PUBLIC_BUDGET: {
      description:
        'A public budget in Poland: state, voivodeship, powiat or gmina (e.g. the budget of Województwo Mazowieckie).',
    },
    EU_FUND: { description: 'A European Union fund or operational programme (e.g. PO Kapitał Ludzki).' },
    FOREIGN_MECHANISM: { description: 'A foreign financial mechanism, e.g. the EEA and Norway Grants.' },
    FOUNDATION: { description: 'A private foundation.' },
    COMPANY: { description: 'A company (corporate giving, sponsorship).' },
    OTHER: { description: 'Any other source.' },
  },
});

@ObjectType('Funder', {
  description: 'An organisation or public budget that gives money (360Giving fundingOrganization).',
})
@Directive('@key(fields: "id")')
export class Funder {
  @Field(() => ID, { description: 'Stable identifier of the funder in the hub.' })
  id!: string;

  @Field({ description: 'Name of the funder, in Polish as written.' })
  name!: string;

  @Field(() => FunderKind, { description: 'Kind of funder.' })
  kind!: FunderKind;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country of the funder, when known.' })
  country!: string | null;

  @Field(() => String, { nullable: true, description: 'What the funder is and funds, in Polish.' })
  description!: string | null;

  /** Not public: resolved into `organisation` as a federation reference. */
  organisationId!: string | null;

  @Field(() => DateTimeScalar, { description: 'When this funder was added to the hub.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, {
    description: 'When this funder last changed.',
  })
  updatedAt!: Date;
}

@ObjectType('Programme', {
  description: 'A funding programme or fund of a funder, possibly part of a larger programme.',
})
@Directive('@key(fields: "id")')
export class Programme {
  @Field(() => ID, { description: 'Stable identifier of the programme in the hub.' })
  id!: string;

  @Field({ description: 'Name of the programme, in Polish as written.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the programme funds and who finances it, in Polish.' })
  description!: string | null;

  /** Not public: resolved through loaders. */
  funderId!: string;
  parentId!: string | null;

  @Field(() => DateTimeScalar, { description: 'When this programme was added to the hub.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, {
    description: 'When this programme last changed.',
  })
  updatedAt!: Date;
}

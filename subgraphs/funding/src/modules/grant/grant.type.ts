import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, LocalDateScalar, RecordSource } from '@ngo-hub/kit';
import { Money } from '../common/money.js';

export enum FormOfSupport {
  PUBLIC_TASK_SUPPORT = 'PUBLIC_TASK_SUPPORT',
  PUBLIC_TASK_ENTRUSTMENT = 'PUBLIC_TASK_ENTRUSTMENT',
  GRANT = 'GRANT',
  REGRANTING = 'REGRANTING',
  OTHER = 'OTHER',
}

registerEnumType(FormOfSupport, {
  name: 'FormOfSupport',
  description:
    'How the money is given. The first two are the forms of commissioning a public task to an NGO under the Polish Act on public benefit activity and volunteering (art. 5 ust. 4 pkt 2).',
  valuesConfig: {
    PUBLIC_TASK_SUPPORT: {
      description:
        'Supporting a public task with a grant co-financing it (wspieranie wykonania zadania publicznego wraz z udzieleniem dotacji na dofinansowanie jego realizacji); the organisation adds its own contribution.',
    },
    PUBLIC_TASK_ENTRUSTMENT: {
      description:
        'Entrusting a public task with a grant financing it in full (powierzenie wykonania zadania publicznego wraz z udzieleniem dotacji na finansowanie jego realizacji).',
    },
    GRANT: { description: 'A project grant from a fund or programme.' },
    REGRANTING: { description: 'Money the recipient passes on as smaller grants (regranting).' },
    OTHER: { description: 'Any other form of support.' },
  },
});

export enum GrantRole {
  RECIPIENT = 'RECIPIENT',
  PARTNER = 'PARTNER',
}

registerEnumType(GrantRole, {
  name: 'GrantRole',
  description: 'The part an organisation plays in a grant.',
  valuesConfig: {
    RECIPIENT: {
      description: 'The organisation received the grant and signed the agreement (360Giving recipientOrganization).',
    },
    PARTNER: { description: 'The organisation is a project partner of the recipient.' },
  },
});

@ObjectType('FundingSource', { description: 'A funder co-financing a grant, with its share when known.' })
export class FundingSource {
  @Field(() => Money, {
    nullable: true,
    description: "The funder's share, when published; null when the source is known but not its amount.",
  })
  amount!: Money | null;

  /** Not public: resolved into `funder` through a loader. */
  funderId!: string;
}

@ObjectType('Grant', {
  description: 'Money awarded to an organisation for a project or public task (360Giving grant).',
})
@Directive('@key(fields: "id")')
export class Grant {
  @Field(() => ID, { description: 'Stable identifier of the grant in the hub.' })
  id!: string;

  @Field({ description: 'Title of the project or task, in Polish as written.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'What the grant is for, in Polish.' })
  description!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Number of the grant agreement (umowa), unique per awarding funder.',
  })
  agreementNumber!: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date the agreement was signed (360Giving awardDate).' })
  agreementSignedOn!: string | null;

  @Field(() => FormOfSupport, { description: 'How the money is given.' })
  formOfSupport!: FormOfSupport;

  @Field(() => String, {
    nullable: true,
    description: 'ISO 4217 currency of every amount of this grant; null when no amount is known.',
  })
  currency!: string | null;

  @Field(() => Money, {
    nullable: true,
    description: 'Amount awarded by the funder (360Giving amountAwarded); null when not published.',
  })
  amountAwarded!: Money | null;

  @Field(() => Money, { nullable: true, description: "The recipient's own contribution (wkład własny), when known." })
  ownContribution!: Money | null;

  @Field(() => Money, {
    nullable: true,
    description: 'Total budget: amountAwarded plus ownContribution, computed exactly; null unless both are known.',
  })
  totalBudget!: Money | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'First day of the funded period (360Giving plannedDates.startDate).',
  })
  startsOn!: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Last day of the funded period (360Giving plannedDates.endDate).',
  })
  endsOn!: string | null;

  /** Not public: resolved through loaders or as federation references. */
  recipientId!: string;
  partnershipId!: string | null;
  funderId!: string;
  programmeId!: string | null;
  callId!: string | null;

  @Field(() => DateTimeScalar, { description: 'When this grant was added to the hub.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, {
    description:
      'When this grant last changed: any field, its partners, funding sources or beneficiary territories (filter.modifiedSince and the UPDATED sort use it).',
  })
  updatedAt!: Date;

  @Field(() => RecordSource, {
    description:
      'Where this grant comes from: a seed document (real), the synthetic demonstration layer (invented; not a real grant), or a write through the API.',
  })
  source!: RecordSource;
}

export enum GrantSort {
  NEWEST = 'NEWEST',
  OLDEST = 'OLDEST',
  AMOUNT_DESC = 'AMOUNT_DESC',
  TITLE = 'TITLE',
  RELEVANCE = 'RELEVANCE',
  UPDATED = 'UPDATED',
}

registerEnumType(GrantSort, {
  name: 'GrantSort',
  description: 'Orders of a grant list; ties are broken by id, so paging is stable.',
  valuesConfig: {
    NEWEST: {
      description: 'Latest start date first, grants without a start date last (the default without a search).',
    },
    OLDEST: { description: 'Earliest start date first, grants without a start date last.' },
    AMOUNT_DESC: {
      description:
        'Largest amountAwarded first, compared exactly as a number (currencies are not converted); grants without an amount last.',
    },
    TITLE: { description: 'By title in Polish alphabetical order (Ł after L, Ż last), ignoring case.' },
    RELEVANCE: {
      description:
        'Best match of filter.search first (titles containing the words before near matches), then NEWEST; the default with a search. Without a search it is NEWEST.',
    },
    UPDATED: {
      description:
        'By last change (updatedAt), oldest first, ties by id: with filter.modifiedSince, the order an incremental sync pages in.',
    },
  },
});

import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, LocalDateScalar, RecordSource } from '@ngo-hub/kit';
import { Money } from '../common/money.js';

@ObjectType('Call', { description: 'A call for proposals (konkurs ofert / nabór wniosków) announced by a funder.' })
@Directive('@key(fields: "id")')
export class Call {
  @Field(() => ID, { description: 'Stable identifier of the call in the hub.' })
  id!: string;

  @Field({ description: 'Title of the call, in Polish as announced.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'What the call funds and who may apply, in Polish.' })
  description!: string | null;

  @Field(() => LocalDateScalar, { description: 'First day applications are accepted.' })
  opensOn!: string;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Last day applications are accepted; null for a call without a deadline.',
  })
  closesOn!: string | null;

  @Field(() => Money, { nullable: true, description: 'Money available in the call, when announced.' })
  budget!: Money | null;

  @Field(() => String, { nullable: true, description: 'Web page of the announcement.' })
  url!: string | null;

  /** Not public: resolved through loaders or as a federation reference. */
  funderId!: string;
  programmeId!: string | null;
  territoryCode!: string | null;

  @Field(() => DateTimeScalar, { description: 'When this call was added to the hub.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, {
    description:
      'When this call last changed: any field or its eligible territories (filter.modifiedSince and the UPDATED sort use it).',
  })
  updatedAt!: Date;

  @Field(() => RecordSource, {
    description:
      'Where this call comes from: a seed document (real), the synthetic demonstration layer (invented; not a real call), or a write through the API.',
  })
  source!: RecordSource;
}

export enum CallSort {
  CLOSING_SOONEST = 'CLOSING_SOONEST',
  NEWEST = 'NEWEST',
  RELEVANCE = 'RELEVANCE',
  UPDATED = 'UPDATED',
}

registerEnumType(CallSort, {
  name: 'CallSort',
  description: 'Orders of a list of calls for proposals; ties are broken by id, so paging is stable.',
  valuesConfig: {
    CLOSING_SOONEST: {
      description: 'Earliest deadline first, calls without a deadline last (the default without a search).',
    },
    NEWEST: { description: 'Most recently opened first (latest opensOn).' },
    RELEVANCE: {
      description:
        'Best match of filter.search first (titles containing the words before near matches), then CLOSING_SOONEST; the default with a search. Without a search it is CLOSING_SOONEST.',
    },
    UPDATED: {
      description:
        'By last change (updatedAt), oldest first, ties by id: with filter.modifiedSince, the order an incremental sync pages in.',
    },
  },
});

import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType, DateTimeScalar, LocalDateScalar } from '@ngo-hub/kit';

export enum DeclarationStatus {
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}

registerEnumType(DeclarationStatus, {
  name: 'DeclarationStatus',
  description: 'Where a declaration of participation stands.',
  valuesConfig: {
    SUBMITTED: { description: 'Given to the coordination team and not yet decided; the only status that can change.' },
    ACCEPTED: { description: 'Accepted by the coordination team: the organisation became a member.' },
    REJECTED: { description: 'Rejected by the coordination team, with a reason.' },
    WITHDRAWN: { description: 'Withdrawn by the organisation before a decision.' },
  },
});

export enum DeclarationSort {
  NEWEST = 'NEWEST',
  UPDATED = 'UPDATED',
}

registerEnumType(DeclarationSort, {
  name: 'DeclarationSort',
  description: 'Orders of a declaration list; ties are broken by id, so paging is stable.',
  valuesConfig: {
    NEWEST: { description: 'Most recently submitted first (the default).' },
    UPDATED: {
      description:
        'By last change (updatedAt), oldest first, ties by id: with filter.modifiedSince, the order an incremental sync pages in.',
    },
  },
});

@ObjectType('Declaration', {
  description:
    "An organisation's written declaration of participation in a local partnership, submitted to its coordination team, which accepts or rejects it.",
})
export class Declaration {
  @Field(() => ID, { description: 'Hub id of the declaration (a UUID).' })
  id!: string;

  @Field(() => DeclarationStatus, { description: 'Where the declaration stands.' })
  status!: DeclarationStatus;

  @Field(() => LocalDateScalar, { description: 'Date the organisation signed the declaration.' })
  signedOn!: string;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Date it was accepted, rejected or withdrawn (Europe/Warsaw); null while SUBMITTED.',
  })
  decidedOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the coordination team rejected it; null otherwise.' })
  reason!: string | null;

  @Field(() => String, { nullable: true, description: 'What the organisation wrote with its declaration.' })
  note!: string | null;

  @Field(() => DateTimeScalar, { description: 'When the declaration was submitted through the hub.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When the declaration last changed (submitted, then decided).' })
  updatedAt!: Date;

  /** Not public: resolved into `partnership`. */
  partnershipId!: string;

  /** Not public: resolved into the `organisation` stub. */
  organisationId!: string;

  /** Not public: resolved into `membership`. */
  membershipId!: string | null;
}

export const DeclarationConnection = connectionType('Declaration', Declaration, 'declaration');

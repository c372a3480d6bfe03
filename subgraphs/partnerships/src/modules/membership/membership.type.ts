import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, LocalDateScalar } from '@ngo-hub/kit';

export enum MembershipRole {
  LEAD_PARTNER = 'LEAD_PARTNER',
  COORDINATION_TEAM = 'COORDINATION_TEAM',
  MEMBER = 'MEMBER',
}

registerEnumType(MembershipRole, {
  name: 'MembershipRole',
  description: 'The role an organisation holds in a partnership (Popolo `role`).',
  valuesConfig: {
    LEAD_PARTNER: {
      description:
        "The organisationally stronger partner that handles the partnership's projects (accounts, bank, staff) because the partnership has no legal personality: a gmina or powiat office, or an NGO experienced in applying for external funds. At most one active per partnership.",
    },
    COORDINATION_TEAM: {
      description:
        "Sits on the coordination team (Zespół Koordynacyjny), the partnership's board that receives declarations of participation.",
    },
    MEMBER: { description: "A partner that declared its will to work towards the partnership's goals." },
  },
});

@ObjectType('Membership', {
  description:
    "An organisation's membership of a partnership (Popolo Membership: an organisation, a role, a start and an end).",
})
export class Membership {
  @Field(() => ID, { description: 'Hub id of the membership (a UUID).' })
  id!: string;

  @Field(() => MembershipRole, { description: 'Role held in the partnership.' })
  role!: MembershipRole;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description:
      "Date of the written declaration of participation given to the partnership's coordination team, when known.",
  })
  declarationSignedOn!: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Date the membership began (Popolo start_date), when known.',
  })
  joinedOn!: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Date the membership ended or ends (Popolo end_date); null while open-ended.',
  })
  leftOn!: string | null;

  @Field({
    description: 'True while the membership has not ended: `leftOn` is null or later than today (Europe/Warsaw).',
  })
  isActive!: boolean;

  /** Not public: resolved into `partnership`. */
  partnershipId!: string;

  /** Not public: resolved into the `organisation` stub. */
  organisationId!: string;

  @Field(() => DateTimeScalar, { description: 'When this membership was recorded in the hub.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, {
    description: 'When this membership last changed, e.g. ended by leftOn.',
  })
  updatedAt!: Date;
}

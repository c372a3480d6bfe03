import { Field, ID, InputType } from 'type-graphql';
import { MembershipRole } from './membership.type.js';

@InputType('AddMembershipInput', {
  description: 'An organisation joining a partnership (or a past membership being recorded).',
})
export class AddMembershipInput {
  @Field(() => ID, { description: 'Hub id of the partnership; it must exist.' })
  partnershipId!: string;

  @Field(() => ID, {
    description: 'Hub id of the organisation (a UUID). Its existence is checked by the gateway at read time, not here.',
  })
  organisationId!: string;

  @Field(() => MembershipRole, {
    description: 'Role in the partnership; only one active LEAD_PARTNER per partnership.',
  })
  role!: MembershipRole;

  @Field(() => String, { nullable: true, description: 'Date of the written declaration of participation, YYYY-MM-DD.' })
  declarationSignedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Start date, YYYY-MM-DD.' })
  joinedOn?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'End date, YYYY-MM-DD, not before `joinedOn`; omit for an open-ended membership.',
  })
  leftOn?: string | null;
}

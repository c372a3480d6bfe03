import { Field, ID, InputType } from 'type-graphql';

@InputType('SubmitDeclarationInput', {
  description: "An organisation's written declaration of participation in a partnership.",
})
export class SubmitDeclarationInput {
  @Field(() => ID, { description: 'Hub id of the partnership the organisation wants to join; it must exist.' })
  partnershipId!: string;

  @Field(() => ID, { description: 'Hub id of the organisation declaring; it must exist.' })
  organisationId!: string;

  @Field({ description: 'Date the declaration was signed, YYYY-MM-DD; not in the future.' })
  signedOn!: string;

  @Field(() => String, { nullable: true, description: 'A note for the coordination team, at most 2000 characters.' })
  note?: string | null;
}

import { DateTimeScalar } from '@ngo-hub/kit';
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

@InputType('DeclarationFilter', { description: 'Filters for a declaration list; all given filters must hold.' })
export class DeclarationFilter {
  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      'Only declarations changed at or after this instant (updatedAt >= modifiedSince), whatever their status: a decided one (accepted, rejected, withdrawn) comes back with its new status. No status is hidden by default; `status`, when given, still holds, so a sync leaves it out. To sync: pass the largest updatedAt seen so far, sort UPDATED, and upsert by id (the rows at that instant come again).',
  })
  modifiedSince?: Date | null;
}

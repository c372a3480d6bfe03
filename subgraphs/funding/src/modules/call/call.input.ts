import { DateTimeScalar } from '@ngo-hub/kit';
import { Field, ID, InputType, Int } from 'type-graphql';
import { MoneyInput } from '../common/money.js';

@InputType({ description: 'Filters for calls for proposals; all given filters must hold.' })
export class CallFilter {
  @Field(() => String, {
    nullable: true,
    description:
      'Words in the title, at most 200 characters; case and Polish diacritics (ł as l) are ignored and a small typo is tolerated.',
  })
  search?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: only calls open today (Warsaw date between opensOn and closesOn, inclusive); false: only calls not open today.',
  })
  open?: boolean | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Only calls whose deadline falls between today and this many days from today (1 to 365).',
  })
  closingWithinDays?: number | null;

  @Field(() => ID, { nullable: true, description: 'Only calls of this funder (hub id).' })
  funder?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'TERC code; only calls with an eligible territory inside that unit ("14" = anywhere in Mazowieckie).',
  })
  territory?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'TERC code; only calls whose own territory (Call.territory, the area the competition is for) lies inside that unit ("2061011" = Białystok\'s own competitions).',
  })
  callTerritory?: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      'Only calls changed at or after this instant (updatedAt >= modifiedSince), whatever their status: closed calls too, not only open ones. A change of its eligible territories counts. No filter hides any by default; the other filters given still hold, so a sync passes this one alone. To sync: pass the largest updatedAt seen so far, sort UPDATED, and upsert by id (the rows at that instant come again).',
  })
  modifiedSince?: Date | null;
}

@InputType({ description: 'A new call for proposals.' })
export class CreateCallInput {
  @Field({ description: 'Title of the call.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'What the call funds and who may apply.' })
  description?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Hub id of the funder announcing the call; may be omitted when the programme gives it.',
  })
  funderId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Hub id of the programme the call belongs to.' })
  programmeId?: string | null;

  @Field({ description: 'First day applications are accepted, YYYY-MM-DD.' })
  opensOn!: string;

  @Field(() => String, { nullable: true, description: 'Deadline, YYYY-MM-DD; not before opensOn.' })
  closesOn?: string | null;

  @Field(() => MoneyInput, { nullable: true, description: 'Money available in the call.' })
  budget?: MoneyInput | null;

  @Field(() => [String], {
    nullable: true,
    description: 'TERC codes of the territories whose organisations may apply.',
  })
  eligibleTerritories?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      "TERC code of the area the competition is for (e.g. the announcing city's gmina); must exist in the territorial register. A FUNDER_OFFICER limited to territories must give one inside them.",
  })
  territory?: string | null;

  @Field(() => String, { nullable: true, description: 'Web page of the announcement (http or https).' })
  url?: string | null;
}

@InputType({
  description:
    'Changes to a call for proposals: only the fields given change (null clears an optional one); the funder cannot change. Validated like createCall.',
})
export class UpdateCallInput {
  @Field(() => String, { nullable: true, description: 'Title of the call.' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'What the call funds and who may apply.' })
  description?: string | null;

  @Field(() => ID, { nullable: true, description: "Hub id of a programme of the call's funder; null: none." })
  programmeId?: string | null;

  @Field(() => String, { nullable: true, description: 'First day applications are accepted, YYYY-MM-DD.' })
  opensOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Deadline, YYYY-MM-DD; not before opensOn; null: none.' })
  closesOn?: string | null;

  @Field(() => MoneyInput, { nullable: true, description: 'Money available in the call; null: not announced.' })
  budget?: MoneyInput | null;

  @Field(() => [String], {
    nullable: true,
    description: 'TERC codes of the territories whose organisations may apply (replaces the list).',
  })
  eligibleTerritories?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      'TERC code of the area the competition is for. A FUNDER_OFFICER limited to territories must keep one inside them.',
  })
  territory?: string | null;

  @Field(() => String, { nullable: true, description: 'Web page of the announcement (http or https); null: none.' })
  url?: string | null;
}

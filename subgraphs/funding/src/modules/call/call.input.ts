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

  @Field(() => String, { nullable: true, description: 'Web page of the announcement (http or https).' })
  url?: string | null;
}

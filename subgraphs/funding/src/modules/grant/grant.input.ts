import { Field, ID, InputType, Int } from 'type-graphql';
import { DateTimeScalar, DecimalScalar } from '@ngo-hub/kit';
import { MoneyInput } from '../common/money.js';
import { FormOfSupport } from './grant.type.js';

@InputType({ description: 'Filters for grants; all given filters must hold.' })
export class GrantFilter {
  @Field(() => String, {
    nullable: true,
    description:
      'Words in the title, at most 200 characters; case and Polish diacritics (ł as l) are ignored and a small typo is tolerated.',
  })
  search?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only grants awarded or co-financed by this funder (hub id).' })
  funder?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only grants of this programme or any of its sub-programmes (hub id).',
  })
  programme?: string | null;

  @Field(() => Int, { nullable: true, description: 'Only grants starting in this calendar year.' })
  year?: number | null;

  @Field(() => ID, { nullable: true, description: 'Only grants received by this organisation (hub id).' })
  recipient?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'TERC code; only grants benefiting a territory inside that unit ("14" = anywhere in Mazowieckie).',
  })
  territory?: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      'Only grants whose amountAwarded is at least this (compared exactly; grants without an amount are left out).',
  })
  minAmount?: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      'Only grants whose amountAwarded is at most this (compared exactly; grants without an amount are left out).',
  })
  maxAmount?: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      'Only grants changed at or after this instant (updatedAt >= modifiedSince), whatever their status: ended grants too. A change of its partners, funding sources or beneficiary territories counts. No filter hides any by default; the other filters given still hold, so a sync passes this one alone. To sync: pass the largest updatedAt seen so far, sort UPDATED, and upsert by id (the rows at that instant come again).',
  })
  modifiedSince?: Date | null;
}

@InputType({ description: 'A funder co-financing a new grant.' })
export class FundingSourceInput {
  @Field(() => ID, { description: 'Hub id of the funder.' })
  funderId!: string;

  @Field(() => MoneyInput, {
    nullable: true,
    description: "The funder's share, in the grant's currency; omit when not known.",
  })
  amount?: MoneyInput | null;
}

@InputType({
  description:
    'A new grant. Amounts are exact decimals in one currency; the funding sources may not add up to more than amountAwarded plus ownContribution.',
})
export class CreateGrantInput {
  @Field({ description: 'Title of the project or task.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'What the grant is for.' })
  description?: string | null;

  @Field(() => FormOfSupport, { description: 'How the money is given.' })
  formOfSupport!: FormOfSupport;

  @Field(() => ID, { description: 'Hub id of the recipient organisation.' })
  recipientId!: string;

  @Field(() => [ID], {
    nullable: true,
    description: 'Hub ids of partner organisations (not the recipient), each once.',
  })
  partnerIds?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'Hub id of the partnership the grant is for.' })
  partnershipId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "Hub id of the awarding funder; when omitted, the call's, else the programme's, else the first funding source's funder.",
  })
  funderId?: string | null;

  @Field(() => ID, { nullable: true, description: "Hub id of the programme; when omitted, the call's programme." })
  programmeId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Hub id of the call the grant was awarded in.' })
  callId?: string | null;

  @Field(() => MoneyInput, { nullable: true, description: 'Amount awarded.' })
  amountAwarded?: MoneyInput | null;

  @Field(() => MoneyInput, { nullable: true, description: "The recipient's own contribution, in the same currency." })
  ownContribution?: MoneyInput | null;

  @Field(() => [FundingSourceInput], {
    nullable: true,
    description: 'Funders co-financing the grant, each once, in the same currency.',
  })
  fundingSources?: FundingSourceInput[] | null;

  @Field(() => String, { nullable: true, description: 'First day of the funded period, YYYY-MM-DD.' })
  startsOn?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Last day of the funded period, YYYY-MM-DD; not before startsOn.',
  })
  endsOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Number of the grant agreement; unique per awarding funder.' })
  agreementNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'Date the agreement was signed, YYYY-MM-DD.' })
  agreementSignedOn?: string | null;

  @Field(() => [String], { nullable: true, description: 'TERC codes of the territories the grant benefits.' })
  beneficiaryTerritories?: string[] | null;
}

@InputType({
  description:
    'Changes to a grant: only the fields given change (null clears an optional one; a list given replaces the stored one). The result is validated like a new grant. The funder and programme are not derived from a call here: give them when they change.',
})
export class UpdateGrantInput {
  @Field(() => String, { nullable: true, description: 'Title of the project or task.' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'What the grant is for.' })
  description?: string | null;

  @Field(() => FormOfSupport, { nullable: true, description: 'How the money is given.' })
  formOfSupport?: FormOfSupport | null;

  @Field(() => ID, { nullable: true, description: 'Hub id of the recipient organisation.' })
  recipientId?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'Hub ids of partner organisations (not the recipient), each once.',
  })
  partnerIds?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'Hub id of the partnership the grant is for.' })
  partnershipId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Hub id of the awarding funder.' })
  funderId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Hub id of the programme.' })
  programmeId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Hub id of the call the grant was awarded in.' })
  callId?: string | null;

  @Field(() => MoneyInput, { nullable: true, description: 'Amount awarded.' })
  amountAwarded?: MoneyInput | null;

  @Field(() => MoneyInput, { nullable: true, description: "The recipient's own contribution, in the same currency." })
  ownContribution?: MoneyInput | null;

  @Field(() => [FundingSourceInput], {
    nullable: true,
    description: 'Funders co-financing the grant, each once, in the same currency.',
  })
  fundingSources?: FundingSourceInput[] | null;

  @Field(() => String, { nullable: true, description: 'First day of the funded period, YYYY-MM-DD.' })
  startsOn?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Last day of the funded period, YYYY-MM-DD; not before startsOn.',
  })
  endsOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Number of the grant agreement; unique per awarding funder.' })
  agreementNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'Date the agreement was signed, YYYY-MM-DD.' })
  agreementSignedOn?: string | null;

  @Field(() => [String], { nullable: true, description: 'TERC codes of the territories the grant benefits.' })
  beneficiaryTerritories?: string[] | null;
}

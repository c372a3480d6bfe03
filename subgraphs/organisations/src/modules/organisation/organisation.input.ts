import { DateTimeScalar, ContactPersonInput } from '@ngo-hub/kit';
import { Field, InputType } from 'type-graphql';
import { IdentifierScheme, LegalForm, Sector } from './organisation.type.js';

@InputType({ description: 'Filters for the organisation directory; all given filters must hold.' })
export class OrganisationFilter {
  @Field(() => String, {
    nullable: true,
    description:
      'Text in the name or short name, at most 200 characters; case and Polish diacritics (ł as l) are ignored and a small typo is tolerated.',
  })
  search?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'TERC code; matches organisations seated anywhere inside that unit ("14" = all of Mazowieckie).',
  })
  territory?: string | null;

  @Field(() => Sector, { nullable: true, description: 'Only organisations of this sector.' })
  sector?: Sector | null;

  @Field(() => LegalForm, { nullable: true, description: 'Only organisations of this legal form.' })
  legalForm?: LegalForm | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only organisations with (true) or without (false) public-benefit status.',
  })
  publicBenefit?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Only organisations listing exactly this area of activity.' })
  areaOfActivity?: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      'Only organisations changed at or after this instant (updatedAt >= modifiedSince). A change of its register identifiers counts. No filter hides any by default; the other filters given still hold, so a sync passes this one alone. To sync: pass the largest updatedAt seen so far, sort UPDATED, and upsert by id (the rows at that instant come again).',
  })
  modifiedSince?: Date | null;
}

@InputType({ description: 'A register identifier to attach to an organisation; its checksum is verified.' })
export class IdentifierInput {
  @Field(() => IdentifierScheme, { description: 'Register the number comes from.' })
  scheme!: IdentifierScheme;

  @Field({ description: 'The number; spaces, dashes and a "PL" prefix on a NIP are ignored.' })
  value!: string;
}

@InputType({ description: "Postal address of an organisation's seat." })
export class PostalAddressInput {
  @Field(() => String, { nullable: true, description: 'Street, building and unit.' })
  streetAddress?: string | null;

  @Field(() => String, { nullable: true, description: 'Polish postal code, NN-NNN.' })
  postalCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Town or village.' })
  locality?: string | null;
}

@InputType({
  description:
    'A new organisation. Identifiers are checked (NIP and REGON checksums, KRS form) and must not belong to another organisation.',
})
export class CreateOrganisationInput {
  @Field({ description: 'Full registered name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Short name or acronym.' })
  shortName?: string | null;

  @Field(() => Sector, { description: 'Sector.' })
  sector!: Sector;

  @Field(() => LegalForm, { description: 'Legal form.' })
  legalForm!: LegalForm;

  @Field(() => Boolean, { nullable: true, description: 'Public-benefit (OPP) status; false when omitted.' })
  publicBenefit?: boolean | null;

  @Field(() => String, { nullable: true, description: 'What the organisation does.' })
  description?: string | null;

  @Field(() => [String], { nullable: true, description: 'Areas of activity.' })
  areasOfActivity?: string[] | null;

  @Field(() => PostalAddressInput, { nullable: true, description: 'Postal address of the seat.' })
  address?: PostalAddressInput | null;

  @Field(() => String, { nullable: true, description: 'TERC code of the seat (a gmina, or a district of a city).' })
  territory?: string | null;

  @Field(() => String, { nullable: true, description: 'Website URL (http or https).' })
  website?: string | null;

  @Field(() => String, { nullable: true, description: 'Contact e-mail.' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Contact telephone.' })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'Founding or registration date, YYYY-MM-DD.' })
  foundedOn?: string | null;

  @Field(() => [IdentifierInput], { nullable: true, description: 'Register identifiers (KRS, NIP, REGON).' })
  identifiers?: IdentifierInput[] | null;

  @Field(() => ContactPersonInput, {
    nullable: true,
    description: 'The person to contact about the organisation (personal data, see Organisation.contactPerson).',
  })
  contactPerson?: ContactPersonInput | null;
}

@InputType({
  description:
    'Changes to an organisation: only the fields given are changed; `identifiers`, when given, replaces the whole list.',
})
export class UpdateOrganisationInput {
  @Field(() => String, { nullable: true, description: 'Full registered name.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Short name or acronym.' })
  shortName?: string | null;

  @Field(() => Sector, { nullable: true, description: 'Sector.' })
  sector?: Sector | null;

  @Field(() => LegalForm, { nullable: true, description: 'Legal form.' })
  legalForm?: LegalForm | null;

  @Field(() => Boolean, { nullable: true, description: 'Public-benefit (OPP) status.' })
  publicBenefit?: boolean | null;

  @Field(() => String, { nullable: true, description: 'What the organisation does.' })
  description?: string | null;

  @Field(() => [String], { nullable: true, description: 'Areas of activity (replaces the list).' })
  areasOfActivity?: string[] | null;

  @Field(() => PostalAddressInput, { nullable: true, description: 'Postal address of the seat (replaces it).' })
  address?: PostalAddressInput | null;

  @Field(() => String, { nullable: true, description: 'TERC code of the seat.' })
  territory?: string | null;

  @Field(() => String, { nullable: true, description: 'Website URL.' })
  website?: string | null;

  @Field(() => String, { nullable: true, description: 'Contact e-mail.' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Contact telephone.' })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'Founding or registration date, YYYY-MM-DD.' })
  foundedOn?: string | null;

  @Field(() => [IdentifierInput], { nullable: true, description: 'Register identifiers (replaces the list).' })
  identifiers?: IdentifierInput[] | null;

  @Field(() => ContactPersonInput, {
    nullable: true,
    description: 'The person to contact (replaces the whole person); null removes it.',
  })
  contactPerson?: ContactPersonInput | null;
}

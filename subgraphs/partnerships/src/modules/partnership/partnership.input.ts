import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, ContactPersonInput } from '@ngo-hub/kit';
import { PartnershipStatus } from './partnership.type.js';

export enum PartnershipSort {
  RELEVANCE = 'RELEVANCE',
  NAME = 'NAME',
  ESTABLISHED_NEWEST = 'ESTABLISHED_NEWEST',
  UPDATED = 'UPDATED',
}

registerEnumType(PartnershipSort, {
  name: 'PartnershipSort',
  description:
    'Orders of the partnership list. Without `sort`, RELEVANCE when `filter.search` is given, NAME otherwise.',
  valuesConfig: {
    RELEVANCE: {
      description:
        'Best match of `filter.search` first (names containing the search text, then the closest typos), then by name; without a search the same as NAME.',
    },
    NAME: {
      description: 'By name in Polish alphabetical order (Ł after L, Ż last), case and diacritics otherwise ignored.',
    },
    ESTABLISHED_NEWEST: {
      description: 'Most recently established first; partnerships without a known establishment date last.',
    },
    UPDATED: {
      description:
        'By last change (updatedAt), oldest first, ties by id: with filter.modifiedSince, the order an incremental sync pages in.',
    },
  },
});

@InputType('PartnershipFilter', { description: 'Filters for the partnership list; all given filters must hold.' })
export class PartnershipFilter {
  @Field(() => String, {
    nullable: true,
    description:
      'Text in the name, at most 200 characters; case and Polish diacritics are ignored ("zyrardow" finds "Żyrardów", "slupno" finds "Słupno") and a word with a small typo still matches.',
  })
  search?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'TERC code at any level; matches partnerships whose main or additional territory lies inside that unit ("14" = all of Mazowieckie, "1465" = Warsaw).',
  })
  territory?: string | null;

  @Field(() => PartnershipStatus, { nullable: true, description: 'Only partnerships in this status.' })
  status?: PartnershipStatus | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only partnerships listing exactly this theme (e.g. "kultura").',
  })
  theme?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Hub id of an organisation: only partnerships where it is the active lead partner.',
  })
  leadPartner?: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      'Only partnerships changed at or after this instant (updatedAt >= modifiedSince), whatever their status: dissolved ones too. A membership added, changed or ended counts as a change of its partnership. No filter hides any by default; the other filters given still hold, so a sync passes this one alone. To sync: pass the largest updatedAt seen so far, sort UPDATED, and upsert by id (the rows at that instant come again).',
  })
  modifiedSince?: Date | null;
}

@InputType('CreatePartnershipInput', {
  description: 'A new partnership. Members are added afterwards with `addMembership`.',
})
export class CreatePartnershipInput {
  @Field({ description: 'Name, in Polish.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the partnership is and does, in Polish.' })
  description?: string | null;

  @Field({
    description: 'TERC code of the main unit the partnership works in (a gmina, a city district, a powiat...).',
  })
  territory!: string;

  @Field(() => [String], {
    nullable: true,
    description: 'TERC codes of further units it also works in; none when omitted.',
  })
  additionalTerritories?: string[] | null;

  @Field(() => PartnershipStatus, { nullable: true, description: 'Status; FORMING when omitted.' })
  status?: PartnershipStatus | null;

  @Field(() => [String], { nullable: true, description: 'Thematic areas, in Polish; duplicates are dropped.' })
  themes?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Date it was established, YYYY-MM-DD; not in the future.' })
  establishedOn?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether it is a legal person; false when omitted (the usual case for a local partnership).',
  })
  hasLegalPersonality?: boolean | null;

  @Field(() => ContactPersonInput, {
    nullable: true,
    description:
      'The person to contact about the partnership (personal data: shown only to admins and its coordinators).',
  })
  contactPerson?: ContactPersonInput | null;
}

@InputType('UpdatePartnershipInput', {
  description:
    'Changes to a partnership: only the given fields change; an explicit null clears an optional field. Same rules as on creation.',
})
export class UpdatePartnershipInput {
  @Field(() => String, { nullable: true, description: 'Name, in Polish; cannot be cleared.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'What the partnership is and does, in Polish.' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'TERC code of the main unit; cannot be cleared.' })
  territory?: string | null;

  @Field(() => [String], { nullable: true, description: 'TERC codes of further units; null or [] for none.' })
  additionalTerritories?: string[] | null;

  @Field(() => PartnershipStatus, { nullable: true, description: 'Status; cannot be cleared.' })
  status?: PartnershipStatus | null;

  @Field(() => [String], { nullable: true, description: 'Thematic areas, in Polish; duplicates are dropped.' })
  themes?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Date it was established, YYYY-MM-DD; not in the future.' })
  establishedOn?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether it is a legal person; null means false.' })
  hasLegalPersonality?: boolean | null;

  @Field(() => ContactPersonInput, {
    nullable: true,
    description: 'The person to contact (personal data: shown only to admins and its coordinators); null removes it.',
  })
  contactPerson?: ContactPersonInput | null;
}

import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType, type ContactPerson, DateTimeScalar, LocalDateScalar, RecordSource } from '@ngo-hub/kit';

export enum Sector {
  PUBLIC = 'PUBLIC',
  NGO = 'NGO',
  BUSINESS = 'BUSINESS',
}

registerEnumType(Sector, {
  name: 'Sector',
  description: 'The sector an organisation belongs to; local partnerships bring all three together.',
  valuesConfig: {
    PUBLIC: {
      description:
        'Public administration and public institutions (gmina offices, schools, libraries, social-aid centres).',
    },
    NGO: {
      description: 'Non-governmental organisations: associations, foundations, informal groups, church charities.',
    },
    BUSINESS: { description: 'Companies, sole traders and business clubs.' },
  },
});

export enum LegalForm {
  STOWARZYSZENIE = 'STOWARZYSZENIE',
  STOWARZYSZENIE_ZWYKLE = 'STOWARZYSZENIE_ZWYKLE',
  FUNDACJA = 'FUNDACJA',
  KOLO_GOSPODYN_WIEJSKICH = 'KOLO_GOSPODYN_WIEJSKICH',
  SPOLDZIELNIA_SOCJALNA = 'SPOLDZIELNIA_SOCJALNA',
  UCZNIOWSKI_KLUB_SPORTOWY = 'UCZNIOWSKI_KLUB_SPORTOWY',
  KOSCIELNA_OSOBA_PRAWNA = 'KOSCIELNA_OSOBA_PRAWNA',
  JEDNOSTKA_SAMORZADU_TERYTORIALNEGO = 'JEDNOSTKA_SAMORZADU_TERYTORIALNEGO',
  PUBLIC_INSTITUTION = 'PUBLIC_INSTITUTION',
  UNIVERSITY = 'UNIVERSITY',
  COMPANY = 'COMPANY',
  SOLE_TRADER = 'SOLE_TRADER',
  FOREIGN_ORGANISATION = 'FOREIGN_ORGANISATION',
  INFORMAL_GROUP = 'INFORMAL_GROUP',
  OTHER = 'OTHER',
}

registerEnumType(LegalForm, {
  name: 'LegalForm',
  description: 'Legal form under Polish law (names kept in Polish where English has no exact equivalent).',
  valuesConfig: {
    STOWARZYSZENIE: { description: 'Registered association (stowarzyszenie rejestrowe, in the KRS).' },
    STOWARZYSZENIE_ZWYKLE: {
      description:
        "Ordinary association (stowarzyszenie zwykłe), kept in the starost's register, no legal personality.",
    },
    FUNDACJA: { description: 'Foundation (fundacja).' },
    KOLO_GOSPODYN_WIEJSKICH: { description: "Rural housewives' circle (koło gospodyń wiejskich, KGW)." },
    SPOLDZIELNIA_SOCJALNA: { description: 'Social cooperative (spółdzielnia socjalna).' },
    UCZNIOWSKI_KLUB_SPORTOWY: { description: "Pupils' sports club (uczniowski klub sportowy)." },
    KOSCIELNA_OSOBA_PRAWNA: { description: 'Church legal person or church charity.' },
    JEDNOSTKA_SAMORZADU_TERYTORIALNEGO: {
      description: 'Local government unit or its office (gmina, powiat, województwo).',
    },
    PUBLIC_INSTITUTION: {
      description: 'Other public institution: school, library, culture centre, social-aid centre.',
    },
    UNIVERSITY: { description: 'University or other higher-education institution.' },
    COMPANY: { description: 'Commercial company (spółka).' },
    SOLE_TRADER: { description: 'Sole trader (jednoosobowa działalność gospodarcza).' },
    FOREIGN_ORGANISATION: { description: 'Organisation registered outside Poland (e.g. a German e. V.).' },
    INFORMAL_GROUP: { description: 'Informal group without legal form.' },
    OTHER: { description: 'Any other legal form.' },
  },
});

export enum IdentifierScheme {
  KRS = 'KRS',
  NIP = 'NIP',
  REGON = 'REGON',
}

registerEnumType(IdentifierScheme, {
  name: 'IdentifierScheme',
  description: 'Polish register an identifier comes from (org-id.guide prefixes PL-KRS, PL-NIP, PL-REGON).',
  valuesConfig: {
    KRS: { description: 'National Court Register number (10 digits).' },
    NIP: { description: 'Tax identification number (10 digits with a check digit).' },
    REGON: { description: 'Statistical number (9 or 14 digits with check digits).' },
  },
});

@ObjectType({ description: 'A register number of an organisation, tagged with its scheme.' })
export class OrganisationIdentifier {
  @Field(() => IdentifierScheme, { description: 'The register the number comes from.' })
  scheme!: IdentifierScheme;

  @Field({ description: 'The number, digits only.' })
  value!: string;
}

@ObjectType({ description: "Postal address of an organisation's seat (schema.org PostalAddress)." })
export class PostalAddress {
  @Field(() => String, { nullable: true, description: 'Street, building and unit, e.g. "ul. Świętojańska 22 lok. 1".' })
  streetAddress!: string | null;

  @Field(() => String, { nullable: true, description: 'Polish postal code, NN-NNN.' })
  postalCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Town or village of the postal address.' })
  locality!: string | null;
}

@ObjectType('Organisation', {
  description: 'An organisation of any sector taking part in the network (Open Referral HSDS organization).',
})
@Directive('@key(fields: "id")')
export class Organisation {
  @Field(() => ID, { description: 'Stable identifier of the organisation in the hub.' })
  id!: string;

  @Field({ description: 'Full registered name, in Polish as written.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Short name or acronym (HSDS alternate_name), e.g. "BORIS".' })
  shortName!: string | null;

  @Field(() => Sector, { description: 'Sector the organisation belongs to.' })
  sector!: Sector;

  @Field(() => LegalForm, { description: 'Legal form under Polish law.' })
  legalForm!: LegalForm;

  @Field({
    description:
      'Whether the organisation has public-benefit status (organizacja pożytku publicznego, OPP), which lets it receive 1.5% of income tax.',
  })
  publicBenefit!: boolean;

  @Field(() => String, { nullable: true, description: 'What the organisation does, in Polish.' })
  description!: string | null;

  @Field(() => [String], { description: 'Areas of activity (sfery pożytku publicznego), in Polish.' })
  areasOfActivity!: string[];

  @Field(() => PostalAddress, { description: 'Postal address of the seat.' })
  address!: PostalAddress;

  @Field(() => String, { nullable: true, description: 'Website URL.' })
  website!: string | null;

  @Field(() => String, { nullable: true, description: 'Contact e-mail address.' })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'Contact telephone number as published.' })
  phone!: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Date the organisation was founded or registered, when known.',
  })
  foundedOn!: string | null;

  @Field(() => DateTimeScalar, { description: 'When this record was added to the hub (the NEWEST sort orders by it).' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When this record last changed.' })
  updatedAt!: Date;

  @Field(() => RecordSource, {
    description:
      'Where this organisation comes from: a seed document (real), the synthetic demonstration layer (invented; not a real organisation), or a write through the API.',
  })
  source!: RecordSource;

  /** Not public: resolved into `territory` through a loader. */
  territoryCode!: string | null;

  /** Personal data: read through `contactPerson`, which shows it only to whom docs/access.md allows. */
  contact!: ContactPerson | null;
}

export enum OrganisationSort {
  RELEVANCE = 'RELEVANCE',
  NAME = 'NAME',
  NEWEST = 'NEWEST',
  UPDATED = 'UPDATED',
}

registerEnumType(OrganisationSort, {
  name: 'OrganisationSort',
  description:
    'Order of an organisation list. Without `sort`, a list with `filter.search` is in RELEVANCE order, any other in NAME order.',
  valuesConfig: {
    RELEVANCE: {
      description:
        'Best match to `filter.search` first (an exact substring before a near match), then by name. Without a search, the same as NAME.',
    },
    NAME: { description: 'By name in Polish alphabetical order (Ł after L, Ż last), case-insensitive.' },
    NEWEST: { description: 'Most recently added to the hub first.' },
    UPDATED: {
      description:
        'By last change (updatedAt), oldest first, ties by id: with filter.modifiedSince, the order an incremental sync pages in.',
    },
  },
});

export const OrganisationConnection = connectionType('Organisation', Organisation, 'organisation');

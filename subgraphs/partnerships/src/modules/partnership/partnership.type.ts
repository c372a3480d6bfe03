import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, type ContactPerson, LocalDateScalar, RecordSource } from '@ngo-hub/kit';

export enum PartnershipStatus {
  ACTIVE = 'ACTIVE',
  FORMING = 'FORMING',
  DISSOLVED = 'DISSOLVED',
}

registerEnumType(PartnershipStatus, {
  name: 'PartnershipStatus',
  description: 'Where a partnership stands in its life.',
  valuesConfig: {
    ACTIVE: { description: 'Working: partners have signed declarations of participation and act together.' },
    FORMING: { description: 'Being set up: partners are being gathered and the rules (regulamin) drafted.' },
    DISSOLVED: { description: 'No longer working; kept for the record of past memberships.' },
  },
});

@ObjectType('Partnership', {
  description:
    'A local partnership (Partnerstwo Lokalne): a voluntary, open agreement between public institutions, NGOs, businesses and others working together for their territorial community.',
})
@Directive('@key(fields: "id")')
export class Partnership {
  @Field(() => ID, { description: 'Hub id of the partnership (a UUID).' })
  id!: string;

  @Field({ description: 'Name of the partnership, in Polish.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the partnership is and does, in Polish.' })
  description!: string | null;

  @Field(() => PartnershipStatus, { description: 'Where the partnership stands in its life.' })
  status!: PartnershipStatus;

  @Field(() => [String], {
    description: 'Thematic areas of its work, in Polish (e.g. "ekologia", "kultura", "pomoc społeczna").',
  })
  themes!: string[];

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date the partnership was established, when known.' })
  establishedOn!: string | null;

  @Field({
    description:
      'Whether the partnership is itself a legal person. A local partnership usually is not, which is why a lead partner handles its money, bank account and staff.',
  })
  hasLegalPersonality!: boolean;

  /** Not public: resolved into `territory`. */
  territoryCode!: string;

  /** Not public: resolved into `additionalTerritories`. */
  additionalTerritoryCodes!: string[];

  /** Not public as such: `contactPerson` shows it only to those entitled (personal data). */
  contact!: ContactPerson | null;

  @Field(() => DateTimeScalar, { description: 'When this record was added to the hub.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, {
    description:
      'When this record last changed: any field, or a membership added, changed or ended (filter.modifiedSince and the UPDATED sort use it).',
  })
  updatedAt!: Date;

  @Field(() => RecordSource, {
    description:
      'Where this partnership comes from: a seed document (real), the synthetic demonstration layer (invented; not a real partnership), or a write through the API.',
  })
  source!: RecordSource;
}

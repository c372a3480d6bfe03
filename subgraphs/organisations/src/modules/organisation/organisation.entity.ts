import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Rel } from '@mikro-orm/core';

/**
 * An organisation as stored: the row shape the repository maps results into (writes are its SQL);
 * the public `Organisation` type is mapped from it in the service.
 */
@Entity({ tableName: 'organisation' })
export class OrganisationEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', nullable: true })
  shortName!: string | null;

  @Property({ type: 'text' })
  sector!: string;

  @Property({ type: 'text' })
  legalForm!: string;

  @Property({ type: 'boolean', default: false })
  publicBenefit: boolean = false;

  @Property({ type: 'text', nullable: true })
  description!: string | null;

  @Property({ type: 'text[]', defaultRaw: "'{}'" })
  areasOfActivity: string[] = [];

  @Property({ type: 'text', nullable: true })
  streetAddress!: string | null;

  @Property({ type: 'text', nullable: true })
  postalCode!: string | null;

  @Property({ type: 'text', nullable: true })
  locality!: string | null;

  /** TERC code of the seat (the finest unit known); roll-ups match it by prefix. */
  @Property({ type: 'string', length: 7, nullable: true })
  territoryCode!: string | null;

  @Property({ type: 'text', nullable: true })
  website!: string | null;

  @Property({ type: 'text', nullable: true })
  email!: string | null;

  @Property({ type: 'text', nullable: true })
  phone!: string | null;

  @Property({ type: 'date', nullable: true })
  foundedOn!: string | null;

  /** The contact person (personal data): its name, e-mail and phone; e-mail and phone only with a name. */
  @Property({ type: 'text', nullable: true })
  contactName!: string | null;

  @Property({ type: 'text', nullable: true })
  contactEmail!: string | null;

  @Property({ type: 'text', nullable: true })
  contactPhone!: string | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  /** Set by the repository's update. */
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Date = new Date();

  /** RecordSource: SEED_DOCUMENT, SYNTHETIC or CONTRIBUTED. */
  @Property({ type: 'text', defaultRaw: "'CONTRIBUTED'" })
  source!: string;
}

/** A register number of an organisation; a (scheme, value) pair belongs to one organisation only. */
@Entity({ tableName: 'organisation_identifier' })
@Unique({ properties: ['scheme', 'value'] })
export class OrganisationIdentifierEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => OrganisationEntity, { deleteRule: 'cascade' })
  organisation!: Rel<OrganisationEntity>;

  @Property({ type: 'text' })
  scheme!: string;

  @Property({ type: 'text' })
  value!: string;
}

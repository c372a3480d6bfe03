import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** A partnership as stored; the public `Partnership` type is mapped from it in the service. */
@Entity({ tableName: 'partnership' })
export class PartnershipEntity {
  [OptionalProps]?: 'additionalTerritoryCodes' | 'themes' | 'hasLegalPersonality' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', nullable: true })
  description!: string | null;

  /** TERC code of the main unit; roll-up filters match it by prefix. */
  @Property({ type: 'string', length: 7 })
  territoryCode!: string;

  @Property({ type: 'text[]', defaultRaw: "'{}'" })
  additionalTerritoryCodes: string[] = [];

  @Property({ type: 'text' })
  status!: string;

  @Property({ type: 'text[]', defaultRaw: "'{}'" })
  themes: string[] = [];

  @Property({ type: 'date', nullable: true })
  establishedOn!: string | null;

  @Property({ type: 'boolean', default: false })
  hasLegalPersonality: boolean = false;

  /** The contact person (personal data): name, e-mail, telephone; all null when there is none. */
  @Property({ type: 'text', nullable: true })
  contactName!: string | null;

  @Property({ type: 'text', nullable: true })
  contactEmail!: string | null;

  @Property({ type: 'text', nullable: true })
  contactPhone!: string | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  /** Kept by the database on every change of the row or of its memberships. */
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Date = new Date();

  /** RecordSource: SEED_DOCUMENT, SYNTHETIC or CONTRIBUTED. */
  @Property({ type: 'text', defaultRaw: "'CONTRIBUTED'" })
  source!: string;
}

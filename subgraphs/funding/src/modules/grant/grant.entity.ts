import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * An awarded grant as stored (table grant_award: "grant" is an SQL keyword). Amounts are
 * numeric(17,2) read as strings; all amounts of a grant share its `currency`.
 */
@Entity({ tableName: 'grant_award' })
export class GrantEntity {
  [OptionalProps]?: 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text', nullable: true })
  description!: string | null;

  @Property({ type: 'text', nullable: true })
  agreementNumber!: string | null;

  @Property({ type: 'date', nullable: true })
  agreementSignedOn!: string | null;

  @Property({ type: 'text' })
  formOfSupport!: string;

  /** Hub id of the recipient organisation (organisations subgraph). */
  @Property({ type: 'uuid' })
  recipientId!: string;

  /** Hub id of the partnership (partnerships subgraph) the grant was awarded for, if any. */
  @Property({ type: 'uuid', nullable: true })
  partnershipId!: string | null;

  /** The awarding funder (360Giving fundingOrganization); agreement numbers are unique per funder. */
  @Property({ type: 'uuid' })
  funderId!: string;

  @Property({ type: 'uuid', nullable: true })
  programmeId!: string | null;

  @Property({ type: 'uuid', nullable: true })
  callId!: string | null;

  @Property({ type: 'string', columnType: 'char(3)', nullable: true })
  currency!: string | null;

  @Property({ type: 'decimal', precision: 17, scale: 2, nullable: true, runtimeType: 'string' })
  amountAwarded!: string | null;

  @Property({ type: 'decimal', precision: 17, scale: 2, nullable: true, runtimeType: 'string' })
  ownContribution!: string | null;

  @Property({ type: 'date', nullable: true })
  startsOn!: string | null;

  @Property({ type: 'date', nullable: true })
  endsOn!: string | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Date = new Date();

  /** RecordSource: SEED_DOCUMENT, SYNTHETIC or CONTRIBUTED. */
  @Property({ type: 'text', defaultRaw: "'CONTRIBUTED'" })
  source!: string;
}

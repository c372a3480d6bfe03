import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** A call for proposals (konkurs) as stored; money and dates are kept as strings, never floats. */
@Entity({ tableName: 'call' })
export class CallEntity {
  [OptionalProps]?: 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text', nullable: true })
  description!: string | null;

  @Property({ type: 'uuid', nullable: true })
  programmeId!: string | null;

  @Property({ type: 'uuid' })
  funderId!: string;

  @Property({ type: 'date' })
  opensOn!: string;

  @Property({ type: 'date', nullable: true })
  closesOn!: string | null;

  @Property({ type: 'decimal', precision: 17, scale: 2, nullable: true, runtimeType: 'string' })
  budgetAmount!: string | null;

  @Property({ type: 'string', columnType: 'char(3)', nullable: true })
  budgetCurrency!: string | null;

  @Property({ type: 'text', nullable: true })
  url!: string | null;

  /** TERC code of the area the call is for, when given. */
  @Property({ type: 'string', length: 7, nullable: true })
  territoryCode!: string | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  /** Kept by the database on every change of the row (see the updated_at migration). */
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Date = new Date();

  /** RecordSource: SEED_DOCUMENT, SYNTHETIC or CONTRIBUTED. */
  @Property({ type: 'text', defaultRaw: "'CONTRIBUTED'" })
  source!: string;
}

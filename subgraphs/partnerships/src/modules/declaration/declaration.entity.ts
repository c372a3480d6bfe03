import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** A written declaration of participation, as stored; the public `Declaration` is mapped from it. */
@Entity({ tableName: 'declaration' })
export class DeclarationEntity {
  [OptionalProps]?: 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  partnershipId!: string;

  /** Key of an organisation owned by the organisations subgraph; no foreign key across subgraphs. */
  @Property({ type: 'uuid' })
  organisationId!: string;

  @Property({ type: 'text' })
  status!: string;

  @Property({ type: 'date' })
  signedOn!: string;

  @Property({ type: 'text', nullable: true })
  note!: string | null;

  @Property({ type: 'date', nullable: true })
  decidedOn!: string | null;

  @Property({ type: 'text', nullable: true })
  reason!: string | null;

  /** The membership an acceptance created. */
  @Property({ type: 'uuid', nullable: true })
  membershipId!: string | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  /** Kept by the database on every change of the row (see the updated_at migration). */
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}

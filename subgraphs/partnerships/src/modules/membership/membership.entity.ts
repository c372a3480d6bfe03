import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { PartnershipEntity } from '../partnership/partnership.entity.js';

/** An organisation's membership of a partnership, as stored (Popolo Membership). */
@Entity({ tableName: 'membership' })
export class MembershipEntity {
  [OptionalProps]?: 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => PartnershipEntity, { deleteRule: 'cascade' })
  partnership!: Rel<PartnershipEntity>;

  /** Key of an organisation owned by the organisations subgraph; no foreign key across subgraphs. */
  @Property({ type: 'uuid' })
  organisationId!: string;

  @Property({ type: 'text' })
  role!: string;

  @Property({ type: 'date', nullable: true })
  declarationSignedOn!: string | null;

  @Property({ type: 'date', nullable: true })
  joinedOn!: string | null;

  @Property({ type: 'date', nullable: true })
  leftOn!: string | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  /** Kept by the database on every change of the row (see the updated_at migration). */
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}

import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** A funder as stored; the public `Funder` type is mapped from it in the service. */
@Entity({ tableName: 'funder' })
export class FunderEntity {
  [OptionalProps]?: 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  kind!: string;

  /** Hub id of the organisation behind the funder (organisations subgraph), when it is one. */
  @Property({ type: 'uuid', nullable: true })
  organisationId!: string | null;

  @Property({ type: 'string', columnType: 'char(2)', nullable: true })
  country!: string | null;

  @Property({ type: 'text', nullable: true })
  description!: string | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  /** Kept by the database on every change of the row (see the updated_at migration). */
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}

/** A funding programme of a funder, possibly under a parent programme. */
@Entity({ tableName: 'programme' })
export class ProgrammeEntity {
  [OptionalProps]?: 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'uuid' })
  funderId!: string;

  @Property({ type: 'uuid', nullable: true })
  parentId!: string | null;

  @Property({ type: 'text', nullable: true })
  description!: string | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  /** Kept by the database on every change of the row (see the updated_at migration). */
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}

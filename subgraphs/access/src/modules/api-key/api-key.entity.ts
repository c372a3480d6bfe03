import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** An API key as stored: never its secret, only the secret's SHA-256 and its first characters. */
@Entity({ tableName: 'api_key' })
export class ApiKeyEntity {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  role!: string;

  @Property({ type: 'uuid', nullable: true })
  organisationId!: string | null;

  @Property({ type: 'uuid', nullable: true })
  partnershipId!: string | null;

  @Property({ type: 'uuid', nullable: true })
  funderId!: string | null;

  @Property({ type: 'text[]', defaultRaw: "'{}'" })
  territories!: string[];

  @Property({ type: 'string', columnType: 'char(64)' })
  secretHash!: string;

  @Property({ type: 'text' })
  secretPrefix!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'text' })
  createdBy!: string;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Property({ type: 'text', nullable: true })
  revokedBy!: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;
}

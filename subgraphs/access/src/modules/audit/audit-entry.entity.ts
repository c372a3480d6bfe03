import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** One audit-trail entry, as the owning subgraph recorded it in its write's transaction. */
@Entity({ tableName: 'audit_entry' })
export class AuditEntryEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'timestamptz' })
  at!: Date;

  @Property({ type: 'text' })
  actorSubject!: string;

  @Property({ type: 'text' })
  actorName!: string;

  @Property({ type: 'text' })
  actorRole!: string;

  @Property({ type: 'text' })
  operation!: string;

  @Property({ type: 'text' })
  entityType!: string;

  @Property({ type: 'text' })
  entityId!: string;

  @Property({ type: 'text[]', defaultRaw: "'{}'" })
  changedFields!: string[];
}

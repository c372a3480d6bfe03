import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** An e-mail notice subscription: personal data, deleted on unsubscribe. */
@Entity({ tableName: 'notice_subscription' })
export class NoticeSubscriptionEntity {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  email!: string;

  @Property({ type: 'string', columnType: 'varchar(7)' })
  territory!: string;

  @Property({ type: 'text[]' })
  kinds!: string[];

  @Property({ type: 'text' })
  frequency!: string;

  @Property({ type: 'string', columnType: 'char(64)', nullable: true })
  confirmTokenHash!: string | null;

  @Property({ type: 'string', columnType: 'char(64)' })
  unsubscribeTokenHash!: string;

  /** Plain, for the link in every notice (notice.service.ts says why this one token is kept readable). */
  @Property({ type: 'text', nullable: true })
  unsubscribeToken!: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  confirmedAt!: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  lastDigestAt!: Date | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}

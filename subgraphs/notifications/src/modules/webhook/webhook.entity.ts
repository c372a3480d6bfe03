import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** A webhook as stored: where to POST which changes, with the secret deliveries are signed with. */
@Entity({ tableName: 'webhook' })
export class WebhookEntity {
  [OptionalProps]?: 'createdAt' | 'active';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  url!: string;

  @Property({ type: 'text[]' })
  events!: string[];

  @Property({ type: 'string', columnType: 'varchar(7)', nullable: true })
  territory!: string | null;

  @Property({ type: 'text' })
  secret!: string;

  @Property({ type: 'text' })
  ownerSubject!: string;

  @Property({ type: 'text' })
  ownerRole!: string;

  @Property({ type: 'boolean', default: true })
  active: boolean = true;

  @Property({ type: 'timestamptz', nullable: true })
  failingSince!: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  deactivatedAt!: Date | null;

  @Property({ type: 'text', nullable: true })
  deactivatedReason!: string | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}

/** One change sent (or being sent) to one webhook; its id is the `webhook-id` header. */
@Entity({ tableName: 'webhook_delivery' })
export class WebhookDeliveryEntity {
  [OptionalProps]?: 'createdAt' | 'status' | 'attempts';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  webhookId!: string;

  @Property({ type: 'text' })
  eventType!: string;

  @Property({ type: 'json' })
  payload!: unknown;

  @Property({ type: 'text', default: 'PENDING' })
  status: string = 'PENDING';

  @Property({ type: 'integer', default: 0 })
  attempts: number = 0;

  @Property({ type: 'integer', nullable: true })
  lastStatusCode!: number | null;

  @Property({ type: 'text', nullable: true })
  lastError!: string | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  lastAttemptAt!: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;
}

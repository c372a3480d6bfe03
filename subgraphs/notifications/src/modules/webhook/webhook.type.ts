import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export const WebhookDeliveryStatus = { PENDING: 'PENDING', DELIVERED: 'DELIVERED', FAILED: 'FAILED' } as const;
export type WebhookDeliveryStatus = keyof typeof WebhookDeliveryStatus;
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where a delivery stands.',
  valuesConfig: {
    PENDING: { description: 'Not yet answered with 2xx; it is tried again with growing pauses.' },
    DELIVERED: { description: 'The receiver answered 2xx.' },
    FAILED: {
      description: 'Given up: no 2xx within 24 hours, or the webhook was deactivated or deleted meanwhile.',
    },
  },
});

@ObjectType('Webhook', {
  description:
    'Where the hub POSTs changes, signed as Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature).',
})
export class Webhook {
  @Field(() => ID, { description: 'Stable identifier of the webhook.' })
  id!: string;

  @Field({ description: 'The https:// address each change is POSTed to.' })
  url!: string;

  @Field(() => [String], { description: 'The change types it receives (see `changeTypes`).' })
  events!: string[];

  @Field(() => String, {
    nullable: true,
    description: 'TERC code: only changes within this territory are sent; null means every territory.',
  })
  territory!: string | null;

  @Field({
    description: 'False once deactivated (after 24 hours of failing deliveries); nothing is sent to it then.',
  })
  active!: boolean;

  @Field({ description: 'When it was made.' })
  createdAt!: Date;

  @Field(() => String, { nullable: true, description: 'Why it was deactivated; null while active.' })
  deactivatedReason!: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Since when its deliveries fail (set at the first failure, cleared by a success).',
  })
  failingSince!: Date | null;
}

@ObjectType('CreatedWebhook', { description: 'A new webhook and its signing secret.' })
export class CreatedWebhook {
  @Field({
    description:
      'The signing secret (`whsec_…`, Standard Webhooks) to verify `webhook-signature` with. Shown only here.',
  })
  secret!: string;

  @Field(() => Webhook, { description: 'The webhook.' })
  webhook!: Webhook;
}

@ObjectType('WebhookDelivery', { description: 'One change sent to one webhook, with its attempts so far.' })
export class WebhookDelivery {
  @Field(() => ID, { description: 'The `webhook-id` header: the same on every attempt, for deduplication.' })
  id!: string;

  @Field({ description: 'The change type (the body `type`).' })
  eventType!: string;

  @Field(() => WebhookDeliveryStatus, { description: 'Where the delivery stands.' })
  status!: WebhookDeliveryStatus;

  @Field(() => Int, { description: 'How many times it was POSTed.' })
  attempts!: number;

  @Field(() => Int, { nullable: true, description: "The last attempt's HTTP status; null when none came back." })
  lastStatusCode!: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why the last attempt failed (a status, a timeout, a refused address); null after a success.',
  })
  lastError!: string | null;

  @Field({ description: 'When the change was queued for this webhook.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was last POSTed.' })
  lastAttemptAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the receiver answered 2xx.' })
  deliveredAt!: Date | null;
}

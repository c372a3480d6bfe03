import type { EntityManager } from '@mikro-orm/postgresql';
import { type Connection, defineList, type ListQuery, pgArrayLiteral, sql } from '@ngo-hub/kit';
import { WebhookDeliveryEntity, WebhookEntity } from './webhook.entity.js';

export interface WebhookCriteria {
  search?: null;
  /** Only this owner's webhooks; null = all (ADMIN). */
  owner: string | null;
}

/** `webhooks`: newest first. */
export const webhookList = defineList<WebhookCriteria, 'NEWEST'>({
  name: 'webhook',
  table: 'notifications.webhook',
  alias: 'w',
  filters: { owner: (c) => (c.owner ? sql`w.owner_subject = ${c.owner}` : null) },
  sorts: { NEWEST: [{ expr: 'w.created_at', type: 'timestamptz', direction: 'desc' }] },
  defaultSort: 'NEWEST',
});

export interface DeliveryCriteria {
  search?: null;
  webhookId: string;
}

/** `webhookDeliveries`: newest first. */
export const deliveryList = defineList<DeliveryCriteria, 'NEWEST'>({
  name: 'webhookDelivery',
  table: 'notifications.webhook_delivery',
  alias: 'd',
  filters: { webhook: (c) => sql`d.webhook_id = ${c.webhookId}` },
  sorts: { NEWEST: [{ expr: 'd.created_at', type: 'timestamptz', direction: 'desc' }] },
  defaultSort: 'NEWEST',
});

export type WebhookInsert = Pick<
  WebhookEntity,
  'id' | 'url' | 'events' | 'territory' | 'secret' | 'ownerSubject' | 'ownerRole'
>;

/** A delivery to insert at fan-out: its body is fixed then, so every retry sends the same bytes. */
export interface DeliveryInsert {
  id: string;
  webhookId: string;
  eventType: string;
  payload: unknown;
}

/** A delivery with what its job needs of its webhook. */
export interface DeliveryToSend {
  delivery: WebhookDeliveryEntity;
  url: string;
  secret: string;
  active: boolean;
}

/** All SQL about webhooks and their deliveries; each statement tagged with its name. */
export class WebhookRepository {
  constructor(private readonly em: EntityManager) {}

  list<T>(q: ListQuery<WebhookCriteria, 'NEWEST'>, toNode: (row: WebhookEntity) => T): Promise<Connection<T>> {
    return webhookList.connection(this.em, q, (row) => toNode(this.em.map(WebhookEntity, row)));
  }

  deliveries<T>(
    q: ListQuery<DeliveryCriteria, 'NEWEST'>,
    toNode: (row: WebhookDeliveryEntity) => T,
  ): Promise<Connection<T>> {
    return deliveryList.connection(this.em, q, (row) => toNode(this.em.map(WebhookDeliveryEntity, row)));
  }

  async insert(webhook: WebhookInsert): Promise<WebhookEntity> {
    const [row] = await this.em.execute(
      `/* webhook.insert */ insert into notifications.webhook (id, url, events, territory, secret, owner_subject, owner_role)
       values (?, ?, ?::text[], ?, ?, ?, ?) returning *`,
      [
        webhook.id,
        webhook.url,
        pgArrayLiteral(webhook.events),
        webhook.territory,
        webhook.secret,
        webhook.ownerSubject,
        webhook.ownerRole,
      ],
    );
    return this.em.map(WebhookEntity, row!);
  }

  /** The webhook, locked for the caller's transaction with `lock`; null for an unknown id. */
  async findById(id: string, lock = false): Promise<WebhookEntity | null> {
    const [row] = await this.em.execute(
      `/* webhook.byId */ select * from notifications.webhook where id = ?${lock ? ' for update' : ''}`,
      [id],
    );
    return row ? this.em.map(WebhookEntity, row) : null;
  }

  async delete(id: string): Promise<void> {
    await this.em.execute('/* webhook.delete */ delete from notifications.webhook where id = ?', [id]);
  }

  /** Active webhooks subscribing to any of `types` (territories are matched by the caller). */
  async activeFor(types: readonly string[]): Promise<Pick<WebhookEntity, 'id' | 'events' | 'territory'>[]> {
    return (await this.em.execute(
      `/* webhook.activeFor */ select id, events, territory from notifications.webhook
       where active and events && ?::text[]`,
      [pgArrayLiteral(types)],
    )) as Pick<WebhookEntity, 'id' | 'events' | 'territory'>[];
  }

  /**
   * Inserts deliveries and their `webhook.deliver` jobs in one statement. A delivery already there
   * (the same entry applied again) is left alone, and its job is deduplicated by the delivery id
   * exactly as kit `enqueueJob` does with a `dedupeKey`.
   */
  async insertDeliveries(deliveries: readonly DeliveryInsert[], jobKind: string): Promise<void> {
    if (deliveries.length === 0) return;
    await this.em.execute(
      `/* webhookDelivery.fanOut */ with inserted as (
         insert into notifications.webhook_delivery (id, webhook_id, event_type, payload)
         select * from unnest(?::uuid[], ?::uuid[], ?::text[], ?::jsonb[])
         on conflict (id) do nothing
         returning id)
       insert into notifications.job (id, kind, payload, dedupe_key, run_at)
       select gen_random_uuid(), ?, jsonb_build_object('deliveryId', id), id::text, now() from inserted
       on conflict (dedupe_key) do nothing`,
      [
        pgArrayLiteral(deliveries.map((d) => d.id)),
        pgArrayLiteral(deliveries.map((d) => d.webhookId)),
        pgArrayLiteral(deliveries.map((d) => d.eventType)),
        pgArrayLiteral(deliveries.map((d) => JSON.stringify(d.payload))),
        jobKind,
      ],
    );
  }

  async deliveryToSend(id: string): Promise<DeliveryToSend | null> {
    const [row] = await this.em.execute(
      `/* webhookDelivery.toSend */ select d.*, w.url as w_url, w.secret as w_secret, w.active as w_active
       from notifications.webhook_delivery d join notifications.webhook w on w.id = d.webhook_id where d.id = ?`,
      [id],
    );
    if (!row) return null;
    const { w_url, w_secret, w_active, ...delivery } = row;
    return {
      delivery: this.em.map(WebhookDeliveryEntity, delivery),
      url: String(w_url),
      secret: String(w_secret),
      active: Boolean(w_active),
    };
  }

  /** Records one attempt's outcome on the delivery; `final` gives up on a failure. */
  async recordAttempt(
    id: string,
    outcome: { ok: boolean; statusCode: number | null; error: string | null; final: boolean },
  ): Promise<void> {
    await this.em.execute(
      `/* webhookDelivery.attempt */ update notifications.webhook_delivery set
         attempts = attempts + 1, last_status_code = ?, last_error = ?, last_attempt_at = now(),
         status = case when ? then 'DELIVERED' when ? then 'FAILED' else 'PENDING' end,
         delivered_at = case when ? then now() end
       where id = ?`,
      [outcome.statusCode, outcome.error, outcome.ok, outcome.final, outcome.ok, id],
    );
  }

  async markFailed(id: string, reason: string): Promise<void> {
    await this.em.execute(
      `/* webhookDelivery.fail */ update notifications.webhook_delivery set status = 'FAILED', last_error = coalesce(last_error, ?)
       where id = ? and status = 'PENDING'`,
      [reason, id],
    );
  }

  /** Clears `failing_since` after a success. */
  async markHealthy(webhookId: string): Promise<void> {
    await this.em.execute(
      '/* webhook.healthy */ update notifications.webhook set failing_since = null where id = ? and failing_since is not null',
      [webhookId],
    );
  }

  /**
   * Notes a failure: `failing_since` is set at the first; once it is `windowHours` old the webhook is
   * deactivated with `reason` and its pending deliveries fail. Returns true when this deactivated it.
   */
  async markFailing(webhookId: string, windowHours: number, reason: (since: Date) => string): Promise<boolean> {
    const [row] = await this.em.execute(
      `/* webhook.failing */ update notifications.webhook set failing_since = coalesce(failing_since, now())
       where id = ? and active returning failing_since, failing_since <= now() - (? || ' hours')::interval as expired`,
      [webhookId, String(windowHours)],
    );
    if (!row?.expired) return false;
    const since = new Date(row.failing_since as string);
    await this.em.execute(
      `/* webhook.deactivate */ with w as (
         update notifications.webhook set active = false, deactivated_at = now(), deactivated_reason = ?
         where id = ? returning id)
       update notifications.webhook_delivery d set status = 'FAILED',
         last_error = coalesce(d.last_error, 'the webhook was deactivated')
       from w where d.webhook_id = w.id and d.status = 'PENDING'`,
      [reason(since), webhookId],
    );
    return true;
  }
}

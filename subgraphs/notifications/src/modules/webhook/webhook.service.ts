import { randomBytes, randomUUID } from 'node:crypto';
import {
  AppError,
  assertHubId,
  authorize,
  type Connection,
  type Db,
  givenFields,
  inTransaction,
  type PageArgs,
  pageRequest,
  recordAudit,
  tercCodeSchema,
  validateInput,
  type Viewer,
  withinTerritories,
} from '@ngo-hub/kit';
import { z } from 'zod';
import { CHANGE_TYPES } from '../change/change.types.js';
import { urlProblem } from './webhook.address.js';
import type { WebhookDeliveryEntity, WebhookEntity } from './webhook.entity.js';
import type { CreateWebhookInput } from './webhook.input.js';
import { deliveryList, WebhookRepository, webhookList } from './webhook.repository.js';
import { CreatedWebhook, Webhook, WebhookDelivery, type WebhookDeliveryStatus } from './webhook.type.js';

export function toWebhook(row: WebhookEntity): Webhook {
  return Object.assign(new Webhook(), {
    id: row.id,
    url: row.url,
    events: row.events,
    territory: row.territory,
    active: row.active,
    createdAt: row.createdAt,
    deactivatedReason: row.deactivatedReason,
    failingSince: row.failingSince,
  });
}

export function toDelivery(row: WebhookDeliveryEntity): WebhookDelivery {
  return Object.assign(new WebhookDelivery(), {
    id: row.id,
    eventType: row.eventType,
    status: row.status as WebhookDeliveryStatus,
    attempts: row.attempts,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    createdAt: row.createdAt,
    lastAttemptAt: row.lastAttemptAt,
    deliveredAt: row.deliveredAt,
  });
}

const createSchema = (allowPrivate: boolean) =>
  z.object({
    url: z
      .string()
      .trim()
      .max(2000)
      .superRefine((url, ctx) => {
        const problem = urlProblem(url, allowPrivate);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    events: z
      .array(z.string().refine((name) => name in CHANGE_TYPES, { message: 'not a change type (see changeTypes)' }))
      .min(1, 'name at least one change type')
      .max(Object.keys(CHANGE_TYPES).length * 2),
    territory: tercCodeSchema.nullish(),
  });

/** Standard Webhooks' secret format: `whsec_` and the base64 of 32 random bytes. */
const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/** Makes a webhook: validated, stored with its secret, audited, in one transaction; the secret is returned this once. */
export async function createWebhook(
  db: Db,
  ctx: Viewer,
  input: CreateWebhookInput,
  allowPrivate: boolean,
): Promise<CreatedWebhook> {
  // PORTAL keys subscribe on their own behalf; one limited to territories only within them.
  authorize(ctx, { action: 'createWebhook', needs: 'a PORTAL key', allows: (v) => v.role === 'PORTAL' });
  const data = validateInput(createSchema(allowPrivate), input);
  const actor = authorize(ctx, {
    action: 'createWebhook',
    needs: 'a PORTAL key subscribing within its territories',
    allows: (v) => v.role === 'PORTAL' && withinTerritories(v.territories, data.territory ?? null),
    field: 'input.territory',
  });
  const secret = newSecret();
  const row = await inTransaction(db, async (tx) => {
    const created = await new WebhookRepository(tx).insert({
      id: randomUUID(),
      url: data.url,
      events: [...new Set(data.events)],
      territory: data.territory ?? null,
      secret,
      ownerSubject: actor.subject,
      ownerRole: actor.role,
    });
    await recordAudit(tx, 'notifications', actor, {
      operation: 'createWebhook',
      entityType: 'Webhook',
      entityId: created.id,
      changedFields: givenFields(input),
    });
    return created;
  });
  return Object.assign(new CreatedWebhook(), { secret, webhook: toWebhook(row) });
}

const mayManage = (webhook: WebhookEntity, action: string, ctx: Viewer) =>
  authorize(ctx, {
    action,
    needs: 'the key that made the webhook',
    allows: (viewer) => viewer.subject === webhook.ownerSubject,
  });

/** The webhook when the caller made it or is ADMIN; NOT_FOUND before FORBIDDEN would reveal nothing more. */
async function ownWebhook(db: Db, ctx: Viewer, action: string, id: string, field: string, lock = false) {
  const webhook = await new WebhookRepository(db).findById(assertHubId(id, field), lock);
  if (!webhook) throw AppError.notFound('Webhook', id, field);
  return { webhook, actor: mayManage(webhook, action, ctx) };
}

/** Deletes a webhook with its deliveries (their pending jobs then find nothing to send). */
export async function deleteWebhook(db: Db, ctx: Viewer, id: string): Promise<boolean> {
  const actor = authorize(ctx, {
    action: 'deleteWebhook',
    needs: 'the PORTAL key that made the webhook',
    allows: (viewer) => viewer.role === 'PORTAL',
  });
  await inTransaction(db, async (tx) => {
    await ownWebhook(tx, ctx, 'deleteWebhook', id, 'id', true);
    await new WebhookRepository(tx).delete(id);
    await recordAudit(tx, 'notifications', actor, {
      operation: 'deleteWebhook',
      entityType: 'Webhook',
      entityId: id,
      changedFields: [],
    });
  });
  return true;
}

/** ADMIN: every webhook; a PORTAL key: its own. */
export function listWebhooks(db: Db, ctx: Viewer, page: PageArgs): Promise<Connection<Webhook>> {
  const viewer = authorize(ctx, {
    action: 'webhooks',
    needs: 'a PORTAL key (its own webhooks)',
    allows: (v) => v.role === 'PORTAL',
  });
  const q = webhookList.query({ owner: viewer.role === 'ADMIN' ? null : viewer.subject }, null, pageRequest(page));
  return new WebhookRepository(db).list(q, toWebhook);
}

/** The deliveries of one webhook, newest first, for its maker or ADMIN. */
export async function listDeliveries(
  db: Db,
  ctx: Viewer,
  webhookId: string,
  page: PageArgs,
): Promise<Connection<WebhookDelivery>> {
  authorize(ctx, {
    action: 'webhookDeliveries',
    needs: 'the PORTAL key that made the webhook',
    allows: (v) => v.role === 'PORTAL',
  });
  const q = deliveryList.query({ webhookId }, null, pageRequest(page));
  await ownWebhook(db, ctx, 'webhookDeliveries', webhookId, 'webhookId');
  return new WebhookRepository(db).deliveries(q, toDelivery);
}

import { backoff, inTransaction, type JobHandler, type MikroORM } from '@ngo-hub/kit';
import { Webhook as Signer } from 'standardwebhooks';
import type { NotificationSettings } from '../../settings.js';
import { postOnce } from './webhook.post.js';
import { WebhookRepository } from './webhook.repository.js';

/** How long a delivery is retried, and how long a webhook may keep failing before it is deactivated. */
export const GIVE_UP_HOURS = 24;
const HOUR_MS = 3600_000;

/** A failure not worth retrying: the job is marked FAILED at once. */
class GiveUp extends Error {}

export interface DeliverPayload {
  deliveryId: string;
}

/**
 * `webhook.deliver`: POSTs one delivery, signed anew at each attempt (Standard Webhooks: the id
 * stays, the timestamp is the attempt's), and records the outcome on the delivery and its webhook
 * in one transaction. A failure is retried with kit `backoff` until the delivery is 24 hours old; a
 * webhook failing for 24 hours is deactivated and its pending deliveries fail.
 */
export function deliverWebhook(orm: MikroORM, settings: NotificationSettings): JobHandler<DeliverPayload> {
  return {
    run: async (job) => {
      const em = orm.em.fork();
      const id = job.payload.deliveryId;
      const found = await new WebhookRepository(em).deliveryToSend(id);
      // Deleted with its webhook, or already settled (delivered, or failed by a deactivation).
      if (found?.delivery.status !== 'PENDING') return;
      if (!found.active) {
        await new WebhookRepository(em).markFailed(id, 'the webhook was deactivated');
        return;
      }
      const body = JSON.stringify(found.delivery.payload);
      const now = new Date();
      const outcome = await postOnce(found.url, body, {
        headers: {
          'content-type': 'application/json',
          'user-agent': `ngo-hub-webhooks/1 (+${settings.publicUrl})`,
          'webhook-id': id,
          'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
          'webhook-signature': new Signer(found.secret).sign(id, now, body),
        },
        timeoutMs: settings.webhookTimeoutMs,
        allowPrivate: settings.allowPrivateWebhooks,
      });
      const statusCode = 'statusCode' in outcome ? outcome.statusCode : null;
      const ok = statusCode !== null && statusCode >= 200 && statusCode < 300;
      const error = ok ? null : 'error' in outcome ? outcome.error : `HTTP ${statusCode}`;
      const final = !ok && found.delivery.createdAt.getTime() <= now.getTime() - GIVE_UP_HOURS * HOUR_MS;
      const deactivated = await inTransaction(em, async (tx) => {
        const repository = new WebhookRepository(tx);
        await repository.recordAttempt(id, { ok, statusCode, error, final });
        if (ok) {
          await repository.markHealthy(found.delivery.webhookId);
          return false;
        }
        return repository.markFailing(
          found.delivery.webhookId,
          GIVE_UP_HOURS,
          (since) => `deliveries failing since ${since.toISOString()} (${GIVE_UP_HOURS} hours): ${error}`,
        );
      });
      if (ok) return;
      if (final || deactivated) throw new GiveUp(error!);
      throw new Error(error!);
    },
    onFailure: (job, error) => (error instanceof GiveUp ? { giveUp: true } : { retryInMs: backoff(job.attempt) }),
  };
}

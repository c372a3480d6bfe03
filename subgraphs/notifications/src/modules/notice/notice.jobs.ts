import {
  backoff,
  enqueueJob,
  inTransaction,
  type Job,
  type JobHandler,
  type JobHandlers,
  type MikroORM,
} from '@ngo-hub/kit';
import type { NotificationSettings } from '../../settings.js';
import { nextDigestAt } from './notice.digest-time.js';
import { confirmationMail, digestMail, type Notice, noticeMail } from './notice.mail.js';
import { createMailer } from './notice.mailer.js';
import { NoticeRepository } from './notice.repository.js';
import { newToken, tokenHash } from './notice.service.js';

const GIVE_UP_AFTER_MS = 24 * 3600_000;

/** Retries with kit's backoff until a day has passed since the job was due, then gives up (like webhooks). */
const retryForADay =
  (dueOf: (job: Job<any>) => Date) =>
  (job: Job<any>): { retryInMs: number } | { giveUp: true } =>
    Date.now() - dueOf(job).getTime() > GIVE_UP_AFTER_MS ? { giveUp: true } : { retryInMs: backoff(job.attempt) };

/**
 * The notice module's jobs. Each reads the subscription when it runs, so one deleted meanwhile
 * (unsubscribed) is sent nothing, and job payloads never hold the address.
 */
export function noticeJobHandlers(orm: MikroORM, settings: NotificationSettings): JobHandlers {
  const send = createMailer(settings);
  const repository = () => new NoticeRepository(orm.em.fork());

  /** The confirmation mail, with a fresh token whose hash is committed before the mail leaves. */
  const confirm: JobHandler<{ subscriptionId: string }> = {
    run: async (job) => {
      const token = newToken();
      const subscription = await repository().renewConfirmToken(job.payload.subscriptionId, tokenHash(token));
      if (!subscription) return; // confirmed or unsubscribed meanwhile
      await send(confirmationMail(subscription.email, subscription, settings.publicUrl, token));
    },
    onFailure: retryForADay((job) => job.createdAt),
  };

  const notice: JobHandler<{ subscriptionId: string; notice: Notice }> = {
    run: async (job) => {
      const subscription = await repository().find(job.payload.subscriptionId);
      if (!subscription?.confirmedAt || !subscription.unsubscribeToken) return;
      await send(noticeMail(subscription.email, job.payload.notice, settings.publicUrl, subscription.unsubscribeToken));
    },
    onFailure: retryForADay((job) => job.createdAt),
  };

  const digest: JobHandler<{ subscriptionId: string; due: string }> = {
    run: async (job) => {
      const em = orm.em.fork();
      const repo = new NoticeRepository(em);
      const subscription = await repo.find(job.payload.subscriptionId);
      if (!subscription?.confirmedAt || !subscription.unsubscribeToken) return;
      const items = await repo.items<Notice>(subscription.id);
      if (items.length === 0) return;
      await send(
        digestMail(
          subscription.email,
          items.map((i) => i.change),
          settings.publicUrl,
          subscription.unsubscribeToken,
        ),
      );
      await inTransaction(em, async (tx) => {
        const remaining = await new NoticeRepository(tx).clearSent(
          subscription.id,
          items.map((i) => i.entryId),
        );
        // Items collected while this digest was being sent, after its job was claimed, go in the next one.
        if (remaining > 0) {
          const due = nextDigestAt();
          await enqueueJob(
            tx,
            'notifications',
            'notice.digest',
            { subscriptionId: subscription.id, due: due.toISOString() },
            { dedupeKey: `notice.digest:${subscription.id}:${due.toISOString()}`, runAt: due },
          );
        }
      });
    },
    onFailure: retryForADay((job) => new Date(job.payload.due)),
  };

  return { 'notice.confirm': confirm, 'notice.send': notice, 'notice.digest': digest };
}

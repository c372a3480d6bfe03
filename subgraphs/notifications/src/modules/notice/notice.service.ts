import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError, type Db, enqueueJob, inTransaction, tercCodeSchema, validateInput } from '@ngo-hub/kit';
import type { SubscribeToNoticesInput } from './notice.input.js';
import { NoticeRepository } from './notice.repository.js';
import { NoticeFrequency, NoticeKind, NoticeSubscriptionRequest } from './notice.type.js';

/** 32 random bytes, base64url: links in mails. Only their SHA-256 is looked up (nothing to guess from). */
export const newToken = () => randomBytes(32).toString('base64url');
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

const subscribeSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254)
    .pipe(z.email({ message: 'not an e-mail address' })),
  territory: tercCodeSchema,
  kinds: z.array(z.enum(NoticeKind)).min(1, 'choose at least one kind'),
  frequency: z.enum(NoticeFrequency).nullish(),
});

/** The same answer whatever was stored before: it tells nobody whether an address is subscribed. */
const ACCEPTED_MESSAGE =
  'Dziękujemy. Jeśli subskrypcja wymaga potwierdzenia, wysłaliśmy na podany adres wiadomość z linkiem; powiadomienia zaczną przychodzić po kliknięciu w niego.';

/**
 * Records (or updates) a subscription and, while it is unconfirmed, enqueues the confirmation mail
 * (job `notice.confirm`, which makes the confirmation token when it sends, so no readable confirmation
 * token is ever stored). Re-subscribing the same address and territory replaces kinds and frequency.
 *
 * The unsubscribe token, unlike the confirmation token, is kept readable besides its hash: every notice
 * and digest (sent by retried jobs, days after the subscription) must carry it, and all it can do is
 * what its holder could do by ignoring the mail: end the subscription. It is no password, and
 * whoever reads the row already sees the address.
 */
export async function subscribeToNotices(db: Db, input: SubscribeToNoticesInput): Promise<NoticeSubscriptionRequest> {
  const data = validateInput(subscribeSchema, input);
  const unsubscribeToken = newToken();
  await inTransaction(db, async (tx) => {
    const saved = await new NoticeRepository(tx).upsert({
      id: randomUUID(),
      email: data.email,
      territory: data.territory,
      kinds: [...new Set(data.kinds)].sort(),
      frequency: data.frequency ?? NoticeFrequency.IMMEDIATE,
      unsubscribeToken,
      unsubscribeTokenHash: tokenHash(unsubscribeToken),
    });
    if (!saved.confirmedAt) await enqueueJob(tx, 'notifications', 'notice.confirm', { subscriptionId: saved.id });
  });
  return Object.assign(new NoticeSubscriptionRequest(), { accepted: true, message: ACCEPTED_MESSAGE });
}

function checkToken(token: string): string {
  if (!TOKEN_SHAPE.test(token)) throw AppError.badInput('token', 'token is not a token from a notice link');
  return tokenHash(token);
}

/** Confirms the subscription a confirmation link names; false when no subscription has that token. */
export async function confirmNotices(db: Db, token: string): Promise<boolean> {
  const hash = checkToken(token);
  return inTransaction(db, (tx) => new NoticeRepository(tx).confirm(hash));
}

/** Deletes the subscription (and with it the address) an unsubscribe link names; false when there is none. */
export async function unsubscribeNotices(db: Db, token: string): Promise<boolean> {
  const hash = checkToken(token);
  return inTransaction(db, (tx) => new NoticeRepository(tx).deleteByUnsubscribeHash(hash));
}

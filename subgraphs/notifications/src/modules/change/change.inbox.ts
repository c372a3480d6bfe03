import { type InboxHandlers, TOPICS, type Tx } from '@ngo-hub/kit';
import { noticeFanOut } from '../notice/notice.fanout.js';
import { webhookFanOut } from '../webhook/webhook.fanout.js';
import { type Change, changeOf } from './change.types.js';

/** Who is told about a change: each fan-out enqueues its jobs in the inbox's transaction (idempotent per entry). */
export type FanOut = (tx: Tx, changes: readonly Change[]) => Promise<void>;

const FAN_OUTS: FanOut[] = [webhookFanOut, noticeFanOut];

/** Turns every subgraph's audit entries into changes and hands them to webhooks and e-mail notices. */
export const changeInbox: InboxHandlers = {
  [TOPICS.auditEntry.name]: async (tx, messages) => {
    const changes = messages.flatMap((m) => {
      const change = m.payload ? changeOf(m.key, m.payload) : null;
      return change ? [change] : [];
    });
    if (changes.length === 0) return;
    for (const fanOut of FAN_OUTS) await fanOut(tx, changes);
  },
};

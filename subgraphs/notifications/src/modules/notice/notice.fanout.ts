import { enqueueJobs, tercRegister, withinTerritories } from '@ngo-hub/kit';
import type { FanOut } from '../change/change.inbox.js';
import type { Change } from '../change/change.types.js';
import { nextDigestAt } from './notice.digest-time.js';
import type { Notice } from './notice.mail.js';
import { NoticeRepository } from './notice.repository.js';
import { NoticeFrequency, NoticeKind } from './notice.type.js';

/** The changes e-mail notices are about, by the kind a subscription asks for. */
const KIND_OF: Partial<Record<Change['type'], NoticeKind>> = {
  'event.created': NoticeKind.EVENTS,
  'call.published': NoticeKind.CALLS,
};

/** Every territory a subscription may name that contains `code`: voivodeship, powiat, the gmina of a part or district, itself. */
function containingTerritories(code: string): string[] {
  const codes = new Set([code.slice(0, 2), code.slice(0, 4), code]);
  for (let unit = tercRegister().get(code); unit?.parentCode; unit = tercRegister().get(unit.parentCode))
    codes.add(unit.parentCode);
  return [...codes];
}

/**
 * Tells confirmed subscriptions about new events and competitions within their territory: IMMEDIATE
 * ones get a `notice.send` job per change, DAILY ones an item for their digest and the day's
 * `notice.digest` job (next 07:00 Warsaw). Dedupe keys and the items' primary key make a redelivered
 * entry change nothing. Three statements per batch at most, whatever the number of subscriptions.
 */
export const noticeFanOut: FanOut = async (tx, changes) => {
  const relevant = changes.filter((c) => KIND_OF[c.type] && c.summary.territoryCode);
  if (relevant.length === 0) return;
  const repository = new NoticeRepository(tx);
  const targets = await repository.confirmedTargets(
    [...new Set(relevant.flatMap((c) => containingTerritories(c.summary.territoryCode!)))],
    [...new Set(relevant.map((c) => KIND_OF[c.type]!))],
  );
  if (targets.length === 0) return;
  const due = nextDigestAt();
  const jobs: Parameters<typeof enqueueJobs>[2][number][] = [];
  const items: { subscriptionId: string; entryId: string; change: Notice }[] = [];
  for (const change of relevant) {
    const notice: Notice = {
      type: change.type as Notice['type'],
      entityId: change.entityId,
      summary: change.summary,
    };
    for (const target of targets) {
      if (!target.kinds.includes(KIND_OF[change.type]!)) continue;
      if (!withinTerritories([target.territory], change.summary.territoryCode)) continue;
      if (target.frequency === NoticeFrequency.IMMEDIATE) {
        jobs.push({
          kind: 'notice.send',
          payload: { subscriptionId: target.id, notice },
          dedupeKey: `notice.send:${target.id}:${change.entryId}:${change.type}`,
        });
      } else {
        items.push({ subscriptionId: target.id, entryId: `${change.entryId}:${change.type}`, change: notice });
        jobs.push({
          kind: 'notice.digest',
          payload: { subscriptionId: target.id, due: due.toISOString() },
          dedupeKey: `notice.digest:${target.id}:${due.toISOString()}`,
          runAt: due,
        });
      }
    }
  }
  await repository.addItems(items);
  await enqueueJobs(tx, 'notifications', jobs);
};

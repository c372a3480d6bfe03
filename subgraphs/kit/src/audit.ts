import { randomUUID } from 'node:crypto';
import type { Identity } from './identity.js';
import type { Tx } from './orm.js';
import { type ChangeSummary, type Publisher, recordOutbox, TOPICS } from './topics.js';

/** What one successful write changed: `createEvent` of Event 123, fields `title`, `startsAt`. */
export interface AuditedChange {
  operation: string;
  entityType: string;
  entityId: string;
  changedFields: readonly string[];
  /** Public facts for webhooks and e-mail notices (topics.ts ChangeSummary); absent = nobody is told. */
  summary?: ChangeSummary;
}

/**
 * Records the audit entry of a write inside the write's own transaction: it exists exactly when the
 * write committed. It travels through the outbox to the access subgraph (which serves `auditLog`)
 * and to notifications (webhooks, e-mail notices, from its summary), so a write never waits for,
 * or fails with, either of them.
 */
export async function recordAudit(tx: Tx, publisher: Publisher, actor: Identity, change: AuditedChange): Promise<void> {
  await recordOutbox(tx, publisher, TOPICS.auditEntry, randomUUID(), {
    at: new Date().toISOString(),
    actor: { subject: actor.subject, name: actor.name, role: actor.role },
    operation: change.operation,
    entityType: change.entityType,
    entityId: change.entityId,
    changedFields: [...change.changedFields],
    ...(change.summary ? { summary: change.summary } : {}),
  });
}

/** The input fields a write was given (present, even if null: clearing a field is a change), sorted. */
export function givenFields(input: object): string[] {
  return Object.entries(input)
    .filter(([, value]) => value !== undefined)
    .map(([key]) => key)
    .sort();
}

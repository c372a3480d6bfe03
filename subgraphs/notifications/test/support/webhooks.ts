import { randomUUID } from 'node:crypto';
import type { AuditPayload, ChangeSummary } from '@ngo-hub/kit';
import { startTestSubgraph, TEST_INTERNAL_TOKEN, testIdentity, type TestSubgraph } from '@ngo-hub/kit/testing';
import { createNotificationsSubgraph, type NotificationSettings } from '../../src/index.js';

export const SETTINGS: NotificationSettings = {
  mailDir: '.data/test-mail',
  mailFrom: 'ngo-hub <test@localhost>',
  publicUrl: 'http://localhost:4000',
  allowPrivateWebhooks: true,
  webhookTimeoutMs: 2000,
};

export function startNotifications(databaseUrl: string, settings: Partial<NotificationSettings> = {}) {
  return startTestSubgraph(createNotificationsSubgraph({ ...SETTINGS, ...settings }), databaseUrl);
}

/** A PORTAL key, as the gateway would identify it. */
export const portal = (id: string, territories: string[] = []) =>
  testIdentity({ subject: `key:${id}`, name: `portal ${id}`, role: 'PORTAL', territories });

let version = 1;

/** One audited write, as a subgraph's outbox would send it. */
export interface Write {
  operation: string;
  entityType: string;
  entityId?: string;
  changedFields?: string[];
  summary: ChangeSummary;
}

/**
 * Sends audit entries exactly as the hub does: an `audit.entry` batch POSTed to `/internal/events`
 * (the publisher's outbox delivery). Returns the entries' keys; `keys` re-sends given ones.
 */
export async function publishWrites(service: TestSubgraph, writes: Write[], keys?: string[]): Promise<string[]> {
  const entryKeys = writes.map((_, i) => keys?.[i] ?? randomUUID());
  const events = writes.map((w, i) => {
    const payload: AuditPayload = {
      at: new Date().toISOString(),
      actor: { subject: 'key:editor', name: 'editor', role: 'ORGANISATION_EDITOR' },
      operation: w.operation,
      entityType: w.entityType,
      entityId: w.entityId ?? randomUUID(),
      changedFields: w.changedFields ?? ['title'],
      summary: w.summary,
    };
    return { topic: 'audit.entry', key: entryKeys[i], version: version++, payload };
  });
  const response = await fetch(service.url.replace(/\/graphql$/, '/internal/events'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_INTERNAL_TOKEN}` },
    body: JSON.stringify({ publisher: 'events', events }),
  });
  if (!response.ok) throw new Error(`/internal/events answered ${response.status}: ${await response.text()}`);
  return entryKeys;
}

export const CREATE = `mutation($i: CreateWebhookInput!) {
  createWebhook(input: $i) { secret webhook { id url events territory active createdAt deactivatedReason failingSince } }
}`;

export const DELIVERIES = `query($id: ID!) {
  webhookDeliveries(webhookId: $id, first: 50) {
    totalCount
    edges { node { id eventType status attempts lastStatusCode lastError createdAt lastAttemptAt deliveredAt } }
  }
}`;

/** Makes the delivery jobs due now (instead of waiting for their backoff) and runs due jobs. */
export async function runJobsNow(service: TestSubgraph): Promise<void> {
  await service.orm.em
    .fork()
    .execute(`update notifications.job set run_at = now() where state = 'PENDING' and run_at > now()`);
  // The service's own poller may be in a round that started before the update; run until none is due.
  for (let round = 0; round < 5; round++) {
    await service.jobs!.runDue();
    const [due] = await service.orm.em
      .fork()
      .execute(`select count(*)::int as n from notifications.job where state = 'PENDING' and run_at <= now()`);
    if (due.n === 0) return;
  }
}

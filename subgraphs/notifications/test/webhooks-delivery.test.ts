import { createTestDatabase, type TestDatabase, type TestSubgraph } from '@ngo-hub/kit/testing';
import { Webhook } from 'standardwebhooks';
import { CREATE, DELIVERIES, portal, publishWrites, runJobsNow, startNotifications } from './support/webhooks.js';
import { startReceiver } from '../src/testing/index.js';

// Deliveries end to end on real PostgreSQL: a change arrives as the hub sends it (an audit entry on
// /internal/events), its job POSTs it signed to a local receiver, failures are retried with the same
// webhook-id, across a restart, and a webhook failing for a day is deactivated.
let db: TestDatabase;
let service: TestSubgraph;

beforeAll(async () => {
  db = await createTestDatabase('webhooks_delivery');
  service = await startNotifications(db.url);
});

afterAll(async () => {
  await service?.close();
  await db?.drop();
});

const EVENT_IN_WARSAW = {
  operation: 'createEvent',
  entityType: 'Event',
  changedFields: ['startsAt', 'title'],
  summary: { title: 'Piknik sąsiedzki', territoryCode: '1465011', startsAt: '2027-06-01T10:00:00Z' },
};

async function subscribe(url: string, owner = 'hooks') {
  const made = await service.query(CREATE, { i: { url, events: ['event.created'] } }, { as: portal(owner) });
  expect(made.errors).toBeUndefined();
  return made.data.createWebhook as { secret: string; webhook: { id: string } };
}

async function deliveries(webhookId: string, owner = 'hooks') {
  const listed = await service.query(DELIVERIES, { id: webhookId }, { as: portal(owner) });
  expect(listed.errors).toBeUndefined();
  return listed.data.webhookDeliveries.edges.map((e: any) => e.node);
}

describe('a delivery', () => {
  it('is retried after failures with the same webhook-id, each attempt signed, until the receiver answers 2xx', async () => {
    const receiver = await startReceiver([500, 500, 200]);
    try {
      const { secret, webhook } = await subscribe(receiver.url);
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      const [entry] = await publishWrites(service, [EVENT_IN_WARSAW]);
      await runJobsNow(service);
      expect(receiver.received).toHaveLength(1);
      const [first] = await deliveries(webhook.id);
      expect(first).toMatchObject({ status: 'PENDING', attempts: 1, lastStatusCode: 500, lastError: 'HTTP 500' });

      // The retry waits for its backoff: the first within a minute.
      const [job] = await service.orm.em
        .fork()
        .execute(`select extract(epoch from run_at - now()) as wait from notifications.job where dedupe_key = ?`, [
          first.id,
        ]);
      expect(Number(job.wait)).toBeGreaterThan(10);
      expect(Number(job.wait)).toBeLessThan(60);
      await service.jobs!.runDue();
      expect(receiver.received).toHaveLength(1);

      await runJobsNow(service);
      await runJobsNow(service);
      expect(receiver.received).toHaveLength(3);
      const verifier = new Webhook(secret);
      for (const request of receiver.received) {
        const body = verifier.verify(request.body, request.headers as Record<string, string>);
        expect(body).toEqual({
          type: 'event.created',
          timestamp: expect.any(String),
          data: expect.objectContaining({
            entityType: 'Event',
            changedFields: ['startsAt', 'title'],
            title: 'Piknik sąsiedzki',
            territoryCode: '1465011',
          }),
        });
        expect(request.headers['content-type']).toBe('application/json');
        expect(request.headers['user-agent']).toMatch(/ngo-hub/);
        expect(request.headers['webhook-signature']).toMatch(/^v1,/);
      }
      expect(new Set(receiver.received.map((r) => r.headers['webhook-id']))).toEqual(new Set([first.id]));
      // A forged body does not verify with the secret.
      expect(() =>
        verifier.verify(
          receiver.received[0]!.body.replace('Piknik', 'Pikník'),
          receiver.received[0]!.headers as Record<string, string>,
        ),
      ).toThrow();

      const [done] = await deliveries(webhook.id);
      expect(done).toMatchObject({
        id: first.id,
        eventType: 'event.created',
        status: 'DELIVERED',
        attempts: 3,
        lastStatusCode: 200,
        lastError: null,
      });
      expect(done.deliveredAt).not.toBeNull();

      // The same entry applied again queues nothing new.
      await publishWrites(service, [EVENT_IN_WARSAW], [entry!]);
      await runJobsNow(service);
      expect(receiver.received).toHaveLength(3);
      expect(await deliveries(webhook.id)).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });

  it('survives a restart of the subgraph between attempts', async () => {
    const receiver = await startReceiver([503, 204]);
    try {
      const { secret, webhook } = await subscribe(receiver.url);
      await publishWrites(service, [EVENT_IN_WARSAW]);
      await runJobsNow(service);
      expect(receiver.received).toHaveLength(1);

      await service.close();
      service = await startNotifications(db.url);

      await runJobsNow(service);
      expect(receiver.received).toHaveLength(2);
      const verifier = new Webhook(secret);
      for (const request of receiver.received) verifier.verify(request.body, request.headers as Record<string, string>);
      expect(receiver.received[1]!.headers['webhook-id']).toBe(receiver.received[0]!.headers['webhook-id']);
      const [delivery] = await deliveries(webhook.id);
      expect(delivery).toMatchObject({ status: 'DELIVERED', attempts: 2, lastStatusCode: 204 });
    } finally {
      await receiver.close();
    }
  });

  it('gives up on a webhook failing for 24 hours: deactivated with a reason, its deliveries FAILED, no more sent to it', async () => {
    const receiver = await startReceiver([500]);
    try {
      const { webhook } = await subscribe(receiver.url, 'failing');
      await publishWrites(service, [EVENT_IN_WARSAW, { ...EVENT_IN_WARSAW, summary: { ...EVENT_IN_WARSAW.summary } }]);
      await runJobsNow(service);
      expect(receiver.received).toHaveLength(2);
      const em = service.orm.em.fork();
      const [row] = await em.execute(`select failing_since, active from notifications.webhook where id = ?`, [
        webhook.id,
      ]);
      expect(row.failing_since).not.toBeNull();
      expect(row.active).toBe(true);

      // A day later (as far as the rows say): the next failure deactivates it.
      await em.execute(
        `update notifications.webhook set failing_since = failing_since - interval '25 hours' where id = ?`,
        [webhook.id],
      );
      await em.execute(
        `update notifications.webhook_delivery set created_at = created_at - interval '25 hours' where webhook_id = ?`,
        [webhook.id],
      );
      await runJobsNow(service);
      const listed = await service.query(
        `{ webhooks(first: 10) { edges { node { id active deactivatedReason } } } }`,
        {},
        {
          as: portal('failing'),
        },
      );
      const node = listed.data.webhooks.edges[0].node;
      expect(node.active).toBe(false);
      expect(node.deactivatedReason).toMatch(/failing since .*HTTP 500/);
      const after = await deliveries(webhook.id, 'failing');
      expect(after.map((d: any) => d.status)).toEqual(['FAILED', 'FAILED']);
      const [jobs] = await em.execute(
        `select count(*) filter (where state = 'PENDING')::int as pending from notifications.job j
         join notifications.webhook_delivery d on j.dedupe_key = d.id::text where d.webhook_id = ?`,
        [webhook.id],
      );
      expect(jobs.pending).toBe(0);
      const attempts = receiver.received.length;

      await publishWrites(service, [EVENT_IN_WARSAW]);
      await runJobsNow(service);
      expect(receiver.received).toHaveLength(attempts);
      expect(await deliveries(webhook.id, 'failing')).toHaveLength(2);
    } finally {
      await receiver.close();
    }
  });
});

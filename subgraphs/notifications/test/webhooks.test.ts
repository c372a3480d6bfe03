import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { createTestDatabase, editorOf, type TestDatabase, type TestSubgraph } from '@ngo-hub/kit/testing';
import {
  CREATE,
  DELIVERIES,
  portal,
  publishWrites,
  runJobsNow,
  startNotifications,
  type Write,
} from './support/webhooks.js';
import { startReceiver } from '../src/testing/index.js';

// Who may have webhooks and which changes reach them: event types and territories, owners, and the
// address rules that keep the hub from being pointed at its own network.
let db: TestDatabase;
let service: TestSubgraph;

beforeAll(async () => {
  db = await createTestDatabase('webhooks');
  service = await startNotifications(db.url);
});

afterAll(async () => {
  await service?.close();
  await db?.drop();
});

const LIST = `{ webhooks(first: 50) { totalCount edges { node { id url } } } }`;
const DELETE = `mutation($id: ID!) { deleteWebhook(id: $id) }`;

const created = (territoryCode: string | null, title: string): Write => ({
  operation: 'createEvent',
  entityType: 'Event',
  summary: { title, territoryCode },
});

describe('which changes a webhook receives', () => {
  it('only its event types, and only within its territory (a gmina covers its districts)', async () => {
    const receiver = await startReceiver([200]);
    try {
      const make = async (path: string, events: string[], territory: string | null) => {
        const made = await service.query(
          CREATE,
          { i: { url: `${receiver.url}/${path}`, events, territory } },
          { as: portal('filters') },
        );
        expect(made.errors).toBeUndefined();
        return made.data.createWebhook.webhook;
      };
      const warsawEvents = await make('warsaw', ['event.created', 'event.cancelled'], '1465011');
      const mazoviaCalls = await make('calls', ['call.published'], '14');
      const everywhere = await make('all', ['event.created'], null);
      expect(warsawEvents).toMatchObject({ events: ['event.created', 'event.cancelled'], territory: '1465011' });

      await publishWrites(service, [
        created('1465028', 'In a Warsaw district'),
        created('1261011', 'In Kraków'),
        created(null, 'Online'),
        {
          operation: 'cancelEvent',
          entityType: 'Event',
          summary: { title: 'Cancelled in Warsaw', territoryCode: '1465011' },
        },
        { operation: 'createCall', entityType: 'Call', summary: { title: 'Call in Mazovia', territoryCode: '1465' } },
        {
          operation: 'createCall',
          entityType: 'Call',
          summary: { title: 'Call in Lesser Poland', territoryCode: '12' },
        },
        // Not a change anyone subscribes to.
        { operation: 'createApiKey', entityType: 'ApiKey', summary: { title: 'Key', territoryCode: '1465011' } },
      ]);
      await runJobsNow(service);

      const titles = (path: string) =>
        receiver.received
          .filter((r) => r.path === `/hook/${path}`)
          .map((r) => JSON.parse(r.body))
          .map((b) => `${b.type} ${b.data.title}`)
          .sort();
      expect(titles('warsaw')).toEqual(['event.cancelled Cancelled in Warsaw', 'event.created In a Warsaw district']);
      expect(titles('calls')).toEqual(['call.published Call in Mazovia']);
      expect(titles('all')).toEqual([
        'event.created In Kraków',
        'event.created In a Warsaw district',
        'event.created Online',
      ]);
      expect(receiver.received).toHaveLength(6);

      const listed = await service.query(DELIVERIES, { id: mazoviaCalls.id }, { as: portal('filters') });
      expect(listed.data.webhookDeliveries.edges.map((e: any) => e.node)).toEqual([
        expect.objectContaining({ eventType: 'call.published', status: 'DELIVERED', attempts: 1, lastStatusCode: 200 }),
      ]);
      expect(everywhere.territory).toBeNull();
    } finally {
      await receiver.close();
    }
  });
});

describe('who may have webhooks', () => {
  const input = (extra: Record<string, unknown> = {}) => ({
    i: { url: 'https://hooks.example.org/in', events: ['event.created'], ...extra },
  });

  it('a PORTAL key lists and manages only its own; ADMIN sees all', async () => {
    const mine = await service.query(CREATE, input(), { as: portal('owner-a') });
    const theirs = await service.query(CREATE, input(), { as: portal('owner-b') });
    const byAdmin = await service.query(CREATE, input(), { admin: true });
    const [a, b, c] = [mine, theirs, byAdmin].map((r) => r.data.createWebhook.webhook.id);

    const listA = await service.query(LIST, {}, { as: portal('owner-a') });
    expect(listA.data.webhooks.edges.map((e: any) => e.node.id)).toEqual([a]);
    const all = await service.query(LIST, {}, { admin: true });
    expect(all.data.webhooks.edges.map((e: any) => e.node.id).slice(0, 3)).toEqual([c, b, a]);

    const peek = await service.query(DELIVERIES, { id: b }, { as: portal('owner-a') });
    expect(peek.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const steal = await service.query(DELETE, { id: b }, { as: portal('owner-a') });
    expect(steal.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const ghost = await service.query(DELETE, { id: '00000000-0000-4000-8000-000000000000' }, { admin: true });
    expect(ghost.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    expect((await service.query(DELETE, { id: b }, { as: portal('owner-b') })).data.deleteWebhook).toBe(true);
    expect((await service.query(DELETE, { id: a }, { admin: true })).data.deleteWebhook).toBe(true);
    expect((await service.query(LIST, {}, { as: portal('owner-b') })).data.webhooks.totalCount).toBe(0);
    expect((await service.query(LIST, {}, { as: portal('owner-a') })).data.webhooks.totalCount).toBe(0);
  });

  it('refuses other roles (FORBIDDEN) and anonymous callers (UNAUTHENTICATED)', async () => {
    const editor = editorOf('5a1d4f0e-0000-4000-8000-000000000001');
    const asEditor = await service.query(CREATE, input(), { as: editor });
    expect(asEditor.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(asEditor.errors?.[0]?.message).toMatch(/createWebhook needs ADMIN or a PORTAL key/);
    expect((await service.query(LIST, {}, { as: editor })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await service.query(CREATE, input())).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await service.query(LIST)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('a PORTAL key limited to territories subscribes only within them', async () => {
    const limited = portal('mazovia', ['14']);
    const inside = await service.query(CREATE, input({ territory: '1465' }), { as: limited });
    expect(inside.errors).toBeUndefined();
    for (const territory of ['12', null]) {
      const outside = await service.query(CREATE, input({ territory }), { as: limited });
      expect(outside.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.territory' });
    }
  });

  it('refuses unknown change types, no change types, and unknown territories, naming the field', async () => {
    const owner = { as: portal('inputs') };
    const unknown = await service.query(CREATE, input({ events: ['event.created', 'event.exploded'] }), owner);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.events.1' });
    const none = await service.query(CREATE, input({ events: [] }), owner);
    expect(none.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.events' });
    const place = await service.query(CREATE, input({ territory: '9999' }), owner);
    expect(place.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.territory' });
    expect((await service.query(LIST, {}, owner)).data.webhooks.totalCount).toBe(0);
  });
});

describe('webhook addresses without WEBHOOKS_ALLOW_PRIVATE', () => {
  let strictDb: TestDatabase;
  let strict: TestSubgraph;

  beforeAll(async () => {
    strictDb = await createTestDatabase('webhooks_strict');
    strict = await startNotifications(strictDb.url, { allowPrivateWebhooks: false });
  });

  afterAll(async () => {
    await strict?.close();
    await strictDb?.drop();
  });

  const attempt = (url: string) =>
    strict.query(CREATE, { i: { url, events: ['event.created'] } }, { as: portal('strict') });

  it('refuses http://, localhost and private, loopback, link-local and unique-local addresses', async () => {
    for (const url of [
      'http://hooks.example.org/in',
      'https://127.0.0.1/in',
      'https://localhost:8443/in',
      'https://api.localhost/in',
      'https://10.1.2.3/in',
      'https://192.168.0.10/in',
      'https://169.254.169.254/latest/meta-data',
      'https://[::1]/in',
      'https://[fd00::1]/in',
      'https://[::ffff:127.0.0.1]/in',
      'ftp://hooks.example.org/in',
      'not a url',
    ]) {
      const refused = await attempt(url);
      expect({ url, error: refused.errors?.[0]?.extensions }).toMatchObject({
        url,
        error: { code: 'BAD_USER_INPUT', field: 'input.url' },
      });
    }
    const ok = await attempt('https://hooks.example.org/in');
    expect(ok.errors).toBeUndefined();
    expect((await strict.query(LIST, {}, { as: portal('strict') })).data.webhooks.totalCount).toBe(1);
  });

  it('resolves the host at delivery and refuses a name that points at a private address', async () => {
    // This machine's own name resolves to a loopback or private address (a precondition, checked).
    const name = hostname();
    const addresses = await lookup(name, { all: true });
    expect(addresses.length).toBeGreaterThan(0);
    const made = await attempt(`https://${name}:9/hook`);
    expect(made.errors).toBeUndefined();
    const webhook = made.data.createWebhook.webhook;
    await publishWrites(strict, [created('1465011', 'Somewhere')]);
    await runJobsNow(strict);
    const listed = await strict.query(DELIVERIES, { id: webhook.id }, { as: portal('strict') });
    const [delivery] = listed.data.webhookDeliveries.edges.map((e: any) => e.node);
    expect(delivery).toMatchObject({ status: 'PENDING', attempts: 1, lastStatusCode: null });
    expect(delivery.lastError).toMatch(/resolves to the private address/);
  });
});

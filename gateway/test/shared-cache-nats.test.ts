import { randomUUID } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { demoOrganisationId, type IntegrationMessage } from '@ngo-hub/kit';
import { JetStreamTransport } from '@ngo-hub/kit/jetstream';
import { eventually } from '@ngo-hub/kit/testing';
import { AUDIT_TOPIC } from '../src/cache-invalidation.js';
import { RedisResponseStore } from '../src/response-store.js';
import { startTestGateway, startTestSubgraphs, type TestSubgraphs } from './support/hub.js';

// The shared cache when the owners publish to NATS JetStream (real NATS 127.0.0.1:4222, real Redis
// 6379): the gateway reads their audit entries through its durable consumer. Each run has a stream
// (hub) and a Redis namespace of its own. The subgraphs here push over HTTP and not to the gateway,
// so only what arrives through JetStream can invalidate.
const NATS_URL = 'nats://127.0.0.1:4222';
const REDIS_URL = 'redis://127.0.0.1:6379';
const run = randomUUID().slice(0, 8);
const prefix = `ngo-hub-test:${run}:`;
const LIW = demoOrganisationId('urzad-gminy-liw');
const PROFILE = 'query($id: ID!) { organisation(id: $id) { id name } }';
const silent = pino({ level: 'silent' });

let hub: TestSubgraphs;
let nc: NatsConnection;
let redis: Redis;
const hubs: string[] = [];
const gateways: FastifyInstance[] = [];
const publishers: JetStreamTransport[] = [];

async function post(target: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(target, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { cache: response.headers.get('x-cache'), json: (await response.json()) as any };
}

/** A stream of this run's own, named as the subgraphs' `ngo-hub` would be. */
function newHub(): string {
  const name = `ngo-hub-test-${run}-${hubs.length}`;
  hubs.push(name);
  return name;
}

async function gateway(natsHub: string, redisUrl = REDIS_URL, responseCachePrefix = prefix) {
  const started = await startTestGateway(hub.subgraphs, {
    redisUrl,
    responseCachePrefix,
    responseCacheTtlSeconds: 60,
    nats: { url: NATS_URL, hub: natsHub },
  });
  gateways.push(started.app);
  return started;
}

/** Publishes as the organisations subgraph does with NATS_URL: its outbox rows, through the kit's transport. */
async function publish(natsHub: string, events: IntegrationMessage[]): Promise<void> {
  const publisher = new JetStreamTransport({ url: NATS_URL, hub: natsHub, name: 'organisations', logger: silent });
  publishers.push(publisher);
  await publisher.send(`nats:${natsHub}`, { publisher: 'organisations', events });
}

/** The latest audit entry the organisations subgraph recorded about `entityId`. */
async function latestAuditEntry(entityId: string): Promise<IntegrationMessage> {
  const [row] = (await hub.subgraphs.organisations.orm.em.fork().execute(
    `select topic, key, payload, version from organisations.outbox
       where topic = ? and payload->>'entityId' = ? order by version desc limit 1`,
    [AUDIT_TOPIC, entityId],
  )) as { topic: string; key: string; payload: unknown; version: string }[];
  if (!row) throw new Error(`no audit entry about ${entityId}`);
  return { ...row, version: Number(row.version) };
}

async function consumerInfo(natsHub: string) {
  return (await jetstreamManager(nc)).consumers.info(natsHub, 'gateway');
}

beforeAll(async () => {
  hub = await startTestSubgraphs('shared_cache_nats');
  nc = await connect({ servers: NATS_URL });
  redis = new Redis(REDIS_URL);
});

afterAll(async () => {
  for (const app of gateways) await app.close();
  for (const publisher of publishers) await publisher.close();
  if (nc) {
    const jsm = await jetstreamManager(nc);
    for (const name of hubs) await jsm.streams.delete(name).catch(() => undefined);
    await nc.close();
  }
  if (redis) {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  }
  await hub?.close();
});

describe('the shared cache invalidated from NATS JetStream', () => {
  it('an audit entry published on JetStream drops the answers tagged with its entity', async () => {
    const natsHub = newHub();
    const { url } = await gateway(natsHub);
    expect((await post(url, PROFILE, { id: LIW })).cache).toBe('MISS');
    expect((await post(url, PROFILE, { id: LIW })).cache).toBe('HIT');

    const renamed = await hub.subgraphs.organisations.query(
      'mutation($id: ID!, $name: String!) { updateOrganisation(id: $id, input: { name: $name }) { id } }',
      { id: LIW, name: 'Urząd Gminy Liw (NATS)' },
      { admin: true },
    );
    expect(renamed.errors).toBeUndefined();
    // Nothing told the gateway yet: the old answer is still served.
    const stale = await post(url, PROFILE, { id: LIW });
    expect(stale.cache).toBe('HIT');
    expect(stale.json.data.organisation.name).not.toBe('Urząd Gminy Liw (NATS)');

    await publish(natsHub, [await latestAuditEntry(LIW)]);
    const fresh = await eventually(
      async () => {
        const answer = await post(url, PROFILE, { id: LIW });
        return answer.cache === 'MISS' ? answer : undefined;
      },
      10_000,
      100,
      () => 'the cached answer was not invalidated',
    );
    expect(fresh.json.data.organisation.name).toBe('Urząd Gminy Liw (NATS)');

    // Read by the gateway's own durable consumer, audit entries only, and acknowledged.
    const info = await consumerInfo(natsHub);
    expect(info.config.filter_subject).toBe(`${natsHub}.*.${AUDIT_TOPIC}`);
    await eventually(async () => ((await consumerInfo(natsHub)).num_ack_pending === 0 ? true : undefined), 5000);
    expect((await consumerInfo(natsHub)).num_pending).toBe(0);
  }, 30_000);

  it('an entry that could not be applied (Redis down) is redelivered, and applied by another replica', async () => {
    const natsHub = newHub();
    const namespace = `${prefix}redelivery:`;
    const down = await gateway(natsHub, 'redis://127.0.0.1:1', namespace);
    const entry = {
      topic: AUDIT_TOPIC,
      key: randomUUID(),
      payload: { entityType: 'Organisation', entityId: 'o-redelivered' },
      version: 1,
    };
    await publish(natsHub, [entry]);
    // Delivered, refused (nak), delivered again: never acknowledged while Redis is away.
    await eventually(
      async () => ((await consumerInfo(natsHub)).num_redelivered > 0 ? true : undefined),
      10_000,
      100,
      () => 'the entry was not redelivered',
    );
    await down.app.close();
    const held = await consumerInfo(natsHub);
    expect(held.num_ack_pending + held.num_pending).toBe(1);

    // An answer tagged with that organisation, in the namespace a replica with Redis serves.
    const store = new RedisResponseStore(REDIS_URL, namespace, 60_000);
    await store.ready();
    try {
      const { since } = await store.get('profile');
      await store.set('profile', { data: { cached: true } }, ['Organisation:o-redelivered'], since);
      expect((await store.get('profile')).result).toEqual({ data: { cached: true } });
      await gateway(natsHub, REDIS_URL, namespace);
      await eventually(
        async () => ((await store.get('profile')).result === null ? true : undefined),
        20_000,
        200,
        () => 'the redelivered entry was not applied',
      );
      await eventually(async () => ((await consumerInfo(natsHub)).num_ack_pending === 0 ? true : undefined), 5000);
    } finally {
      await store.close();
    }
  }, 40_000);
});

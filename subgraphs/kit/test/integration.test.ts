import 'reflect-metadata';
import { Field, ObjectType, Query, Resolver } from 'type-graphql';
import {
  buildFederatedSchema,
  inTransaction,
  integrationMigration,
  outboxPendingMigration,
  startSubgraph,
  type IntegrationMessage,
  type StartedSubgraph,
  type SubgraphDefinition,
  type Tx,
} from '../src/index.js';
// The mechanism under test, with a topic of its own: subgraphs record through the typed registry (topics.ts).
import { pendingOutboxSql, writeOutbox } from '../src/integration.js';
import { createTestDatabase, TEST_INTERNAL_TOKEN, type TestDatabase } from '../src/testing/index.js';

@ObjectType({ description: 'Probe.' })
class Probe {
  @Field({ description: 'Always ok.' })
  ok!: string;
}

@Resolver(() => Probe)
class ProbeResolver {
  @Query(() => Probe, { description: 'Probe.' })
  probe(): Probe {
    return { ok: 'ok' };
  }
}

const received: IntegrationMessage[][] = [];

function definition(name: string, withHandler: boolean): SubgraphDefinition<object> {
  return {
    name,
    defaultPort: 0,
    database: { schema: name, entities: [], migrations: [integrationMigration(name), outboxPendingMigration(name)] },
    buildSchema: () => buildFederatedSchema({ resolvers: [ProbeResolver] }),
    createLoaders: () => ({}),
    integration: {
      handlers: withHandler ? { 'thing.state': async (_tx: Tx, events) => void received.push(events) } : {},
    },
  };
}

let db: TestDatabase;
let publisher: StartedSubgraph;
let subscriber: StartedSubgraph;

async function start(name: string, withHandler: boolean, port = 0): Promise<StartedSubgraph> {
  return startSubgraph(definition(name, withHandler), {
    PORT: port,
    HOST: '127.0.0.1',
    DATABASE_URL: db.url,
    DEMO_DATA: false,
    LOG_LEVEL: 'silent',
    EVENT_SUBSCRIBERS: [],
    INTERNAL_TOKEN: TEST_INTERNAL_TOKEN,
    PGLITE_DIR: undefined,
  });
}

async function record(key: string, payload: unknown): Promise<void> {
  await inTransaction(publisher.orm.em.fork(), (tx) => writeOutbox(tx, 'pub', 'thing.state', key, payload));
}

beforeAll(async () => {
  db = await createTestDatabase('integration');
  publisher = await start('pub', false);
  subscriber = await start('sub', true);
  publisher.delivery!.setSubscribers([subscriber.url]);
});

afterAll(async () => {
  await publisher?.close();
  await subscriber?.close();
  await db?.drop();
});

beforeEach(() => {
  received.length = 0;
});

describe('integration events', () => {
  it('delivers the latest state of each key once', async () => {
    await record('a', { v: 1 });
    await record('a', { v: 2 });
    await record('b', null);
    await publisher.delivery!.flush();
    expect(received.flat().map((e) => [e.key, e.payload])).toEqual([
      ['a', { v: 2 }],
      ['b', null],
    ]);
    await publisher.delivery!.flush();
    expect(received.flat()).toHaveLength(2);
  });

  it('does not apply an event twice when it is delivered again', async () => {
    await record('c', { v: 1 });
    await publisher.delivery!.flush();
    await publisher.orm.em.fork().execute(`update pub.outbox set delivered_to = '{}' where key = 'c'`);
    await publisher.delivery!.flush();
    expect(received.flat().filter((e) => e.key === 'c')).toHaveLength(1);
  });

  it('keeps events while the subscriber is down and delivers them when it is back', async () => {
    const port = subscriber.port;
    await subscriber.close();
    await record('d', { v: 1 });
    await publisher.delivery!.flush();
    expect(received).toHaveLength(0);
    subscriber = await start('sub', true, port);
    await publisher.delivery!.flush();
    expect(received.flat().map((e) => e.key)).toEqual(['d']);
  });

  it('skips rows a bulk load marked delivered: pending rows are found through the partial index', async () => {
    const em = publisher.orm.em.fork();
    await em.execute(
      `insert into pub.outbox (topic, key, payload, version, delivered_to)
       select 'thing.state', 'bulk-' || n, '{}'::jsonb, nextval('pub.outbox_version'), '{*}' from generate_series(1, 2000) n`,
    );
    await record('e', { v: 1 });
    await publisher.delivery!.flush();
    expect(received.flat().map((e) => e.key)).toEqual(['e']);
    // The loop's own statement (kit integration.ts) can be answered from outbox_pending_idx alone.
    const plan = await em.transactional(async (tx) => {
      await tx.execute('set local enable_seqscan = off');
      return tx.execute(`explain ${pendingOutboxSql('pub')}`, [subscriber.url.replace('/graphql', '')]);
    });
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain('outbox_pending_idx');
  });

  it('refuses a batch without the shared secret', async () => {
    const response = await fetch(subscriber.url.replace('/graphql', '/internal/events'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        publisher: 'pub',
        events: [{ topic: 'thing.state', key: 'x', payload: {}, version: 99 }],
      }),
    });
    expect(response.status).toBe(403);
    expect(received).toHaveLength(0);
  });
});

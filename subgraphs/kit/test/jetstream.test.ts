import 'reflect-metadata';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Arg, Ctx, Field, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import {
  buildFederatedSchema,
  inTransaction,
  integrationMigration,
  startSubgraph,
  type StartedSubgraph,
  type SubgraphContext,
  type SubgraphDefinition,
  subgraphEnvSchema,
  type Tx,
} from '../src/index.js';
// The mechanism under test, with a topic of its own: subgraphs record through the typed registry (topics.ts).
import { writeOutbox } from '../src/integration.js';
import { createTestDatabase, eventually, postGraphQL, type TestDatabase } from '../src/testing/index.js';

/**
 * Integration events over a real NATS JetStream: a nats-server of the test's own (a free port, a
 * temporary store), one publisher and two subscribers, each a subgraph started as in production.
 * Subscribers keep a read model (`thing`) and a log of every message their handler applied
 * (`applied`), which shows a lost, repeated or out-of-order message.
 */

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

  @Mutation(() => Probe, { description: 'Records the new state of a thing.' })
  async touch(
    @Arg('key', { description: 'Which thing.' }) key: string,
    @Arg('v', () => Int, { description: 'Its new state.' }) v: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Probe> {
    await inTransaction(ctx.em, (tx) => writeOutbox(tx, 'pub', 'thing.state', key, { v }));
    return { ok: 'ok' };
  }
}

function definition(name: string): SubgraphDefinition<object> {
  return {
    name,
    defaultPort: 0,
    database: { schema: name, entities: [], migrations: [integrationMigration(name)] },
    buildSchema: () => buildFederatedSchema({ resolvers: [ProbeResolver] }),
    createLoaders: () => ({}),
    integration: {
      handlers:
        name === 'pub'
          ? {}
          : {
              'thing.state': async (tx: Tx, messages) => {
                for (const m of messages) {
                  const v = (m.payload as { v: number } | null)?.v ?? null;
                  await tx.execute(`insert into ${name}.applied (key, version, v) values (?, ?, ?)`, [
                    m.key,
                    m.version,
                    v,
                  ]);
                  await tx.execute(
                    `insert into ${name}.thing (key, v) values (?, ?) on conflict (key) do update set v = excluded.v`,
                    [m.key, v],
                  );
                }
              },
            },
    },
  };
}

const SUBSCRIBERS = ['suba', 'subb'] as const;

let db: TestDatabase;
let broker: Broker;
let pub: StartedSubgraph;
const subs: Record<string, StartedSubgraph | undefined> = {};
let nc: NatsConnection;

function start(name: string): Promise<StartedSubgraph> {
  return startSubgraph(definition(name), {
    ...subgraphEnvSchema(0).parse({}),
    PORT: 0,
    DATABASE_URL: db.url,
    DEMO_DATA: 'none',
    LOG_LEVEL: 'silent',
    NATS_URL: broker.url,
  });
}

async function touch(key: string, v: number): Promise<void> {
  const result = await postGraphQL(pub.url, 'mutation($key: String!, $v: Int!) { touch(key: $key, v: $v) { ok } }', {
    key,
    v,
  });
  expect(result.errors).toBeUndefined();
}

async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return (await pub.orm.em.fork().execute(text, params)) as T[];
}

/** The state a subscriber should hold: the publisher's outbox, key → v. */
async function outboxState(): Promise<Record<string, number | null>> {
  const rows = await sql<{ key: string; v: number | null }>(
    `select key, (payload->>'v')::int as v from pub.outbox order by key`,
  );
  return Object.fromEntries(rows.map((r) => [r.key, r.v]));
}

async function readModel(subscriber: string): Promise<Record<string, number | null>> {
  const rows = await sql<{ key: string; v: number | null }>(`select key, v from ${subscriber}.thing order by key`);
  return Object.fromEntries(rows.map((r) => [r.key, r.v]));
}

/** Waits until every subscriber's read model equals the outbox (both read in key order: the comparison is of JSON text). */
async function converged(): Promise<void> {
  const expected = await outboxState();
  for (const name of SUBSCRIBERS)
    await eventually(
      async () => (JSON.stringify(await readModel(name)) === JSON.stringify(expected) ? true : undefined),
      20_000,
      100,
      () => `${name} did not converge on ${JSON.stringify(expected)}`,
    );
}

/** Each message applied at most once, and per key in rising version order. */
async function expectNoRepeatsAndInOrder(subscriber: string): Promise<void> {
  const rows = await sql<{ key: string; version: string }>(
    `select key, version from ${subscriber}.applied order by seq`,
  );
  const last = new Map<string, number>();
  for (const row of rows) {
    const version = Number(row.version);
    expect(version).toBeGreaterThan(last.get(row.key) ?? 0);
    last.set(row.key, version);
  }
}

beforeAll(async () => {
  broker = await Broker.start();
  db = await createTestDatabase('jetstream');
  pub = await start('pub');
  for (const name of SUBSCRIBERS) {
    await sql(`create schema if not exists ${name}`);
    await sql(`create table ${name}.thing (key text primary key, v int)`);
    await sql(
      `create table ${name}.applied (seq bigserial primary key, key text not null, version bigint not null, v int)`,
    );
  }
  for (const name of SUBSCRIBERS) subs[name] = await start(name);
  nc = await connect({ servers: broker.url, maxReconnectAttempts: -1, reconnectTimeWait: 200 });
});

afterAll(async () => {
  await nc?.close();
  await pub?.close();
  for (const name of SUBSCRIBERS) await subs[name]?.close();
  await db?.drop();
  await broker?.stop({ removeStore: true });
});

describe('integration events over NATS JetStream', () => {
  it('answers a mutation once JetStream holds its message, then every subscriber applies it', async () => {
    await touch('a', 1);
    const [row] = await sql<{ version: string; delivered_to: string[] }>(
      `select version, delivered_to from pub.outbox where key = 'a'`,
    );
    expect(row!.delivered_to).toEqual(['nats:ngo-hub']);
    await converged();
    expect(await readModel('suba')).toEqual({ a: 1 });

    // The message id is topic/key/version: the same row published again is stored once.
    const again = await jetstream(nc).publish('ngo-hub.pub.thing.state', '{}', {
      msgID: `thing.state/a/${row!.version}`,
    });
    expect(again.duplicate).toBe(true);
    // Past the duplicate window (another id) a repeated or older message reaches the consumers: the inbox skips it.
    const js = jetstream(nc);
    for (const [id, version, v] of [
      ['replay', Number(row!.version), 1],
      ['stale', Number(row!.version) - 1, 0],
    ] as const)
      await js.publish(
        'ngo-hub.pub.thing.state',
        JSON.stringify({ publisher: 'pub', topic: 'thing.state', key: 'a', payload: { v }, version }),
        { msgID: id },
      );
    await touch('b', 1);
    await converged();
    for (const name of SUBSCRIBERS)
      expect(await sql(`select key, v from ${name}.applied order by seq`)).toEqual([
        { key: 'a', v: 1 },
        { key: 'b', v: 1 },
      ]);
  });

  it('loses and repeats nothing when the broker restarts mid-stream', async () => {
    for (let i = 0; i < 120; i++) {
      if (i === 40) await broker.stop();
      // Writes go on while it is down: their rows stay pending, and the mutations still answer.
      if (i === 80) {
        const pending = await sql(`select 1 from pub.outbox where not ('nats:ngo-hub' = any(delivered_to))`);
        expect(pending.length).toBeGreaterThan(0);
        await broker.start();
      }
      await touch(`k${i % 15}`, i);
    }
    await converged();
    expect(await readModel('subb')).toMatchObject({ k0: 105, k14: 119 });
    for (const name of SUBSCRIBERS) await expectNoRepeatsAndInOrder(name);
    const undelivered = await sql(`select 1 from pub.outbox where not ('nats:ngo-hub' = any(delivered_to))`);
    expect(undelivered).toHaveLength(0);
  });

  it('catches a subscriber up from its durable consumer after it was down', async () => {
    await subs.suba!.close();
    subs.suba = undefined;
    // Several states of one key wait in the consumer: they come back in one batch.
    for (let i = 0; i < 10; i++) await touch(`down${i % 3}`, i);
    const jsm = await jetstreamManager(nc);
    expect((await jsm.consumers.info('ngo-hub', 'suba')).num_pending).toBeGreaterThanOrEqual(10);
    expect(Object.keys(await readModel('suba')).filter((k) => k.startsWith('down'))).toEqual([]);

    subs.suba = await start('suba');
    await converged();
    expect(await readModel('suba')).toMatchObject({ down0: 9, down1: 7, down2: 8 });
    for (const name of SUBSCRIBERS) await expectNoRepeatsAndInOrder(name);
  });
});

/** A nats-server of this test's own: a free port and a temporary store, stopped and started at will. */
class Broker {
  private process: ChildProcess | undefined;

  private constructor(
    readonly port: number,
    readonly store: string,
  ) {}

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<Broker> {
    const broker = new Broker(await freePort(), mkdtempSync(join(tmpdir(), 'ngo-hub-nats-')));
    await broker.start();
    return broker;
  }

  async start(): Promise<void> {
    const child = spawn(
      '/usr/sbin/nats-server',
      ['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.store],
      { stdio: 'ignore' },
    );
    this.process = child;
    const deadline = Date.now() + 10_000;
    while (!(await accepts(this.port))) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error('nats-server did not start');
      await sleep(50);
    }
  }

  async stop(options: { removeStore?: boolean } = {}): Promise<void> {
    const child = this.process;
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    this.process = undefined;
    if (options.removeStore) rmSync(this.store, { recursive: true, force: true });
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.connect(port, '127.0.0.1');
  });
}

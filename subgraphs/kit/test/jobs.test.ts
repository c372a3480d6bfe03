import 'reflect-metadata';
import { Field, ObjectType, Query, Resolver } from 'type-graphql';
import {
  backoff,
  buildFederatedSchema,
  enqueueJob,
  inTransaction,
  type Job,
  type JobHandlers,
  jobsMigration,
  type StartedSubgraph,
  startSubgraph,
  type SubgraphDefinition,
} from '../src/index.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

// The durable job queue on a real PostgreSQL, in a service started and restarted as in production.
@ObjectType({ description: 'Probe.' })
class JobProbe {
  @Field({ description: 'Always ok.' })
  ok!: string;
}

@Resolver(() => JobProbe)
class JobProbeResolver {
  @Query(() => JobProbe, { description: 'Probe.' })
  jobProbe(): JobProbe {
    return { ok: 'ok' };
  }
}

const runs: Job[] = [];
/** Fails the first `failures[id]` attempts of a job, then succeeds. */
const failures = new Map<string, number>();

const handlers: JobHandlers = {
  'probe.run': {
    run: async (job) => {
      runs.push(job);
      const left = failures.get((job.payload as { name: string }).name) ?? 0;
      if (job.attempt <= left) throw new Error(`attempt ${job.attempt} failed`);
    },
    onFailure: (job) => (job.attempt >= 3 ? { giveUp: true } : { retryInMs: 60_000 }),
  },
};

const definition: SubgraphDefinition<object> = {
  name: 'jobsprobe',
  defaultPort: 0,
  database: { schema: 'jobsprobe', entities: [], migrations: [jobsMigration('jobsprobe')] },
  buildSchema: () => buildFederatedSchema({ resolvers: [JobProbeResolver] }),
  createLoaders: () => ({}),
  jobs: () => handlers,
};

let db: TestDatabase;
let service: StartedSubgraph;

const start = () =>
  startSubgraph(definition, {
    PORT: 0,
    HOST: '127.0.0.1',
    DATABASE_URL: db.url,
    DEMO_DATA: false,
    LOG_LEVEL: 'silent',
    EVENT_SUBSCRIBERS: [],
    INTERNAL_TOKEN: undefined,
    PGLITE_DIR: undefined,
    DEBUG_ERRORS: false,
    MAX_QUERY_DEPTH: 20,
    MAX_QUERY_ALIASES: 50,
    MAX_QUERY_TOKENS: 5000,
    MAX_QUERY_COST: 100_000,
    STATEMENT_TIMEOUT_MS: 5000,
    METRICS: 'off',
  });

const enqueue = (name: string, dedupeKey?: string) =>
  inTransaction(service.orm.em.fork(), (tx) => enqueueJob(tx, 'jobsprobe', 'probe.run', { name }, { dedupeKey }));
const state = async (name: string) =>
  (
    await service.orm.em
      .fork()
      .execute("select state, attempts, last_error from jobsprobe.job where payload ->> 'name' = ?", [name])
  )[0];
const makeDue = () => service.orm.em.fork().execute("update jobsprobe.job set run_at = now() where state = 'PENDING'");

beforeAll(async () => {
  db = await createTestDatabase('jobs');
  service = await start();
  await service.jobs!.pause(); // rounds run only when the test says so
});

afterAll(async () => {
  await service?.close();
  await db?.drop();
});

describe('durable jobs', () => {
  it('runs a job once it is committed, and only once', async () => {
    await enqueue('once');
    expect(await service.jobs!.runDue()).toBe(1);
    expect(await service.jobs!.runDue()).toBe(0);
    expect(await state('once')).toMatchObject({ state: 'DONE', attempts: 1 });
  });

  it('ignores a second job with the same dedupe key', async () => {
    await enqueue('dedupe', 'k-1');
    await enqueue('dedupe', 'k-1');
    const rows = await service.orm.em
      .fork()
      .execute("select count(*)::int as n from jobsprobe.job where dedupe_key = 'k-1'");
    expect(rows[0]!.n).toBe(1);
  });

  it('retries after the handler’s delay, across a restart of the service, and succeeds', async () => {
    failures.set('flaky', 1);
    await enqueue('flaky');
    await service.jobs!.runDue();
    expect(await state('flaky')).toMatchObject({ state: 'PENDING', attempts: 1, last_error: 'attempt 1 failed' });
    // Not due yet: the retry waits a minute.
    expect(await service.jobs!.runDue()).toBe(0);

    await service.close();
    service = await start();
    await service.jobs!.pause();
    await makeDue();
    await service.jobs!.runDue();
    expect(await state('flaky')).toMatchObject({ state: 'DONE', attempts: 2, last_error: null });
  });

  it('marks a job FAILED when the handler gives up', async () => {
    failures.set('doomed', 99);
    await enqueue('doomed');
    for (let i = 0; i < 3; i++) {
      await makeDue();
      await service.jobs!.runDue();
    }
    expect(await state('doomed')).toMatchObject({ state: 'FAILED', attempts: 3, last_error: 'attempt 3 failed' });
    await makeDue();
    expect(await service.jobs!.runDue()).toBe(0);
  });

  it('runs a job whose worker died (lease expired) again: at least once', async () => {
    await enqueue('orphan');
    // A worker claimed it and died: attempts counted, lease in the past.
    await service.orm.em
      .fork()
      .execute(
        "update jobsprobe.job set attempts = 1, locked_until = now() - interval '1 second' where payload ->> 'name' = 'orphan'",
      );
    await service.jobs!.runDue();
    expect(await state('orphan')).toMatchObject({ state: 'DONE', attempts: 2 });
  });

  it('backs off exponentially, the first retry within a minute, capped at two hours', () => {
    expect(backoff(1)).toBeLessThanOrEqual(36_000);
    expect(backoff(1)).toBeGreaterThanOrEqual(24_000);
    expect(backoff(3)).toBeGreaterThanOrEqual(96_000);
    expect(backoff(30)).toBeLessThanOrEqual(2 * 3600_000 * 1.2);
  });
});

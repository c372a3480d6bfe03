import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { demoOrganisationId } from '@ngo-hub/kit';
import { createTestDatabase } from '@ngo-hub/kit/testing';
import { perSubgraph, SUBGRAPHS, subgraphPortVariable } from '@ngo-hub/kit/roster';
import { syntheticDemo } from '@ngo-hub/kit/synthetic';
import {
  eventually,
  freePort,
  groupMembers,
  killLeftovers,
  launch,
  operatorEnv,
  type Launched,
} from './support/processes.js';

/**
 * The hub as an operator runs it: `npm start`'s launcher and standalone services as real processes,
 * without NODE_ENV=test (Apollo behaves differently under it), stopped with real signals.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'ngo-hub-lifecycle-'));
const ADMIN_TOKEN = 'lifecycle-admin-token-0123456789';
const STOP_LIMIT_MS = 10_000;

afterEach(killLeftovers);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

interface Hub extends Launched {
  url: string;
  pgid: number;
}

let ports: number[] = [];

async function startHub(extra: NodeJS.ProcessEnv = {}): Promise<Hub> {
  const env = operatorEnv({
    PORT: String(ports[0]),
    // Every subgraph on a port of its own: another hub on this machine may hold the default ones.
    ...perSubgraph(subgraphPortVariable, (name) => String(ports[SUBGRAPHS.indexOf(name) + 1])),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ADMIN_TOKEN,
    // Reads here must see the subgraphs at once, not an answer the gateway cached a moment earlier.
    RESPONSE_CACHE_TTL_SECONDS: '0',
    ...extra,
  });
  delete env.DATABASE_URL;
  const hub = launch(process.execPath, [join(root, 'tools/dist/launcher/stack.js')], { cwd: root, env });
  // A generous functional bound, not a speed check (start-up time is measured in the README).
  const [, url] = await hub.waitFor(/gateway ready in [\d.]+ s: (\S+)/, 180_000);
  return { ...hub, url: url!, pgid: hub.child.pid! };
}

async function ask(url: string, query: string, variables?: Record<string, unknown>): Promise<any> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

function subgraphPid(hub: Hub, name: string): number {
  const entry = [...groupMembers(hub.pgid)].find(([, cmd]) => cmd.includes(`subgraphs/${name}/dist/main.js`));
  if (!entry) throw new Error(`no ${name} process in group ${hub.pgid}`);
  return entry[0];
}

/** The embedded PostgreSQL's postmaster, from the lock file in its data directory (undefined when there is none). */
function postgresPid(): number | undefined {
  const lockFile = join(dataDir, 'postgres/postmaster.pid');
  return existsSync(lockFile) ? Number(readFileSync(lockFile, 'utf8').split('\n')[0]) : undefined;
}

function alive(pid: number): boolean {
  return existsSync(`/proc/${pid}`) && !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
}

/** Sends `signal`, then asserts every process of the hub is gone within 10 s and returns how it exited. */
async function stopAndCheck(hub: Hub, signal: NodeJS.Signals, target: 'group' | 'launcher') {
  const members = groupMembers(hub.pgid);
  expect(members.size).toBe(1 + SUBGRAPHS.length); // the launcher (with the gateway) and every subgraph
  // The embedded PostgreSQL runs in a session of its own (Ctrl-C must not reach it before the subgraphs).
  const postgres = postgresPid()!;
  expect(alive(postgres)).toBe(true);
  expect(members.has(postgres)).toBe(false);
  const exited = hub.exited();
  process.kill(target === 'group' ? -hub.pgid : hub.pgid, signal);
  const result = await exited;
  expect(result.ms).toBeLessThan(STOP_LIMIT_MS);
  // The subgraphs exit before the launcher does; none may linger, nor the database server.
  expect([...groupMembers(hub.pgid).values()]).toEqual([]);
  expect(alive(postgres)).toBe(false);
  expect(postgresPid()).toBeUndefined(); // a clean shutdown removes its lock file
  expect(hub.output()).toMatch(/ngo-hub stopped in [\d.]+ s\n/);
  return result;
}

const COUNTS = `{
  organisations(first: 100) { totalCount }
  partnerships(first: 100) { totalCount }
  events(first: 100) { totalCount }
  grants(first: 100) { totalCount }
}`;

describe('npm start, stopped and crashed as an operator would', () => {
  let before: any;
  let createdId: string;

  beforeAll(async () => {
    ports = await Promise.all([undefined, ...SUBGRAPHS].map(freePort));
  });

  it('starts with demo data and stops on Ctrl-C (SIGINT to the group) within 10 s, every database closed cleanly', async () => {
    const hub = await startHub();
    before = await ask(hub.url, COUNTS);
    expect(before.errors).toBeUndefined();
    expect(before.data.organisations.totalCount).toBeGreaterThan(20);
    expect(before.data.partnerships.totalCount).toBeGreaterThan(10);
    expect(before.data.events.totalCount).toBeGreaterThan(0);
    // The seed documents' two grants and the synthetic layer's (DEMO_DATA=full by default).
    expect(before.data.grants.totalCount).toBe(2 + syntheticDemo().grants.length);
    // The subgraphs tell organisations who takes part in what; BORIS is a member of every partnership it supports.
    const cooperation = `{ organisation(id: "${demoOrganisationId('boris')}") { cooperatesWith { totalCount } } }`;
    const partners = await eventually(async () => {
      const total = (await ask(hub.url, cooperation)).data.organisation.cooperatesWith.totalCount;
      return total > 0 ? total : undefined;
    }, 30_000);
    expect(partners).toBeGreaterThanOrEqual(13);

    const created = await ask(
      hub.url,
      `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`,
      {
        input: {
          name: 'Stowarzyszenie Przetrwania Restartów',
          sector: 'NGO',
          legalForm: 'STOWARZYSZENIE',
          territory: '2061011',
        },
      },
    );
    expect(created.errors).toBeUndefined();
    createdId = created.data.createOrganisation.id;
    before.data.organisations.totalCount += 1;

    // Exit 0 means each subgraph exited 0, which it does only after closing its database.
    expect(await stopAndCheck(hub, 'SIGINT', 'group')).toMatchObject({ code: 0, signal: null });
  }, 300_000);

  it('restarts a subgraph killed with SIGKILL; meanwhile the others answer; full answers within 10 s; SIGTERM to the group stops it', async () => {
    const hub = await startHub();
    expect(await ask(hub.url, COUNTS)).toEqual(before);
    expect((await ask(hub.url, `{ organisation(id: "${createdId}") { name } }`)).data.organisation.name).toBe(
      'Stowarzyszenie Przetrwania Restartów',
    );

    const mixed = `{ organisation(id: "${createdId}") { name } events(first: 1) { totalCount } }`;
    const killedAt = Date.now();
    process.kill(subgraphPid(hub, 'organisations'), 'SIGKILL');
    const during = await eventually(
      async () => {
        const answer = await ask(hub.url, mixed);
        return answer.errors ? answer : undefined;
      },
      5_000,
      20,
    );
    expect(during.data.organisation).toBeNull();
    expect(during.data.events.totalCount).toBe(before.data.events.totalCount);
    expect(during.errors[0].extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'organisations' });

    let last: unknown;
    const after = await eventually(
      async () => {
        last = await ask(hub.url, mixed);
        return (last as { errors?: unknown }).errors ? undefined : (last as any);
      },
      15_000,
      100,
      () => `last answer: ${JSON.stringify(last)}\n${hub.output()}`,
    );
    const backAfterMs = Date.now() - killedAt;
    expect(backAfterMs).toBeLessThan(10_000);
    expect(after.data.organisation.name).toBe('Stowarzyszenie Przetrwania Restartów');
    expect(hub.output()).toMatch(/subgraph organisations exited unexpectedly \(SIGKILL\); restarting it in \d+ ms/);
    // The launcher's own health poll may notice a moment after the gateway does.
    await hub.waitFor(/subgraph organisations is back/, 5_000);

    expect(await stopAndCheck(hub, 'SIGTERM', 'group')).toMatchObject({ code: 0, signal: null });
  }, 300_000);

  it('gives up on a subgraph that keeps crashing without taking the others down; SIGTERM to the launcher alone stops all', async () => {
    const hub = await startHub({ SUBGRAPH_MAX_RESTARTS: '1' });
    process.kill(subgraphPid(hub, 'events'), 'SIGKILL');
    await hub.waitFor(/subgraph events is back/, 30_000);
    process.kill(subgraphPid(hub, 'events'), 'SIGKILL');
    await hub.waitFor(/subgraph events crashed 2 times within 60 s; giving up on it/, 10_000);
    // The crash is not restarted, and the rest of the hub goes on answering.
    await new Promise((r) => setTimeout(r, 1000));
    expect([...groupMembers(hub.pgid).values()].some((cmd) => cmd.includes('subgraphs/events/'))).toBe(false);
    const answer = await ask(
      hub.url,
      `{ organisation(id: "${createdId}") { name } event(id: "00000000-0000-4000-8000-000000000000") { title } }`,
    );
    expect(answer.data.organisation.name).toBe('Stowarzyszenie Przetrwania Restartów');
    expect(answer.errors[0].extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'events' });
    const health = await (await fetch(hub.url.replace('/graphql', '/health'))).json();
    expect(health).toMatchObject({ status: 'degraded', subgraphs: { events: 'down', organisations: 'ok' } });

    const members = groupMembers(hub.pgid);
    expect(members.size).toBe(SUBGRAPHS.length); // the given-up subgraph is gone
    const postgres = postgresPid()!;
    const exited = hub.exited();
    process.kill(hub.pgid, 'SIGTERM');
    const result = await exited;
    expect(result).toMatchObject({ code: 0, signal: null });
    expect(result.ms).toBeLessThan(STOP_LIMIT_MS);
    expect([...groupMembers(hub.pgid).values()]).toEqual([]);
    expect(alive(postgres)).toBe(false);
  }, 300_000);

  it('survives kill -9: the embedded PostgreSQL stops without its launcher, and a start after a kill -9 of everything recovers the stale lock and the data', async () => {
    // kill -9 of the launcher's group: the subgraphs go with their IPC channel, the server with its watchdog.
    let hub = await startHub();
    let postgres = postgresPid()!;
    process.kill(-hub.pgid, 'SIGKILL');
    await hub.exited();
    await eventually(async () => (alive(postgres) ? undefined : true), 10_000);
    expect(postgresPid()).toBeUndefined();

    // Then everything at once, server and watchdog too, as a power cut would: its lock file stays behind.
    hub = await startHub();
    const created = await ask(
      hub.url,
      `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`,
      { input: { name: 'Fundacja Po Awarii', sector: 'NGO', legalForm: 'FUNDACJA', territory: '2061011' } },
    );
    expect(created.errors).toBeUndefined();
    postgres = postgresPid()!;
    // A second npm start on the same data directory is refused and leaves the running hub's server alone.
    const otherPorts = await Promise.all([undefined, ...SUBGRAPHS].map(freePort));
    const secondEnv = operatorEnv({
      PORT: String(otherPorts[0]),
      ...perSubgraph(subgraphPortVariable, (name) => String(otherPorts[SUBGRAPHS.indexOf(name) + 1])),
      DATA_DIR: dataDir,
    });
    delete secondEnv.DATABASE_URL;
    const second = launch(process.execPath, [join(root, 'tools/dist/launcher/stack.js')], {
      cwd: root,
      env: secondEnv,
    });
    expect(await second.exited()).toMatchObject({ code: 1 });
    expect(second.output()).toMatch(/another npm start .* is running on/);
    expect(alive(postgres)).toBe(true);
    const watchdogs = readdirSync('/proc').filter(
      (pid) =>
        /^\d+$/.test(pid) &&
        existsSync(`/proc/${pid}/cmdline`) &&
        readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(String(postgres)),
    );
    expect(watchdogs).toHaveLength(1);
    process.kill(Number(watchdogs[0]), 'SIGKILL');
    process.kill(postgres, 'SIGKILL');
    process.kill(-hub.pgid, 'SIGKILL');
    await hub.exited();
    await eventually(async () => (alive(postgres) ? undefined : true), 5_000);
    expect(postgresPid()).toBe(postgres);

    hub = await startHub();
    expect(hub.output()).toMatch(/the embedded PostgreSQL did not stop last time/);
    expect(
      (await ask(hub.url, `{ organisation(id: "${created.data.createOrganisation.id}") { name } }`)).data.organisation,
    ).toEqual({ name: 'Fundacja Po Awarii' });
    // Demo data is not loaded twice: only the two organisations written through the API are new.
    const counts = await ask(hub.url, COUNTS);
    expect(counts.data.organisations.totalCount).toBe(before.data.organisations.totalCount + 1);
    expect(counts.data.partnerships).toEqual(before.data.partnerships);
    expect(await stopAndCheck(hub, 'SIGTERM', 'group')).toMatchObject({ code: 0, signal: null });
  }, 300_000);
});

describe('standalone services (node …/main.js, as in docker) stop on SIGTERM', () => {
  it('a subgraph closes its database and exits 0 within 10 s', async () => {
    const port = await freePort();
    const env = operatorEnv({
      PORT: String(port),
      PGLITE_DIR: join(dataDir, 'standalone-partnerships'),
      LOG_LEVEL: 'info',
    });
    delete env.DATABASE_URL;
    const service = launch(process.execPath, [join(root, 'subgraphs/partnerships/dist/main.js')], { cwd: root, env });
    await service.waitFor(/subgraph ready/, 120_000);
    const exited = service.exited();
    service.child.kill('SIGTERM');
    const result = await exited;
    expect(result).toMatchObject({ code: 0, signal: null });
    expect(result.ms).toBeLessThan(STOP_LIMIT_MS);
  }, 180_000);

  it('a subgraph with MIGRATE_ONLY=true (the Kubernetes migration Job) migrates, exits 0 and never listens', async () => {
    const db = await createTestDatabase('migrate_only');
    try {
      const port = await freePort();
      const env = operatorEnv({ PORT: String(port), DATABASE_URL: db.url, DEMO_DATA: 'false', MIGRATE_ONLY: 'true' });
      const job = launch(process.execPath, [join(root, 'subgraphs/organisations/dist/main.js')], { cwd: root, env });
      expect(await job.exited()).toMatchObject({ code: 0, signal: null });
      expect(job.output()).toMatch(/database migrated; exiting \(MIGRATE_ONLY\)/);
      expect(job.output()).not.toMatch(/subgraph ready/);
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const { rows } = await client.query('select count(*)::int as n from organisations.schema_migrations');
      await client.end();
      expect(rows[0].n).toBeGreaterThan(0);
    } finally {
      await db.drop();
    }
  }, 120_000);

  it('the gateway exits 0 within 10 s', async () => {
    const port = await freePort();
    const gateway = launch(process.execPath, [join(root, 'gateway/dist/main.js')], {
      cwd: root,
      env: operatorEnv({ PORT: String(port), LOG_LEVEL: 'info' }),
    });
    await gateway.waitFor(/gateway ready/, 60_000);
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    const exited = gateway.exited();
    gateway.child.kill('SIGTERM');
    const result = await exited;
    expect(result).toMatchObject({ code: 0, signal: null });
    expect(result.ms).toBeLessThan(STOP_LIMIT_MS);
  }, 120_000);
});

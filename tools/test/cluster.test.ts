import { request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { subgraphUrlVariable } from '@ngo-hub/kit/roster';
import { createTestDatabase, type TestDatabase } from '@ngo-hub/kit/testing';
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
 * WORKERS=2 as an operator runs it: a standalone subgraph on PostgreSQL and the standalone gateway as
 * real processes (no NODE_ENV=test), each a cluster primary with two workers sharing its port.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const STOP_LIMIT_MS = 10_000;
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase('cluster');
});
afterEach(killLeftovers);
afterAll(async () => database?.drop());

interface Answer {
  status: number;
  worker: string | undefined;
  body: string;
}

/** One request on a connection of its own: cluster hands out connections, not requests, round-robin. */
function send(url: string, body?: unknown): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: body === undefined ? 'GET' : 'POST',
        agent: false,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode!, worker: response.headers['x-worker-pid'] as string, body: text }),
        );
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

const COUNT = { query: '{ partnerships(first: 1) { totalCount } }' };

async function count(gateway: string): Promise<Answer & { total: number }> {
  const answer = await send(gateway, COUNT);
  const json = JSON.parse(answer.body);
  if (answer.status !== 200 || json.errors) throw new Error(`${answer.status}: ${answer.body}`);
  return { ...answer, total: json.data.partnerships.totalCount };
}

/** The pids that answered `n` requests, each on a fresh connection. */
async function workersAnswering(url: string, n: number, body?: unknown): Promise<Set<string>> {
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const answer = await send(url, body);
    expect(answer.status).toBe(200);
    seen.add(answer.worker!);
  }
  return seen;
}

/** Sends SIGTERM to the primary; every process of its group must be gone within 10 s and it must exit 0. */
async function stopAndCheck(service: Launched) {
  const pgid = service.child.pid!;
  expect(groupMembers(pgid).size).toBe(3); // the primary and its two workers
  const exited = service.exited();
  service.child.kill('SIGTERM');
  const result = await exited;
  expect(result).toMatchObject({ code: 0, signal: null });
  expect(result.ms).toBeLessThan(STOP_LIMIT_MS);
  expect([...groupMembers(pgid).values()]).toEqual([]);
}

it('a subgraph refuses WORKERS above 1 on the embedded database, which one process owns', async () => {
  const env = operatorEnv({ PORT: String(await freePort()), WORKERS: '2' });
  delete env.DATABASE_URL;
  const service = launch(process.execPath, [join(root, 'subgraphs/partnerships/dist/main.js')], { cwd: root, env });
  expect(await service.exited()).toMatchObject({ code: 78 });
  expect(service.output()).toMatch(/WORKERS: above 1 needs DATABASE_URL/);
});

it('WORKERS=2: both workers of the subgraph and of the gateway answer, a killed worker is replaced while the service keeps answering, /metrics covers every worker, SIGTERM stops all within 10 s with exit 0', async () => {
  const [subgraphPort, gatewayPort] = await Promise.all([freePort(), freePort()]);
  const subgraph = launch(process.execPath, [join(root, 'subgraphs/partnerships/dist/main.js')], {
    cwd: root,
    env: operatorEnv({
      PORT: String(subgraphPort),
      DATABASE_URL: database.url,
      DEMO_DATA: 'seed',
      WORKERS: '2',
      LOG_LEVEL: 'info',
    }),
  });
  await subgraph.waitFor(/partnerships: 2 workers ready/, 120_000);
  // Migrated and seeded once, by the primary: the workers only open the database.
  const primaryPid = String(subgraph.child.pid);
  const readyPids = [...subgraph.output().matchAll(/"pid":(\d+),[^\n]*"msg":"subgraph ready"/g)].map((m) => m[1]);
  expect(new Set(readyPids).size).toBe(2);
  expect(readyPids).not.toContain(primaryPid);

  const gateway = launch(process.execPath, [join(root, 'gateway/dist/main.js')], {
    cwd: root,
    env: operatorEnv({
      PORT: String(gatewayPort),
      WORKERS: '2',
      LOG_LEVEL: 'info',
      [subgraphUrlVariable('partnerships')]: `http://127.0.0.1:${subgraphPort}/graphql`,
      // Every answer from the subgraph, not from one worker's cache.
      RESPONSE_CACHE_TTL_SECONDS: '0',
    }),
  });
  await gateway.waitFor(/gateway: 2 workers ready/, 60_000);
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
  const subgraphUrl = `http://127.0.0.1:${subgraphPort}`;

  // Both workers of each service answer (round-robin over connections), each naming its pid.
  const subgraphWorkers = await workersAnswering(`${subgraphUrl}/health`, 6);
  expect(subgraphWorkers.size).toBe(2);
  const gatewayWorkers = new Set<string>();
  let total: number | undefined;
  for (let i = 0; i < 6; i++) {
    const answer = await count(gatewayUrl);
    gatewayWorkers.add(answer.worker!);
    total ??= answer.total;
    expect(answer.total).toBe(total);
  }
  expect(total).toBeGreaterThan(0);
  expect(gatewayWorkers.size).toBe(2);
  expect(gatewayWorkers.has(String(gateway.child.pid))).toBe(false);

  // /metrics, whichever worker answers, sums every worker's counters: the six queries above.
  for (let i = 0; i < 2; i++) {
    const metrics = (await send(`http://127.0.0.1:${gatewayPort}/metrics`)).body;
    expect(metrics).toMatch(/^ngo_hub_gateway_requests_total\{service="gateway"\} 6$/m);
  }
  const subgraphMetrics = (await send(`${subgraphUrl}/metrics`)).body;
  expect(subgraphMetrics).toMatch(/^ngo_hub_graphql_requests_total\{subgraph="partnerships"\} 6$/m);

  // SIGKILL one worker of each: the other goes on answering every request while the primary replaces it.
  const [killedGatewayWorker] = gatewayWorkers;
  const [killedSubgraphWorker] = subgraphWorkers;
  process.kill(Number(killedGatewayWorker), 'SIGKILL');
  process.kill(Number(killedSubgraphWorker), 'SIGKILL');
  // The primary learns of the death at once (its IPC channel closes); from then on no connection goes to it.
  await gateway.waitFor(/gateway worker \d exited unexpectedly \(SIGKILL\); restarting it in \d+ ms/, 5_000);
  await subgraph.waitFor(/partnerships worker \d exited unexpectedly \(SIGKILL\); restarting it in \d+ ms/, 5_000);
  const during: string[] = [];
  const back = Promise.all([
    gateway.waitFor(/gateway worker \d is back/, 30_000),
    subgraph.waitFor(/partnerships worker \d is back/, 60_000),
  ]);
  let replaced = false;
  void back.then(() => (replaced = true));
  while (!replaced) {
    const answer = await count(gatewayUrl);
    expect(answer.total).toBe(total);
    during.push(answer.worker!);
  }
  await back;
  expect(during.length).toBeGreaterThan(0);
  expect(during).not.toContain(killedGatewayWorker);

  // Two workers again, the replacement a new process.
  const gatewayAfter = await eventually(async () => {
    const seen = await workersAnswering(gatewayUrl, 6, COUNT);
    return seen.size === 2 ? seen : undefined;
  }, 10_000);
  expect(gatewayAfter.has(killedGatewayWorker!)).toBe(false);
  const subgraphAfter = await eventually(async () => {
    const seen = await workersAnswering(`${subgraphUrl}/health`, 6);
    return seen.size === 2 ? seen : undefined;
  }, 10_000);
  expect(subgraphAfter.has(killedSubgraphWorker!)).toBe(false);

  await stopAndCheck(gateway);
  await stopAndCheck(subgraph);
}, 240_000);

#!/usr/bin/env node
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { workersSetting } from '@ngo-hub/kit/cluster';
import { SUBGRAPH_DEFAULT_PORTS as SUBGRAPH_PORTS, SUBGRAPHS, type SubgraphName } from '@ngo-hub/kit/roster';
import {
  chooseOperations,
  datasetSize,
  pendingIntegrationEvents,
  waitForQuietDatabase,
  type Operation,
} from './operations.js';
import { FLOORS, type FloorMeasurement, firstFloorAnswer, measureFloor } from './floor.js';
import {
  freePort,
  RATE_LIMITS_OFF,
  cpuSeconds,
  peakRssMiB,
  portInUse,
  resetPeakRss,
  startPinned,
  stop,
  tail,
  waitUntil,
  type Started,
} from './processes.js';

/**
 * `npm run bench`: the four subgraphs on DATABASE_URL, then each gateway in turn (ours, Hive
 * Gateway with its JavaScript planner, Hive Gateway with the Rust planner) pinned to core 0, every
 * operation driven by autocannon at fixed concurrency after a warm-up. See README "Benchmark".
 */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const SUPERGRAPH = resolve(repoRoot, 'schema/supergraph.graphql');
// The subgraphs run on their default ports: the ones the committed supergraph points every gateway at.
const PORT_RANGE = `${SUBGRAPH_PORTS[SUBGRAPHS[0]]}–${SUBGRAPH_PORTS[SUBGRAPHS[SUBGRAPHS.length - 1]]}`;
// The gateway under test gets core 0 to itself; the subgraphs and this load generator share core 1.
// PostgreSQL is the machine's own service and is not pinned.
const PINNED_GATEWAY_CORE = '0';
const PINNED_OTHERS_CORE = '1';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '10' },
    only: { type: 'string' },
    gateways: { type: 'string', default: 'ours,ours-nocache,hive-js,hive-rust' },
    output: { type: 'string', default: resolve(repoRoot, 'bench-results.json') },
    /** WORKERS of our gateway and the subgraphs (`--fork` of Hive Gateway); given, nothing is pinned. */
    workers: { type: 'string' },
    /** A previous run's results file: req/s and p97.5 of this run are printed as ratios to it. */
    baseline: { type: 'string' },
  },
});
const workersParsed = args.workers === undefined ? undefined : workersSetting.safeParse(args.workers);
if (workersParsed && !workersParsed.success) {
  console.error('--workers must be auto or a number of workers');
  process.exit(64);
}
const workers = workersParsed?.data;
// A cluster pinned to one core gains nothing: with --workers (1 too, for a like-for-like baseline) every process may use every core.
const allCores = `0-${cpus().length - 1}`;
const GATEWAY_CORE = workers === undefined ? PINNED_GATEWAY_CORE : allCores;
const OTHERS_CORE = workers === undefined ? PINNED_OTHERS_CORE : allCores;
const workersEnv = workers === undefined ? {} : { WORKERS: String(workers) };
const duration = Number(args.duration);
const warmup = Number(args.warmup);
const concurrency = Number(args.concurrency);
if (![duration, warmup, concurrency].every((n) => Number.isFinite(n) && n >= 0) || duration <= 0 || concurrency < 1) {
  console.error('--duration and --concurrency must be positive numbers, --warmup a number of seconds');
  process.exit(64);
}

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error(`DATABASE_URL is required: the PostgreSQL database holding the national data set.
Create it once (about 100k organisations, 1M events, 300k grants):
  createdb -h 127.0.0.1 -U postgres ngo_hub_national
  DATABASE_URL=postgresql://postgres@127.0.0.1:5432/ngo_hub_national npm run data:national
then:
  DATABASE_URL=postgresql://postgres@127.0.0.1:5432/ngo_hub_national npm run bench`);
  process.exit(64);
}

interface GatewaySpec {
  name: string;
  label: string;
  command: (port: number) => string[];
  env?: Record<string, string>;
}

const hiveBin = resolve(repoRoot, 'node_modules/@graphql-hive/gateway/dist/bin.js');
const hiveConfig = fileURLToPath(new URL('./hive-gateway.config.js', import.meta.url));
const hiveCommand = (port: number, extra: string[]) => [
  process.execPath,
  hiveBin,
  'supergraph',
  SUPERGRAPH,
  '--config-path',
  hiveConfig,
  '--port',
  String(port),
  '--host',
  '127.0.0.1',
  '--fork',
  String(workers ?? 1),
  ...extra,
];
const ALL_GATEWAYS: GatewaySpec[] = [
  // Ours as configured by default (public-query response cache, 30 s), and without the cache: the
  // fair like-for-like comparison with Hive Gateway, which runs without a response cache here.
  {
    name: 'ours',
    label: 'ours (Apollo Gateway, response cache)',
    command: () => [process.execPath, resolve(repoRoot, 'gateway/dist/main.js')],
  },
  {
    name: 'ours-nocache',
    label: 'ours (Apollo Gateway, no response cache)',
    env: { RESPONSE_CACHE_TTL_SECONDS: '0' },
    command: () => [process.execPath, resolve(repoRoot, 'gateway/dist/main.js')],
  },
  { name: 'hive-js', label: 'Hive Gateway, JS planner', command: (port) => hiveCommand(port, []) },
  {
    name: 'hive-rust',
    label: 'Hive Gateway, --hive-router-runtime',
    command: (port) => hiveCommand(port, ['--hive-router-runtime']),
  },
];
const gateways = args.gateways!.split(',').map((name) => {
  const spec = ALL_GATEWAYS.find((g) => g.name === name.trim());
  if (!spec) throw new Error(`unknown gateway ${name}; known: ${ALL_GATEWAYS.map((g) => g.name).join(', ')}`);
  return spec;
});

interface Measurement {
  status: 'ok' | 'failed';
  error?: string;
  requests?: number;
  requestsPerSecond?: number;
  latencyMs?: { p50: number; p95: number; p97_5: number; p99: number; max: number; mean: number };
  /** Share of answers our gateway served from its response cache (`x-cache: HIT`); absent for others. */
  cacheHitRate?: number;
  non2xx?: number;
  transportErrors?: number;
  timeouts?: number;
  graphqlErrors?: number;
  sqlStatementsPerRequest?: number;
  subgraphFetchesPerRequest?: number;
  /** CPU the gateway process (with its workers) spent per request sent: its own cost, apart from the subgraphs'. */
  gatewayCpuMsPerRequest?: number;
  /** The same for the subgraphs together. */
  subgraphsCpuMsPerRequest?: number;
  peakRssMiB?: { gateway: number | null } & Partial<Record<SubgraphName, number | null>>;
  /** The first variable set's `data` is identical to our gateway's answer. */
  sameDataAsOurs?: boolean;
}

const logDir = join(tmpdir(), 'ngo-hub-bench');
mkdirSync(logDir, { recursive: true });
const subgraphProcesses = new Map<SubgraphName, Started>();
let currentGateway: Started | undefined;

async function cleanup(): Promise<void> {
  if (currentGateway) await stop(currentGateway);
  await Promise.all([...subgraphProcesses.values()].map(stop));
}
process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
process.once('SIGTERM', () => void cleanup().then(() => process.exit(143)));

const post = async (url: string, body: string) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    signal: AbortSignal.timeout(30_000),
  });
  return {
    status: response.status,
    json: (await response.json()) as { data?: unknown; errors?: { message: string }[] },
  };
};

/** Sums a counter over every series in a Prometheus text page. */
function counter(text: string, name: string): number {
  let sum = 0;
  for (const line of text.split('\n'))
    if (line.startsWith(`${name}{`) || line.startsWith(`${name} `))
      sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  return sum;
}

async function subgraphTotals(): Promise<{ requests: number; statements: number }> {
  let requests = 0;
  let statements = 0;
  for (const name of SUBGRAPHS) {
    const text = await (await fetch(`http://127.0.0.1:${SUBGRAPH_PORTS[name]}/metrics`)).text();
    requests += counter(text, 'ngo_hub_graphql_requests_total');
    statements += counter(text, 'ngo_hub_sql_statements_total');
  }
  return { requests, statements };
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const subgraphsCpuSeconds = () => [...subgraphProcesses.values()].reduce((sum, p) => sum + cpuSeconds(p.pid), 0);
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const ERRORS_IN_BODY = /"errors"\s*:/;
const CHECKED_SETS = 20;

/** The request bodies of one operation and where the rotation stands: the measured run goes on where the warm-up stopped. */
interface Rotation {
  bodies: string[];
  next: number;
}

async function drive(
  url: string,
  rotation: Rotation,
  seconds: number,
  onLatency?: (ms: number) => void,
  onBody?: (body: string, headers: Record<string, string>) => void,
) {
  const { bodies } = rotation;
  const instance = autocannon({
    url,
    method: 'POST',
    connections: concurrency,
    duration: seconds,
    timeout: 30,
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request) => ({ ...request, body: bodies[rotation.next++ % bodies.length] }),
        ...(onBody
          ? {
              onResponse: (_status: number, body: string, _context: unknown, headers?: Record<string, unknown>) =>
                onBody(body, (headers ?? {}) as Record<string, string>),
            }
          : {}),
      },
    ],
  }) as unknown as autocannon.Instance & Promise<autocannon.Result>; // without a callback it is both
  if (onLatency)
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (status >= 200 && status < 300) onLatency(ms);
    });
  return instance;
}

async function measure(
  gateway: Started,
  url: string,
  operation: Operation,
  ourSamples: Map<string, string>,
  isOurs: boolean,
): Promise<Measurement> {
  const bodies = operation.variables.map((variables) => JSON.stringify({ query: operation.query, variables }));
  // The first sets one by one: an operation that errors is reported as failed, never as fast. (Not all
  // of them: the calendar has thousands; an error during the measured run marks it failed as well.)
  let sameDataAsOurs: boolean | undefined;
  for (const [i, body] of bodies.slice(0, CHECKED_SETS).entries()) {
    const { status, json } = await post(url, body);
    if (status !== 200 || json.errors?.length || json.data == null) {
      return {
        status: 'failed',
        error: `HTTP ${status} for variables ${JSON.stringify(operation.variables[i])}: ${json.errors?.map((e) => e.message).join('; ') ?? 'no data'}`,
      };
    }
    if (i === 0) {
      const data = JSON.stringify(json.data);
      if (isOurs) ourSamples.set(operation.name, data);
      sameDataAsOurs = ourSamples.has(operation.name) ? ourSamples.get(operation.name) === data : undefined;
    }
  }
  // Past the sets checked above, so neither the check nor the warm-up lets the run start on answers just cached.
  const rotation: Rotation = { bodies, next: Math.min(CHECKED_SETS, bodies.length) };
  if (warmup > 0) await drive(url, rotation, warmup);
  await new Promise((r) => setTimeout(r, 300)); // requests still in flight when a run stops land here

  for (const p of [gateway, ...subgraphProcesses.values()]) resetPeakRss(p.pid);
  const before = await subgraphTotals();
  const cpuBefore = { gateway: cpuSeconds(gateway.pid), subgraphs: subgraphsCpuSeconds() };
  const latencies: number[] = [];
  let graphqlErrors = 0;
  let cacheHits = 0;
  let cacheLookups = 0;
  const result = await drive(
    url,
    rotation,
    duration,
    (ms) => latencies.push(ms),
    (body, headers) => {
      if (ERRORS_IN_BODY.test(body)) graphqlErrors += 1;
      if (headers['x-cache']) cacheLookups += 1;
      if (headers['x-cache'] === 'HIT') cacheHits += 1;
    },
  );
  await new Promise((r) => setTimeout(r, 300)); // let in-flight subgraph calls land in the counters
  const after = await subgraphTotals();
  const cpuAfter = { gateway: cpuSeconds(gateway.pid), subgraphs: subgraphsCpuSeconds() };
  const rss = { gateway: peakRssMiB(gateway.pid) } as NonNullable<Measurement['peakRssMiB']>;
  for (const [name, p] of subgraphProcesses) rss[name] = peakRssMiB(p.pid);

  const sorted = Float64Array.from(latencies).sort();
  const completed = result.requests.total;
  // Subgraph counters include the calls of requests still in flight when autocannon stopped (it
  // counts them as sent, not completed); divide by what was sent so the cost per request is exact.
  const sent = Math.max(result.requests.sent, completed);
  const seconds = (new Date(result.finish).getTime() - new Date(result.start).getTime()) / 1000;
  const failed = result.non2xx > 0 || result.errors > 0 || graphqlErrors > 0 || completed === 0;
  return {
    status: failed ? 'failed' : 'ok',
    ...(failed
      ? {
          error:
            completed === 0 && result.errors === 0
              ? `no request completed within the ${duration} s run (each takes longer at concurrency ${concurrency})`
              : `${result.non2xx} non-2xx, ${result.errors} transport errors (${result.timeouts} timeouts after 30 s), ${graphqlErrors} responses with GraphQL errors`,
        }
      : {}),
    requests: completed,
    requestsPerSecond: round(completed / seconds),
    latencyMs: {
      p50: round(percentile(sorted, 50), 2),
      p95: round(percentile(sorted, 95), 2),
      p97_5: round(percentile(sorted, 97.5), 2),
      p99: round(percentile(sorted, 99), 2),
      max: round(sorted.at(-1) ?? NaN, 2),
      mean: round(result.latency.mean, 2),
    },
    ...(cacheLookups > 0 ? { cacheHitRate: round(cacheHits / cacheLookups, 3) } : {}),
    non2xx: result.non2xx,
    transportErrors: result.errors,
    timeouts: result.timeouts,
    graphqlErrors,
    sqlStatementsPerRequest: round((after.statements - before.statements) / sent, 2),
    subgraphFetchesPerRequest: round((after.requests - before.requests) / sent, 2),
    gatewayCpuMsPerRequest: round(((cpuAfter.gateway - cpuBefore.gateway) * 1000) / sent, 2),
    subgraphsCpuMsPerRequest: round(((cpuAfter.subgraphs - cpuBefore.subgraphs) * 1000) / sent, 2),
    peakRssMiB: rss,
    sameDataAsOurs,
  };
}

function packageVersion(path: string): string {
  try {
    return (
      JSON.parse(readFileSync(resolve(repoRoot, 'node_modules', path, 'package.json'), 'utf8')) as { version: string }
    ).version;
  } catch {
    return 'unknown';
  }
}

const pad = (value: unknown, width: number) => String(value ?? '—').padStart(width);
const fmt = (n: number | undefined | null, digits = 1) => (n == null || Number.isNaN(n) ? '—' : n.toFixed(digits));

function printOperation(operation: Operation, rows: Record<string, Measurement>, floor?: FloorMeasurement): void {
  console.log(
    `\n${operation.name} — ${operation.description} (${operation.variables.length} variable sets, p97.5 target ${operation.targetP975Ms} ms)`,
  );
  console.log(
    `${'gateway'.padEnd(13)}${pad('req/s', 9)}${pad('p50 ms', 9)}${pad('p97.5 ms', 10)}${pad('p99 ms', 9)}${pad('hits', 7)}${pad('SQL/req', 9)}${pad('fetch/req', 10)}${pad('CPU gw', 8)}${pad('CPU sg', 8)}${pad('RSS gw', 8)}  RSS subgraphs MiB   notes`,
  );
  for (const [name, m] of Object.entries(rows)) {
    if (m.status === 'failed' && !m.requests) {
      console.log(`${name.padEnd(13)}FAILED: ${m.error}`);
      continue;
    }
    const rss = m.peakRssMiB!;
    const subgraphs = SUBGRAPHS.map((s) => fmt(rss[s], 0)).join('/');
    const notes = [
      m.status === 'failed' ? `FAILED: ${m.error}` : '',
      m.sameDataAsOurs === false ? 'data differs from ours' : '',
    ]
      .filter(Boolean)
      .join('; ');
    const hits = m.cacheHitRate === undefined ? '—' : `${Math.round(m.cacheHitRate * 100)}%`;
    console.log(
      `${name.padEnd(13)}${pad(fmt(m.requestsPerSecond), 9)}${pad(fmt(m.latencyMs!.p50), 9)}${pad(fmt(m.latencyMs!.p97_5), 10)}${pad(fmt(m.latencyMs!.p99), 9)}${pad(hits, 7)}${pad(fmt(m.sqlStatementsPerRequest, 2), 9)}${pad(fmt(m.subgraphFetchesPerRequest, 2), 10)}${pad(fmt(m.gatewayCpuMsPerRequest, 2), 8)}${pad(fmt(m.subgraphsCpuMsPerRequest, 2), 8)}${pad(fmt(rss.gateway, 0), 8)}  ${subgraphs.padEnd(20)}${notes}`,
    );
  }
  if (floor)
    console.log(
      `${'SQL floor'.padEnd(13)}${pad(fmt(floor.requestsPerSecond), 9)}${pad(fmt(floor.latencyMs.p50), 9)}${pad(fmt(floor.latencyMs.p97_5), 10)}${pad(fmt(floor.latencyMs.p99), 9)}${pad('—', 7)}${pad('1.00', 9)}    one hand-written statement, ${concurrency} connections`,
    );
  for (const variant of ['ours', 'ours-nocache'])
    for (const other of ['hive-js', 'hive-rust']) {
      const [ours, theirs] = [rows[variant], rows[other]];
      if (ours?.status === 'ok' && theirs?.status === 'ok')
        console.log(
          `  ${variant} ÷ ${other}: req/s ${fmt(ours.requestsPerSecond! / theirs.requestsPerSecond!, 2)}×, p97.5 ${fmt(ours.latencyMs!.p97_5 / theirs.latencyMs!.p97_5, 2)}×, gateway CPU per request ${fmt(ours.gatewayCpuMsPerRequest! / theirs.gatewayCpuMsPerRequest!, 2)}×`,
        );
    }
}

async function main(): Promise<void> {
  // This process drives the load: it stays off the gateway's core.
  execFileSync('taskset', ['-a', '-p', '-c', OTHERS_CORE, String(process.pid)], { stdio: 'ignore' });
  const busy = [];
  for (const name of SUBGRAPHS)
    if (await portInUse(SUBGRAPH_PORTS[name])) busy.push(`${name} (${SUBGRAPH_PORTS[name]})`);
  if (busy.length)
    throw new Error(
      `ports in use: ${busy.join(', ')}; the committed supergraph points every gateway at ${PORT_RANGE}, stop what runs there`,
    );

  console.log(
    `ngo-hub benchmark: ${duration} s per operation per gateway after ${warmup} s warm-up, ${concurrency} connections; logs in ${logDir}`,
  );
  console.log(
    workers === undefined
      ? `one process per service; gateway pinned to core ${GATEWAY_CORE}, subgraphs and driver to core ${OTHERS_CORE} (machine: ${cpus().length} cores)`
      : `WORKERS=${workers} for our gateway and every subgraph (Hive Gateway --fork ${workers}), every process on all ${cpus().length} cores`,
  );
  const data = await datasetSize(databaseUrl!);
  console.log(
    `data set: ${Object.entries(data)
      .map(([k, v]) => `${v.toLocaleString('en')} ${k}`)
      .join(', ')}`,
  );
  const allOperations = await chooseOperations(databaseUrl!);
  const only = args.only?.split(',').map((s) => s.trim());
  const operations = only ? allOperations.filter((o) => only.includes(o.name)) : allOperations;
  if (operations.length === 0)
    throw new Error(`--only matches no operation; known: ${allOperations.map((o) => o.name).join(', ')}`);

  // Subgraphs: started once, on the supergraph's ports, shared by every gateway in turn.
  const internalToken = randomBytes(24).toString('hex');
  for (const name of SUBGRAPHS) {
    subgraphProcesses.set(
      name,
      startPinned(
        name,
        OTHERS_CORE,
        [process.execPath, resolve(repoRoot, `subgraphs/${name}/dist/main.js`)],
        {
          ...process.env,
          NODE_ENV: 'production',
          PORT: String(SUBGRAPH_PORTS[name]),
          HOST: '0.0.0.0',
          DATABASE_URL: databaseUrl,
          DEMO_DATA: 'false',
          LOG_LEVEL: 'warn',
          ...workersEnv,
          INTERNAL_TOKEN: internalToken,
          EVENT_SUBSCRIBERS: SUBGRAPHS.filter((o) => o !== name)
            .map((o) => `http://127.0.0.1:${SUBGRAPH_PORTS[o]}`)
            .join(','),
        },
        repoRoot,
        join(logDir, `${name}.log`),
      ),
    );
  }
  await Promise.all(
    [...subgraphProcesses.values()].map((p) =>
      waitUntil(
        p,
        300_000,
        async () =>
          (
            await fetch(`http://127.0.0.1:${SUBGRAPH_PORTS[p.name as SubgraphName]}/health`, {
              signal: AbortSignal.timeout(2000),
            })
          ).ok,
      ),
    ),
  );
  console.log(`subgraphs ready on ${PORT_RANGE} (cores ${OTHERS_CORE})`);
  const drainDeadline = Date.now() + 20 * 60_000;
  for (
    let pending = await pendingIntegrationEvents(databaseUrl!);
    pending > 0;
    pending = await pendingIntegrationEvents(databaseUrl!)
  ) {
    if (Date.now() > drainDeadline) throw new Error(`${pending} integration events still undelivered after 20 minutes`);
    console.log(
      `waiting for the subgraphs to deliver ${pending.toLocaleString('en')} pending integration events before measuring…`,
    );
    await new Promise((r) => setTimeout(r, 15_000));
  }

  const results: Record<string, Record<string, Measurement>> = Object.fromEntries(operations.map((o) => [o.name, {}]));
  const gatewayStatus: Record<string, { status: 'ok' | 'failed'; error?: string }> = {};
  const ourSamples = new Map<string, string>();
  for (const spec of gateways) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/graphql`;
    const started = startPinned(
      spec.name,
      GATEWAY_CORE,
      spec.command(port),
      {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        // Ours unthrottled (the Hive gateways ignore these): the benchmark measures throughput, not 429s.
        ...RATE_LIMITS_OFF,
        ...workersEnv,
        // The subgraphs answer `_entities` only to a gateway that sends their token.
        INTERNAL_TOKEN: internalToken,
        ...spec.env,
      },
      repoRoot,
      join(logDir, `gateway-${spec.name}.log`),
    );
    currentGateway = started;
    try {
      await waitUntil(started, 120_000, async () => {
        const { status, json } = await post(url, '{"query":"{ __typename }"}');
        return status === 200 && (json.data as { __typename?: string } | undefined)?.__typename === 'Query';
      });
      gatewayStatus[spec.name] = { status: 'ok' };
      console.log(`\n== ${spec.label}: ${url} (pid ${started.pid}, core ${GATEWAY_CORE})`);
      for (const operation of operations) {
        const cancelled = await waitForQuietDatabase(databaseUrl!, 60_000);
        if (cancelled)
          console.log(`  (cancelled ${cancelled} statements still running after 60 s from the previous operation)`);
        const m = await measure(started, url, operation, ourSamples, spec.name === 'ours-nocache');
        results[operation.name]![spec.name] = m;
        console.log(
          `  ${operation.name}: ${m.status === 'ok' ? `${fmt(m.requestsPerSecond)} req/s, p97.5 ${fmt(m.latencyMs?.p97_5)} ms` : `FAILED ${m.error}`}`,
        );
      }
    } catch (error) {
      const message = (error as Error).message;
      gatewayStatus[spec.name] = { status: 'failed', error: message };
      console.log(`\n== ${spec.label}: FAILED to start\n${message}`);
      for (const operation of operations)
        results[operation.name]![spec.name] = {
          status: 'failed',
          error: `gateway did not start: ${message.split('\n')[0]}`,
        };
    } finally {
      await stop(started);
      currentGateway = undefined;
    }
  }
  for (const p of subgraphProcesses.values())
    if (p.child.exitCode !== null) console.log(`warning: subgraph ${p.name} exited during the run:\n${tail(p.log)}`);
  await Promise.all([...subgraphProcesses.values()].map(stop));

  // The floors last, with the subgraphs stopped: the statement alone against the same PostgreSQL.
  const floors: Record<string, FloorMeasurement> = {};
  for (const operation of operations) {
    const floor = FLOORS[operation.name];
    if (!floor) continue;
    await waitForQuietDatabase(databaseUrl!, 60_000);
    const values = operation.variables.map((v) => v[floor.variable]);
    const ours = ourSamples.get(operation.name);
    const measured = await measureFloor(databaseUrl!, floor, values, concurrency, duration, warmup, percentile);
    floors[operation.name] = {
      ...measured,
      ...(ours
        ? {
            sameDataAsOurs: floor.digest(JSON.parse(ours)) === (await firstFloorAnswer(databaseUrl!, floor, values[0])),
          }
        : {}),
    };
    console.log(
      `\n== SQL floor of ${operation.name}: ${fmt(measured.requestsPerSecond)} statements/s, p50 ${fmt(measured.latencyMs.p50)} ms, p97.5 ${fmt(measured.latencyMs.p97_5)} ms${floors[operation.name]!.sameDataAsOurs === false ? ' — DATA DIFFERS from our gateway' : ''}`,
    );
  }

  console.log('\n== Results');
  for (const operation of operations) printOperation(operation, results[operation.name]!, floors[operation.name]);

  const targets = evaluateTargets(operations, results, floors);
  console.log('\n== Targets');
  for (const t of targets) console.log(`  ${t.met ? 'met   ' : 'MISSED'} ${t.target}: ${t.measured}`);

  const output = {
    command: `DATABASE_URL=<database> npm run bench -- --duration ${duration} --warmup ${warmup} --concurrency ${concurrency}${args.only ? ` --only ${args.only}` : ''}${args.gateways !== 'ours,ours-nocache,hive-js,hive-rust' ? ` --gateways ${args.gateways}` : ''}`,
    date: new Date().toISOString(),
    database: new URL(databaseUrl!).pathname.slice(1),
    dataSet: data,
    settings: {
      durationSeconds: duration,
      warmupSeconds: warmup,
      concurrency,
      workers: workers ?? 1,
      pinning: `gateway under test: taskset -c ${GATEWAY_CORE}; subgraphs and the autocannon driver: taskset -c ${OTHERS_CORE}; PostgreSQL: not pinned (system service)`,
      hiveGateway:
        'outbound deduplicateInflightRequests=false (transportEntries *.http), inboundInflightRequestDeduplication=false, no response cache, no --jit, --fork 1, maxDepth 12, maxTokens 5000',
      nodeEnv: 'production for every process',
      rssOf: 'each service process together with its cluster workers',
    },
    machine: {
      nproc: cpus().length,
      cpu: cpus()[0]?.model ?? 'unknown',
      loadAverageAtStart: loadavg().map((n) => round(n, 2)),
      node: process.version,
    },
    versions: {
      '@apollo/gateway': packageVersion('@apollo/gateway'),
      '@apollo/server': packageVersion('@apollo/server'),
      '@graphql-hive/gateway': packageVersion('@graphql-hive/gateway'),
      '@graphql-hive/router-runtime': packageVersion('@graphql-hive/router-runtime'),
      '@graphql-hive/router-query-planner': packageVersion('@graphql-hive/router-query-planner'),
      autocannon: packageVersion('autocannon'),
    },
    gateways: gatewayStatus,
    operations: operations.map((o) => ({
      name: o.name,
      description: o.description,
      variableSets: o.variables.length,
      query: o.query,
      results: results[o.name],
      ...(floors[o.name] ? { floor: { statement: FLOORS[o.name]!.statement.trim(), ...floors[o.name] } } : {}),
    })),
    targets,
  };
  writeFileSync(args.output!, `${JSON.stringify(output, null, 2)}\n`);
  console.log(`\nresults written to ${args.output}`);
  if (args.baseline) printEffect(JSON.parse(readFileSync(args.baseline, 'utf8')), output);
}

interface ResultsFile {
  settings: { workers?: number };
  machine: { nproc: number };
  operations: { name: string; results: Record<string, Measurement> }[];
}

/** This run against a baseline run, operation by operation: what WORKERS bought on this machine's cores. */
function printEffect(baseline: ResultsFile, current: ResultsFile): void {
  console.log(
    `\n== Effect: WORKERS=${current.settings.workers ?? 1} against the baseline (WORKERS=${baseline.settings.workers ?? 1}), ${current.machine.nproc} cores`,
  );
  for (const operation of current.operations) {
    const before = baseline.operations.find((o) => o.name === operation.name)?.results ?? {};
    for (const [gateway, now] of Object.entries(operation.results)) {
      const then = before[gateway];
      if (now.status !== 'ok' || then?.status !== 'ok') continue;
      console.log(
        `  ${operation.name.padEnd(14)}${gateway.padEnd(14)}req/s ${fmt(then.requestsPerSecond)} → ${fmt(now.requestsPerSecond)} (${fmt(now.requestsPerSecond! / then.requestsPerSecond!, 2)}×)   p97.5 ${fmt(then.latencyMs!.p97_5)} → ${fmt(now.latencyMs!.p97_5)} ms`,
      );
    }
  }
}

/** The issue's targets: each met or missed, with the figure and, when missed, by how much. */
function evaluateTargets(
  operations: Operation[],
  results: Record<string, Record<string, Measurement>>,
  floors: Record<string, FloorMeasurement>,
) {
  const targets: { target: string; met: boolean; measured: string }[] = [];
  for (const operation of operations) {
    const shipped = results[operation.name]!.ours;
    if (shipped) {
      const p = shipped.latencyMs?.p97_5;
      targets.push({
        target: `${operation.name}, as shipped: p97.5 ≤ ${operation.targetP975Ms} ms at concurrency ${concurrency}`,
        met: shipped.status === 'ok' && p !== undefined && p <= operation.targetP975Ms,
        measured:
          shipped.status === 'ok'
            ? `${fmt(p)} ms${p! > operation.targetP975Ms ? ` (${fmt(p! / operation.targetP975Ms, 1)}× the target)` : ''}`
            : `failed: ${shipped.error}`,
      });
    }
    const uncached = results[operation.name]!['ours-nocache'];
    const hiveJs = results[operation.name]!['hive-js'];
    if (uncached && hiveJs) {
      const ratio =
        uncached.status === 'ok' && hiveJs.status === 'ok'
          ? uncached.requestsPerSecond! / hiveJs.requestsPerSecond!
          : undefined;
      targets.push({
        target: `${operation.name}, response cache off: req/s ≥ 1.2× Hive Gateway's JS planner`,
        met: ratio !== undefined && ratio >= 1.2,
        measured:
          ratio === undefined
            ? `not comparable: ${uncached.error ?? hiveJs.error}`
            : `${fmt(ratio, 2)}× (${fmt(uncached.requestsPerSecond)} vs ${fmt(hiveJs.requestsPerSecond)} req/s; gateway CPU per request ${fmt(uncached.gatewayCpuMsPerRequest, 2)} vs ${fmt(hiveJs.gatewayCpuMsPerRequest, 2)} ms)`,
      });
    }
    const floor = floors[operation.name];
    if (floor)
      for (const variant of ['ours', 'ours-nocache'] as const) {
        const m = results[operation.name]![variant];
        if (m?.status !== 'ok') continue;
        const ratio = m.latencyMs!.p50 / floor.latencyMs.p50;
        targets.push({
          target: `${operation.name} (${variant}): p50 through the gateway ≤ 3× one hand-written SQL statement`,
          met: ratio <= 3,
          measured: `${fmt(ratio, 2)}× (${fmt(m.latencyMs!.p50)} vs ${fmt(floor.latencyMs.p50)} ms)`,
        });
      }
  }
  // Without the response cache: with it, repeated requests send no SQL at all.
  const twenty = results.directory?.['ours-nocache'];
  const hundred = results['directory-100']?.['ours-nocache'];
  if (twenty?.status === 'ok' && hundred?.status === 'ok') {
    targets.push({
      target: 'SQL statements per request independent of page size (directory 20 vs 100)',
      met: twenty.sqlStatementsPerRequest === hundred.sqlStatementsPerRequest,
      measured: `${fmt(twenty.sqlStatementsPerRequest, 2)} vs ${fmt(hundred.sqlStatementsPerRequest, 2)}`,
    });
  }
  return targets;
}

try {
  await main();
} catch (error) {
  console.error(`benchmark failed: ${(error as Error).message}`);
  await cleanup();
  process.exit(1);
}

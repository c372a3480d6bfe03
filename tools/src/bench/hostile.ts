#!/usr/bin/env node
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getIntrospectionQuery } from 'graphql';
import { perSubgraph, SUBGRAPHS, subgraphPortVariable } from '@ngo-hub/kit/roster';
import { freePort, peakRssMiB, RATE_LIMITS_OFF, resetPeakRss } from './processes.js';

/**
 * `npm run bench:hostile`: starts the stack as `npm start` does (embedded PGlite in a temporary folder,
 * or DATABASE_URL), throws hostile queries at the gateway and straight at a subgraph, and prints for
 * each the HTTP status, the answer's code, the time and the subgraphs' peak RSS. A row passes when it
 * is answered or refused within 2 s and no subgraph went above 1 GiB. Exit code 1 if any row fails.
 */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const TIME_LIMIT_MS = 2000;
const RSS_LIMIT_MIB = 1024;

const [gatewayPort, ...subgraphPorts] = await Promise.all(['gateway', ...SUBGRAPHS].map(() => freePort()));
const ports = perSubgraph(
  (name) => name,
  (name) => subgraphPorts[SUBGRAPHS.indexOf(name)]!,
);
const dataDir = mkdtempSync(join(tmpdir(), 'ngo-hub-hostile-'));
const internalToken = randomBytes(24).toString('hex');
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: String(gatewayPort),
  ...perSubgraph(subgraphPortVariable, (name) => String(ports[name])),
  DATA_DIR: dataDir,
  INTERNAL_TOKEN: internalToken,
  LOG_LEVEL: 'warn',
  RESPONSE_CACHE_TTL_SECONDS: '0',
  // Not throttled: every hostile query must reach the query limits it is meant to test.
  ...RATE_LIMITS_OFF,
};
console.log(`Starting the stack on ${process.env.DATABASE_URL ? 'DATABASE_URL' : `embedded PGlite in ${dataDir}`} ...`);
const stack = spawn(process.execPath, [resolve(repoRoot, 'tools/dist/launcher/stack.js')], {
  cwd: repoRoot,
  env,
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
stack.stdout!.on('data', (chunk) => (output += chunk));
stack.stderr!.on('data', (chunk) => (output += chunk));
const gatewayUrl = await new Promise<string>((done, fail) => {
  const timer = setTimeout(() => fail(new Error(`no gateway within 300 s:\n${output}`)), 300_000);
  stack.stdout!.on('data', () => {
    const match = /gateway ready in [\d.]+ s: (\S+)/.exec(output);
    if (match) {
      clearTimeout(timer);
      done(match[1]!);
    }
  });
  stack.once('exit', (code) => fail(new Error(`stack exited with ${code}:\n${output}`)));
});
const organisationsUrl = `http://127.0.0.1:${ports.organisations}/graphql`;

/** The subgraph processes are the stack's children, in start order (SUBGRAPHS). */
function subgraphPids(): number[] {
  return readFileSync(`/proc/${stack.pid}/task/${stack.pid}/children`, 'utf8')
    .trim()
    .split(/\s+/)
    .map(Number)
    .filter(Boolean);
}
const pids = subgraphPids();

interface Attack {
  name: string;
  target?: 'gateway' | 'organisations';
  /** A GraphQL request body (object or array), or raw text. */
  body: unknown;
  headers?: Record<string, string>;
}

const gql = (query: string, variables?: Record<string, unknown>) => ({ query, variables });
const repeat = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join(' ');
const fragmentBomb = (levels: number) =>
  `{ organisations(first: 1) { edges { node { ...F0 } } } } ${repeat(levels, (i) => `fragment F${i} on Organisation { a${i}: name ...F${i + 1} b${i}: shortName ...F${i + 1} }`)} fragment F${levels} on Organisation { name }`;
const ofType = (n: number): string => (n === 0 ? 'name' : `name ofType { ${ofType(n - 1)} }`);

const GMINAS = 'territories(level: GMINA) { code name kind level parent { name parent { name } } }';
const attacks: Attack[] = [
  {
    name: 'legit: directory page of 20',
    body: gql('{ organisations(first: 20) { totalCount edges { node { id name territory { name } } } } }'),
  },
  {
    name: 'legit: standard introspection',
    body: gql(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true })),
  },
  // The heaviest shape under the gateway's cost limit, and the same one step over it.
  { name: 'legit but heavy: 2 × all gminas with parents', body: gql(`{ ${repeat(2, (i) => `t${i}: ${GMINAS}`)} }`) },
  { name: 'over the limit: 3 × all gminas with parents', body: gql(`{ ${repeat(3, (i) => `t${i}: ${GMINAS}`)} }`) },
  {
    name: 'legit: 10 organisations × every list',
    body: gql(
      '{ organisations(first: 10) { edges { node { name memberships { role partnership { name territory { name } } } events(first: 5) { edges { node { title venue { territory { name } } } } } grants { title fundingSources { funder { name } } beneficiaryTerritories { code name } } } } } }',
    ),
  },
  {
    name: 'over the limit: 50 organisations × every list',
    body: gql(
      '{ organisations(first: 50) { edges { node { name memberships { role partnership { name territory { name } } } events(first: 5) { edges { node { title venue { territory { name } } } } } grants { title fundingSources { funder { name } } beneficiaryTerritories { code name } } } } } }',
    ),
  },
  {
    name: 'territories tree × children × organisations',
    body: gql(
      '{ territories(level: POWIAT) { children { children { organisations(first: 100) { edges { node { name identifiers { value } } } } } } } }',
    ),
  },
  {
    name: 'nested unpaged lists (gminas × children × children)',
    body: gql('{ territories(level: GMINA) { children { children { code name } } } }'),
  },
  {
    name: 'alias bomb: 30 aliases × big pages',
    body: gql(
      `{ ${repeat(30, (i) => `a${i}: organisations(first: 100) { edges { node { name grants { partners { name } } } } }`)} }`,
    ),
  },
  {
    name: 'alias bomb: 1000 aliases',
    body: gql(`{ ${repeat(1000, (i) => `a${i}: territory(code: "14") { name }`)} }`),
  },
  {
    name: 'deep nesting: parent × 40',
    body: gql(`{ territory(code: "1465011") { ${'parent { '.repeat(40)} code ${'} '.repeat(40)} } }`),
  },
  { name: 'fragment bomb: 2^30 fields', body: gql(fragmentBomb(30)) },
  {
    name: 'fragment cycle',
    body: gql(
      '{ organisation(id: "00000000-0000-0000-0000-000000000000") { ...A } } fragment A on Organisation { name ...B } fragment B on Organisation { id ...A }',
    ),
  },
  { name: 'huge first', body: gql('{ organisations(first: 100000000) { edges { node { name } } } }') },
  {
    name: 'huge first via variable, nested',
    body: gql(
      'query($n: Int!) { organisations(first: $n) { edges { node { cooperatesWith(first: $n) { edges { node { organisation { cooperatesWith(first: $n) { totalCount } } } } } } } } }',
      { n: 100 },
    ),
  },
  {
    name: 'huge variables: 100k groupBy keys',
    body: gql('query($g: [FundingGroup!]!) { fundingFlows(territory: "14", level: POWIAT, groupBy: $g) { grants } }', {
      g: Array.from({ length: 100_000 }, () => 'YEAR'),
    }),
  },
  {
    name: 'huge variables: 900 kB search text',
    body: gql('query($s: String) { organisations(filter: { search: $s }) { totalCount } }', { s: 'a'.repeat(900_000) }),
  },
  { name: 'body over 1 MB', body: gql('{ __typename }', { pad: 'x'.repeat(1_200_000) }) },
  {
    name: 'batched: 200 operations in one request',
    body: Array.from({ length: 200 }, () => gql('{ organisations(first: 100) { totalCount } }')),
  },
  { name: 'many tokens: 20000 × __typename', body: gql(`{ ${repeat(20_000, () => '__typename')} }`) },
  {
    name: 'directive repetition: 2000 × @include',
    body: gql(`{ organisations(first: 1) ${repeat(2000, () => '@include(if: true)')} { totalCount } }`),
  },
  {
    name: 'introspection bomb: types × fields × type × fields',
    body: gql(
      '{ __schema { types { fields { type { fields { type { fields { type { fields { type { fields { name } } } } } } } } } } } }',
    ),
  },
  {
    name: 'introspection bomb: 25 aliases × ofType × 9',
    body: gql(`{ ${repeat(25, (i) => `s${i}: __schema { types { fields { args { type { ${ofType(6)} } } } } }`)} }`),
  },
  {
    name: 'analytics: flows by every key, all gminas of 14',
    body: gql(
      '{ fundingFlows(territory: "14", level: GMINA, groupBy: [FUNDER, PROGRAMME, YEAR, TERRITORY]) { funder { name } programme { name } year territory { name } currency grants amountAwarded } }',
    ),
  },
  {
    name: 'direct: _entities without token, 10000 wide',
    target: 'organisations',
    body: gql(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Territory { children { organisations(first: 100) { totalCount } } } } }',
      { r: Array.from({ length: 10_000 }, () => ({ __typename: 'Territory', code: '14' })) },
    ),
  },
  { name: 'direct: _service without token', target: 'organisations', body: gql('{ _service { sdl } }') },
  {
    name: 'direct: tree × children × organisations',
    target: 'organisations',
    body: gql(
      '{ territories(level: POWIAT) { children { children { organisations(first: 100) { edges { node { name identifiers { value } } } } } } } }',
    ),
  },
  {
    name: 'direct: alias bomb 1000',
    target: 'organisations',
    body: gql(`{ ${repeat(1000, (i) => `a${i}: territories(level: GMINA) { code }`)} }`),
  },
  {
    name: 'direct: deep nesting parent × 40',
    target: 'organisations',
    body: gql(`{ territory(code: "1465011") { ${'parent { '.repeat(40)} code ${'} '.repeat(40)} } }`),
  },
  {
    name: 'direct: introspection bomb',
    target: 'organisations',
    body: gql(
      '{ __schema { types { fields { type { fields { type { fields { type { fields { type { fields { name } } } } } } } } } } } }',
    ),
  },
  {
    name: 'direct, with token: 4 × all gminas with parents',
    target: 'organisations',
    headers: { 'x-internal-token': internalToken },
    body: gql(`{ ${repeat(4, (i) => `t${i}: ${GMINAS}`)} }`),
  },
  {
    name: 'direct, with token, over its limit: 7 × all gminas',
    target: 'organisations',
    headers: { 'x-internal-token': internalToken },
    body: gql(`{ ${repeat(7, (i) => `t${i}: ${GMINAS}`)} }`),
  },
  {
    name: 'direct, with token: _entities 5000 wide × children × page',
    target: 'organisations',
    headers: { 'x-internal-token': internalToken },
    body: gql(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Territory { children { organisations(first: 100) { totalCount } } } } }',
      { r: Array.from({ length: 5000 }, () => ({ __typename: 'Territory', code: '14' })) },
    ),
  },
];

interface Row {
  name: string;
  target: string;
  status: string;
  code: string;
  ms: number;
  peakMiB: number;
  ok: boolean;
}
const rows: Row[] = [];
for (const attack of attacks) {
  for (const pid of pids) resetPeakRss(pid);
  const url = attack.target === 'organisations' ? organisationsUrl : gatewayUrl;
  const started = performance.now();
  let status = '-';
  let code = '-';
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...attack.headers },
      body: typeof attack.body === 'string' ? attack.body : JSON.stringify(attack.body),
      signal: AbortSignal.timeout(60_000),
    });
    status = String(response.status);
    const text = await response.text();
    try {
      const body = JSON.parse(text);
      const first = Array.isArray(body) ? body[0] : body;
      code =
        first?.errors?.[0]?.extensions?.code ?? first?.code ?? (first?.errors ? 'error' : first?.data ? 'data' : '-');
    } catch {
      code = 'not JSON';
    }
  } catch (error) {
    status = (error as Error).name === 'TimeoutError' ? 'timeout' : 'failed';
  }
  const ms = performance.now() - started;
  await new Promise((r) => setTimeout(r, 100));
  const peakMiB = Math.max(...pids.map((pid) => peakRssMiB(pid) ?? 0));
  const ok =
    ms < TIME_LIMIT_MS && peakMiB < RSS_LIMIT_MIB && status !== 'timeout' && status !== 'failed' && status !== '500';
  rows.push({ name: attack.name, target: attack.target ?? 'gateway', status, code, ms, peakMiB, ok });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${attack.name}`);
}

// Still healthy after all of it?
const health = await fetch(gatewayUrl.replace('/graphql', '/health'))
  .then((r) => r.json())
  .catch(() => ({ status: 'unreachable' }));

const width = Math.max(...rows.map((r) => r.name.length));
console.log(
  `\n| ${'query'.padEnd(width)} | target        | HTTP | code                      |    time | subgraph peak RSS | verdict |`,
);
console.log(
  `|${'-'.repeat(width + 2)}|---------------|------|---------------------------|---------|-------------------|---------|`,
);
for (const r of rows) {
  console.log(
    `| ${r.name.padEnd(width)} | ${r.target.padEnd(13)} | ${r.status.padStart(4)} | ${r.code.padEnd(25)} | ${`${r.ms.toFixed(0)} ms`.padStart(7)} | ${`${r.peakMiB.toFixed(0)} MiB`.padStart(17)} | ${r.ok ? 'ok' : 'FAIL'}    |`,
  );
}
console.log(
  `\nPeak RSS over the whole run (VmHWM since the last reset): ${SUBGRAPHS.map((name, i) => `${name} ${peakRssMiB(pids[i]!) ?? '?'} MiB`).join(', ')}`,
);
console.log(`Gateway health afterwards: ${JSON.stringify(health)}`);

// Stop as Ctrl-C does; whatever has not exited after 15 s is killed (this script's own processes only).
stack.kill('SIGINT');
const exited = await Promise.race([
  new Promise((r) => stack.once('exit', () => r(true))),
  new Promise((r) => setTimeout(() => r(false), 15_000)),
]);
if (!exited) {
  console.log('the stack did not stop within 15 s of SIGINT; killing it');
  for (const pid of [...pids, stack.pid!]) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}
rmSync(dataDir, { recursive: true, force: true });
process.exit(rows.every((r) => r.ok) ? 0 : 1);

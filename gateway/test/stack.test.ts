import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoOrganisationId } from '@ngo-hub/kit';

// `npm start` as a newcomer runs it: no DATABASE_URL, so every subgraph uses its embedded PGlite.
const root = fileURLToPath(new URL('../../', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'ngo-hub-stack-'));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Stack {
  child: ChildProcess;
  url: string;
  output: () => string;
}

async function startStack(ports: number[]): Promise<Stack> {
  const env: NodeJS.ProcessEnv = {
    ...process.env, PORT: String(ports[0]), ORGANISATIONS_PORT: String(ports[1]), PARTNERSHIPS_PORT: String(ports[2]),
    EVENTS_PORT: String(ports[3]), FUNDING_PORT: String(ports[4]), DATA_DIR: dataDir, LOG_LEVEL: 'warn',
    // The test polls for data that arrives by integration events, not through the gateway, which
    // the response cache would keep for its TTL (the cache has its own test in e2e.test.ts).
    RESPONSE_CACHE_TTL_SECONDS: '0',
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [join(root, 'gateway/dist/stack.js')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    // A generous functional bound, not a speed check (start-up time is measured in the README).
    const timer = setTimeout(() => reject(new Error(`no gateway URL within 180 s:\n${output}`)), 180_000);
    child.stdout!.on('data', () => {
      const match = output.match(/gateway ready in [\d.]+ s: (\S+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`stack exited with ${code}:\n${output}`)));
  });
  return { child, url, output: () => output };
}

async function stop(stack: Stack): Promise<number | null> {
  return new Promise((resolve) => {
    stack.child.once('exit', (code) => resolve(code));
    stack.child.kill('SIGINT');
  });
}

async function ask(url: string, query: string): Promise<any> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return response.json();
}

const COUNTS = `{
  organisations(first: 100) { totalCount }
  partnerships(first: 100) { totalCount }
  events(first: 100) { totalCount }
  grants(first: 100) { totalCount }
}`;

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm start on the embedded database', () => {
  it('starts the whole hub with demo data, stops cleanly on Ctrl-C, and keeps the data on a second start', async () => {
    const ports = await Promise.all([1, 2, 3, 4, 5].map(freePort));
    const first = await startStack(ports);
    expect(first.url).toBe(`http://localhost:${ports[0]}/graphql`);
    const before = await ask(first.url, COUNTS);
    expect(before.errors).toBeUndefined();
    expect(before.data.organisations.totalCount).toBeGreaterThan(20);
    expect(before.data.partnerships.totalCount).toBeGreaterThan(10);
    expect(before.data.events.totalCount).toBeGreaterThan(0);
    expect(before.data.grants.totalCount).toBe(2);
    // The subgraphs tell organisations who takes part in what; BORIS is a member of every partnership it supports.
    const cooperation = `{ organisation(id: "${demoOrganisationId('boris')}") { cooperatesWith { totalCount } } }`;
    let partners = 0;
    for (let attempt = 0; attempt < 150 && partners === 0; attempt++) {
      partners = (await ask(first.url, cooperation)).data.organisation.cooperatesWith.totalCount;
      if (partners === 0) await new Promise((r) => setTimeout(r, 200));
    }
    expect(partners).toBeGreaterThanOrEqual(13);
    expect(await stop(first)).toBe(0);

    const second = await startStack(ports);
    const after = await ask(second.url, COUNTS);
    expect(after).toEqual(before);
    expect(await stop(second)).toBe(0);
  }, 420_000);
});

#!/usr/bin/env node
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { gatewayEnvSchema, parseEnvOrExit, stackEnvSchema, SUBGRAPHS, type SubgraphName } from './env.js';
import { createGatewayApp, gatewayOptionsFromEnv } from './gateway.js';
import { listenOn } from './listen.js';

/**
 * `npm start`: the four subgraphs as child processes (each with its own embedded PGlite database
 * under DATA_DIR, or the PostgreSQL at DATABASE_URL) and the gateway in this process. Ctrl-C stops
 * the gateway first, then the subgraphs, each closing its database cleanly.
 */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const gatewayEnv = parseEnvOrExit(gatewayEnvSchema);
const stackEnv = parseEnvOrExit(stackEnvSchema);
const logger = pino({ name: 'stack', level: gatewayEnv.LOG_LEVEL });
const started = Date.now();

const ports: Record<SubgraphName, number> = {
  organisations: stackEnv.ORGANISATIONS_PORT,
  partnerships: stackEnv.PARTNERSHIPS_PORT,
  events: stackEnv.EVENTS_PORT,
  funding: stackEnv.FUNDING_PORT,
};

const children = new Map<SubgraphName, ChildProcess>();
// Subgraphs tell each other about changes over /internal/events; this run's secret guards it.
const internalToken = stackEnv.INTERNAL_TOKEN ?? randomBytes(24).toString('hex');
const baseUrl = (name: SubgraphName) => `http://127.0.0.1:${ports[name]}`;
let stopping = false;

function startSubgraph(name: SubgraphName): ChildProcess {
  const child = spawn(process.execPath, [resolve(repoRoot, `subgraphs/${name}/dist/main.js`)], {
    cwd: repoRoot,
    // The IPC channel lets a subgraph notice if this process dies without stopping it (see kit's runSubgraphMain).
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: {
      // The children get this process's environment (DATABASE_URL, ADMIN_TOKEN, ...) plus their own settings.
      ...process.env,
      PORT: String(ports[name]),
      PGLITE_DIR: resolve(repoRoot, stackEnv.DATA_DIR, 'pglite', name),
      EVENT_SUBSCRIBERS: SUBGRAPHS.filter((other) => other !== name).map(baseUrl).join(','),
      INTERNAL_TOKEN: internalToken,
      LOG_LEVEL: stackEnv.SUBGRAPH_LOG_LEVEL,
      // Loopback only: the world reaches the subgraphs through the gateway (HOST is the gateway's).
      HOST: '127.0.0.1',
      // A metrics port of its own: the gateway's, and the next four for the subgraphs in order.
      ...(/^\d+$/.test(gatewayEnv.METRICS) ? { METRICS: String(Number(gatewayEnv.METRICS) + 1 + SUBGRAPHS.indexOf(name)) } : {}),
    },
  });
  child.once('exit', (code, signal) => {
    if (!stopping) {
      logger.error({ subgraph: name, code, signal }, 'subgraph stopped unexpectedly; stopping the stack');
      void shutdown(1);
    }
  });
  return child;
}

async function waitHealthy(name: SubgraphName): Promise<void> {
  const deadline = Date.now() + stackEnv.STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${ports[name]}/health`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`subgraph ${name} did not become healthy within ${stackEnv.STARTUP_TIMEOUT_MS} ms`);
}

let closeGateway: (() => Promise<void>) | undefined;

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await closeGateway?.();
  await Promise.all([...children.values()].map((child) => new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    // A subgraph that has not closed its database within 10 s is killed, so no process outlives the stack.
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  })));
  process.exit(code);
}

// `on`, not `once`: a second Ctrl-C must not kill this process before it has stopped the subgraphs.
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

console.log(`Starting ngo-hub on ${stackEnv.DATABASE_URL ? 'PostgreSQL at DATABASE_URL' : `embedded PGlite databases in ${resolve(repoRoot, stackEnv.DATA_DIR)}`} ...`);
for (const name of SUBGRAPHS) children.set(name, startSubgraph(name));
try {
  await Promise.all(SUBGRAPHS.map(waitHealthy));
} catch (error) {
  logger.error({ err: error }, 'the stack could not start');
  await shutdown(1);
}

const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((name) => [name, `http://127.0.0.1:${ports[name]}/graphql`]));
const app = await createGatewayApp({ ...gatewayOptionsFromEnv(gatewayEnv, pino({ name: 'gateway', level: 'warn' }), subgraphUrls), internalToken });
closeGateway = () => app.close();
const url = await listenOn(app, gatewayEnv.PORT, gatewayEnv.HOST);
for (const name of SUBGRAPHS) console.log(`  ${name.padEnd(14)} ${subgraphUrls[name]}`);
console.log(`\nngo-hub gateway ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${url}\n(Ctrl-C stops everything)`);

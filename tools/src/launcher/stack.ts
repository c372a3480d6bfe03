#!/usr/bin/env node
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { createGatewayApp, gatewayEnvSchema, gatewayOptionsFromEnv, listenOn, parseEnvOrExit } from '@ngo-hub/gateway';
import { perSubgraph, SUBGRAPHS, subgraphPortVariable, type SubgraphName } from '@ngo-hub/kit/roster';
import { shutdownTracing, startTracingFromEnv, traceLogFields } from '@ngo-hub/kit/tracing';
import { stackEnvSchema } from './env.js';
import { EmbeddedPostgres } from './postgres.js';
import { Supervisor } from '@ngo-hub/kit/supervisor';

/**
 * `npm start`: the subgraphs of the roster as supervised child processes and the gateway in this process.
 * The subgraphs share the PostgreSQL at DATABASE_URL or, without it, one embedded PostgreSQL server this
 * process runs with its data under DATA_DIR (postgres.ts); EMBEDDED_DB=pglite gives each its own PGlite.
 *
 * Stopping: Ctrl-C (SIGINT to the whole process group), SIGTERM to the group, or SIGTERM/SIGINT to this
 * process alone all end the same way: the gateway stops taking requests, every subgraph gets SIGTERM,
 * finishes its requests and closes its database, then the embedded PostgreSQL stops, and this process
 * exits 0 once all of them exited 0 (1 if one had to be killed), all within STOP_DEADLINE_MS. A subgraph that crashes while the hub runs is
 * restarted (see supervisor.ts); one that cannot start at all stops the hub with exit code 1.
 */
const STOP_DEADLINE_MS = 9500;
const GATEWAY_CLOSE_MS = 2000;
const SUBGRAPH_STOP_MS = 7000;

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const gatewayEnv = parseEnvOrExit(gatewayEnvSchema);
const stackEnv = parseEnvOrExit(stackEnvSchema);
const logger = pino({ name: 'stack', level: gatewayEnv.LOG_LEVEL });
const started = Date.now();

const ports = perSubgraph(
  (name) => name,
  (name) => stackEnv[subgraphPortVariable(name)],
);
// Subgraphs tell each other about changes over /internal/events; this run's secret guards it.
const internalToken = stackEnv.INTERNAL_TOKEN ?? randomBytes(24).toString('hex');
const baseUrl = (name: SubgraphName) => `http://127.0.0.1:${ports[name]}`;
// Without an SMTP server, notice mails are written as .eml files here (notifications subgraph).
const mailDir = stackEnv.MAIL_DIR ? resolve(stackEnv.MAIL_DIR) : resolve(repoRoot, stackEnv.DATA_DIR, 'mail');
// Links in notice mails lead to the gateway's /notices/* pages.
const publicUrl = stackEnv.PUBLIC_URL || `http://localhost:${gatewayEnv.PORT}`;

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

const postgres =
  !stackEnv.DATABASE_URL && stackEnv.EMBEDDED_DB === 'postgres'
    ? new EmbeddedPostgres({
        dataDir: resolve(repoRoot, stackEnv.DATA_DIR, 'postgres'),
        port: stackEnv.EMBEDDED_POSTGRES_PORT ?? (await freePort()),
        logger,
      })
    : undefined;
/** The subgraphs' database: DATABASE_URL, the embedded server's once it runs, or none (PGlite each). */
let databaseUrl = stackEnv.DATABASE_URL;

async function waitHealthy(name: SubgraphName): Promise<void> {
  const deadline = Date.now() + stackEnv.STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${baseUrl(name)}/health`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`subgraph ${name} did not become healthy within ${stackEnv.STARTUP_TIMEOUT_MS} ms`);
}

const subgraphNodeFlags = stackEnv.SUBGRAPH_NODE_FLAGS.split(/\s+/).filter(Boolean);

const supervisors = new Map(
  SUBGRAPHS.map((name) => [
    name,
    new Supervisor({
      name,
      logger,
      maxRestarts: stackEnv.SUBGRAPH_MAX_RESTARTS,
      windowMs: stackEnv.SUBGRAPH_RESTART_WINDOW_SECONDS * 1000,
      waitHealthy: () => waitHealthy(name),
      spawn: () =>
        spawn(process.execPath, [...subgraphNodeFlags, resolve(repoRoot, `subgraphs/${name}/dist/main.js`)], {
          cwd: repoRoot,
          // The IPC channel lets a subgraph notice if this process dies without stopping it (see kit's runSubgraphMain).
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
          env: {
            // The children get this process's environment (DATABASE_URL, ADMIN_TOKEN, ...) plus their own settings.
            ...process.env,
            ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
            PORT: String(ports[name]),
            PGLITE_DIR: resolve(repoRoot, stackEnv.DATA_DIR, 'pglite', name),
            // With a shared response cache the gateway hears every audit entry too (it invalidates by them).
            EVENT_SUBSCRIBERS: [
              ...SUBGRAPHS.filter((other) => other !== name).map(baseUrl),
              ...(gatewayEnv.REDIS_URL ? [`http://127.0.0.1:${gatewayEnv.PORT}`] : []),
            ].join(','),
            INTERNAL_TOKEN: internalToken,
            // Explicit, though the environment above carries it too: the broker is part of the hub's wiring.
            ...(stackEnv.NATS_URL ? { NATS_URL: stackEnv.NATS_URL } : {}),
            ...(name === 'notifications' ? { MAIL_DIR: mailDir, PUBLIC_URL: publicUrl } : {}),
            LOG_LEVEL: stackEnv.SUBGRAPH_LOG_LEVEL,
            // One process per subgraph here (the launcher supervises it); WORKERS is for standalone services.
            WORKERS: '1',
            // Loopback only: the world reaches the subgraphs through the gateway (HOST is the gateway's).
            HOST: '127.0.0.1',
            // A metrics port of its own: the gateway's, and the next four for the subgraphs in order.
            ...(/^\d+$/.test(gatewayEnv.METRICS)
              ? { METRICS: String(Number(gatewayEnv.METRICS) + 1 + SUBGRAPHS.indexOf(name)) }
              : {}),
          },
        }),
    }),
  ]),
);

let closeGateway: (() => Promise<void>) | undefined;
let stopping = false;

async function shutdown(reason: string, code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  const stopStarted = Date.now();
  console.log(`\nStopping ngo-hub (${reason}) ...`);
  // Armed at once: whatever hangs, no process of the hub outlives the deadline.
  setTimeout(() => {
    logger.error({ deadlineMs: STOP_DEADLINE_MS }, 'the hub did not stop in time; killing what is left');
    for (const supervisor of supervisors.values()) if (supervisor.pid) process.kill(supervisor.pid, 'SIGKILL');
    postgres?.kill();
    process.exit(1);
  }, STOP_DEADLINE_MS).unref();
  const gatewayClosed = await Promise.race([
    (closeGateway?.() ?? Promise.resolve()).then(
      () => true,
      () => false,
    ),
    new Promise<boolean>((r) => setTimeout(() => r(false), GATEWAY_CLOSE_MS).unref()),
  ]);
  const exits = await Promise.all([...supervisors.values()].map((s) => s.stop(SUBGRAPH_STOP_MS)));
  // Last, once no subgraph is connected; whatever time is left before the deadline.
  const postgresStopped = (await postgres?.stop(STOP_DEADLINE_MS - 300 - (Date.now() - stopStarted))) ?? true;
  const clean = gatewayClosed && postgresStopped && exits.every((exit) => exit === 0);
  console.log(
    `ngo-hub stopped in ${((Date.now() - stopStarted) / 1000).toFixed(1)} s${clean ? '' : ' (not every service stopped cleanly)'}`,
  );
  process.exit(clean ? code : 1);
}

// `on`, not `once`: a second Ctrl-C must not kill this process before it has stopped the subgraphs.
process.on('SIGINT', () => void shutdown('SIGINT', 0));
process.on('SIGTERM', () => void shutdown('SIGTERM', 0));

const dataDir = resolve(repoRoot, stackEnv.DATA_DIR);
console.log(
  `Starting ngo-hub on ${
    stackEnv.DATABASE_URL
      ? 'PostgreSQL at DATABASE_URL'
      : postgres
        ? `an embedded PostgreSQL with its data in ${join(dataDir, 'postgres')}`
        : `embedded PGlite databases in ${join(dataDir, 'pglite')}`
  } ...`,
);
if (stackEnv.NATS_URL) console.log(`Integration events travel over NATS JetStream at ${stackEnv.NATS_URL}`);
if (!stackEnv.SMTP_URL) console.log(`No SMTP_URL: e-mail notices are written as .eml files to ${mailDir}`);
try {
  if (postgres) {
    postgres.onUnexpectedExit = (code, signal) => {
      logger.error({ code, signal }, `the embedded PostgreSQL exited unexpectedly; see ${dataDir}/postgres.log`);
      void shutdown('the embedded PostgreSQL exited', 1);
    };
    databaseUrl = (await postgres.start()).url;
  }
  if (!stopping) {
    for (const supervisor of supervisors.values()) supervisor.start();
    await Promise.all([...supervisors.values()].map((s) => s.started()));
  }
} catch (error) {
  logger.error({ err: (error as Error).message }, 'the hub could not start');
  await shutdown('start-up failed', 1);
}
if (!stopping) {
  for (const supervisor of supervisors.values()) supervisor.supervise();
  const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((name) => [name, `${baseUrl(name)}/graphql`]));
  // The subgraphs start their own from the same variables (OTEL_EXPORTER_OTLP_ENDPOINT).
  await startTracingFromEnv(gatewayEnv, 'gateway');
  const app = await createGatewayApp({
    ...gatewayOptionsFromEnv(gatewayEnv, pino({ name: 'gateway', level: 'warn', mixin: traceLogFields }), subgraphUrls),
    internalToken,
  });
  closeGateway = async () => {
    await app.close();
    await shutdownTracing();
  };
  if (stopping) await app.close();
  else {
    const url = await listenOn(app, gatewayEnv.PORT, gatewayEnv.HOST).catch(async (error: Error) => {
      logger.error({ err: error.message }, `the gateway cannot listen on port ${gatewayEnv.PORT}`);
      await shutdown('the gateway could not listen', 1);
      throw error;
    });
    for (const name of SUBGRAPHS) console.log(`  ${name.padEnd(14)} ${subgraphUrls[name]}`);
    if (!gatewayEnv.ADMIN_TOKEN)
      console.log(
        '\nNo ADMIN_TOKEN: reads only. To make API keys, start with ADMIN_TOKEN=<16+ characters> (README, "Keys and roles").',
      );
    console.log(
      `\nngo-hub gateway ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${url}\n(Ctrl-C stops everything)`,
    );
  }
}

import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { Logger } from 'pino';
import { AggregatorRegistry, type Registry } from 'prom-client';
import { z } from 'zod';
import { STOP_GRACE_MS, stopOnSignals } from './signals.js';
import { Supervisor } from './supervisor.js';

/**
 * One worker process per core (`WORKERS`), the same way for the gateway and every subgraph: a primary
 * process prepares once (a subgraph's migrations, sync and seed), forks the workers, which share the
 * listening port (node:cluster hands connections round-robin), restarts a worker that dies (kit's
 * Supervisor, with backoff) and passes SIGINT/SIGTERM on. With one worker (the default) there is no
 * primary: the process serves itself, as it always did.
 */

/** `WORKERS`: `auto` (one per core the machine offers) or a number; 1 = no cluster. */
export const workersSetting = z
  .string()
  .default('1')
  .refine((v) => v === 'auto' || /^[1-9]\d{0,2}$/.test(v), 'auto or a number of workers (1-999)')
  .transform((v) => (v === 'auto' ? availableParallelism() : Number(v)));

const READY = 'ngo-hub:worker-ready';
const METRICS_REQUEST = 'ngo-hub:metrics-request';
const METRICS_ANSWER = 'ngo-hub:metrics-answer';
const COLLECT = 'ngo-hub:metrics-collect';
const COLLECTED = 'ngo-hub:metrics-collected';

export interface ClusterOptions {
  /** The service (`gateway`, a subgraph's name), for log lines. */
  name: string;
  workers: number;
  logger: Logger;
  /** Runs once in the primary before any worker starts (migrations, reference sync, demo data). */
  prepare?: () => Promise<void>;
  /** The service itself: in each worker, or in this very process when there is one worker. */
  serve: () => Promise<void>;
  /** Crashes of one worker tolerated within `restartWindowMs` before it is given up on. */
  maxRestarts?: number;
  restartWindowMs?: number;
  /** Also stop when the process that spawned this one over IPC goes away (`npm start`). */
  onDisconnect?: boolean;
}

/** True in a worker forked by `runClustered` (it skips what the primary prepared). */
export function isClusterWorker(): boolean {
  return cluster.isWorker;
}

/** A worker tells its primary that it listens; without a primary (one worker) this does nothing. */
export function announceReady(): void {
  if (cluster.isWorker) process.send?.({ type: READY });
}

/** A response header naming the worker process that answered (only in a cluster, so callers can see the spread). */
export const WORKER_HEADER = 'x-worker-pid';

/** The header's value for this process, or undefined outside a cluster. */
export function workerHeaderValue(): string | undefined {
  return cluster.isWorker ? String(process.pid) : undefined;
}

/**
 * What `/metrics` renders. In a worker it asks the primary, which collects every ready worker's
 * registry over IPC and aggregates them (prom-client's `AggregatorRegistry.aggregate`: counters and
 * histograms summed; of the process metrics, memory and handles summed, event-loop lag averaged), so
 * a scrape answered by any worker shows the whole service. Outside a cluster: this registry alone.
 */
export function metricsRenderer(registry: Registry): () => Promise<{ contentType: string; body: string }> {
  if (!cluster.isWorker) return async () => ({ contentType: registry.contentType, body: await registry.metrics() });
  const pending = new Map<number, (body: string | Error) => void>();
  let next = 0;
  process.on('message', (message: { type?: string; id?: number; body?: string; error?: string }) => {
    if (message?.type === COLLECT) {
      void registry.getMetricsAsJSON().then((metrics) => process.send?.({ type: COLLECTED, id: message.id, metrics }));
    } else if (message?.type === METRICS_ANSWER && message.id !== undefined) {
      pending.get(message.id)?.(message.error === undefined ? message.body! : new Error(message.error));
      pending.delete(message.id);
    }
  });
  return () =>
    new Promise((resolve, reject) => {
      const id = next++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error('the cluster primary did not answer the metrics request within 5 s'));
      }, 5000);
      pending.set(id, (body) => {
        clearTimeout(timer);
        if (body instanceof Error) reject(body);
        else resolve({ contentType: registry.contentType, body });
      });
      process.send!({ type: METRICS_REQUEST, id });
    });
}

type WorkerMetrics = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;

/** The primary's side of `metricsRenderer`: answers a worker's request with every ready worker's metrics, aggregated. */
function answerMetricsRequests(ready: Set<Worker>): void {
  const collecting = new Map<number, (metrics: WorkerMetrics) => void>();
  let next = 0;
  const collect = (worker: Worker) =>
    new Promise<WorkerMetrics | undefined>((resolve) => {
      const id = next++;
      // A worker that is stopping or stuck is left out rather than holding up the scrape.
      const timer = setTimeout(() => {
        collecting.delete(id);
        resolve(undefined);
      }, 2000);
      collecting.set(id, (metrics) => {
        clearTimeout(timer);
        resolve(metrics);
      });
      worker.send({ type: COLLECT, id });
    });
  cluster.on('message', (worker, message: { type?: string; id?: number; metrics?: WorkerMetrics }) => {
    if (message?.type === COLLECTED) {
      collecting.get(message.id!)?.(message.metrics!);
      collecting.delete(message.id!);
    } else if (message?.type === METRICS_REQUEST) {
      void Promise.all([...ready].filter((w) => w.isConnected()).map(collect))
        .then((all) => AggregatorRegistry.aggregate(all.filter((m) => m !== undefined)).metrics())
        .then(
          (body) => ({ type: METRICS_ANSWER, id: message.id, body }),
          (error: Error) => ({ type: METRICS_ANSWER, id: message.id, error: error.message }),
        )
        .then((answer) => worker.isConnected() && worker.send(answer));
    }
  });
}

/**
 * Runs `serve` in `workers` processes under this one, or in this process when `workers` is 1 or
 * this is already a worker. The primary exits 0 when every worker stopped cleanly after a signal,
 * 1 when one did not, and 1 when all its workers have been given up on (so an orchestrator restarts it).
 */
export async function runClustered(options: ClusterOptions): Promise<void> {
  if (options.workers <= 1 || cluster.isWorker) return options.serve();
  const { name, workers, logger } = options;
  const slots: { worker?: Worker; supervisor: Supervisor }[] = [];
  let givenUp = 0;
  const prepared = (async () => options.prepare?.())();
  stopOnSignals(
    logger,
    async () => {
      await prepared.catch(() => undefined);
      // Just short of the primary's own deadline: a worker that hangs is killed, and the primary still exits in time.
      const codes = await Promise.all(slots.map((s) => s.supervisor.stop(STOP_GRACE_MS - 1000)));
      if (codes.some((code) => code !== 0)) throw new Error(`worker exit codes: ${codes.join(', ')}`);
      logger.info({ workers: codes.length }, 'every worker stopped cleanly');
    },
    { onDisconnect: options.onDisconnect },
  );
  try {
    await prepared;
  } catch (error) {
    logger.fatal({ err: error }, 'could not start');
    process.exit(1);
  }

  const ready = new Set<Worker>();
  cluster.on('message', (worker, message: { type?: string }) => {
    if (message?.type === READY) ready.add(worker);
  });
  cluster.on('exit', (worker) => ready.delete(worker));
  answerMetricsRequests(ready);

  for (let slot = 1; slot <= workers; slot++) {
    const entry: (typeof slots)[number] = {
      supervisor: new Supervisor({
        name,
        label: `${name} worker ${slot}`,
        logger,
        maxRestarts: options.maxRestarts ?? 5,
        windowMs: options.restartWindowMs ?? 60_000,
        spawn: () => {
          entry.worker = cluster.fork({ WORKER_SLOT: String(slot) });
          return entry.worker.process;
        },
        waitHealthy: () => workerReady(entry.worker!, 120_000),
        giveUpNote: 'the other workers keep serving; the primary exits once none is left',
        onGiveUp: () => {
          givenUp += 1;
          if (givenUp === workers) {
            logger.fatal('every worker has been given up on; exiting');
            process.exit(1);
          }
        },
      }),
    };
    slots.push(entry);
  }
  for (const { supervisor } of slots) supervisor.start();
  try {
    await Promise.all(slots.map((s) => s.supervisor.started()));
  } catch (error) {
    logger.fatal({ err: error }, 'a worker could not start');
    await Promise.all(slots.map((s) => s.supervisor.stop(STOP_GRACE_MS - 1000)));
    process.exit(1);
  }
  for (const { supervisor } of slots) supervisor.supervise();
  logger.info({ workers, pids: slots.map((s) => s.worker?.process.pid) }, `${name}: ${workers} workers ready`);
}

/** Resolves when `worker` announces it listens; rejects after `timeoutMs`. */
function workerReady(worker: Worker, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      worker.off('message', onMessage);
      reject(new Error(`worker ${worker.process.pid} not ready within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    const onMessage = (message: { type?: string }) => {
      if (message?.type !== READY) return;
      clearTimeout(timer);
      worker.off('message', onMessage);
      resolve();
    };
    worker.on('message', onMessage);
  });
}

import { randomUUID } from 'node:crypto';
import type { Logger } from './logger.js';
import type { MikroORM, Tx } from './orm.js';
import { pgArrayLiteral } from './sql.js';

/**
 * Durable background work (webhook deliveries, e-mails) in the subgraph's own PostgreSQL schema:
 * a job is a row, enqueued in the transaction that makes it necessary, so it exists exactly when
 * that transaction committed and survives any restart. Workers claim due jobs with
 * `for update skip locked` and a lease (a worker that dies mid-job leaves it to be claimed again
 * when the lease ends: at least once), retry with the handler's backoff, and mark a job FAILED when
 * the handler gives up. Why not pg-boss: the hub's default database is PGlite in-process, which has
 * no `pg` connection for pg-boss to use, and one queue must serve both drivers (docs/libraries.md).
 */
export interface Job<P = unknown> {
  id: string;
  kind: string;
  payload: P;
  /** 1 on the first run. */
  attempt: number;
  createdAt: Date;
}

/** What a handler decides after a failed attempt: try again after `retryInMs`, or give up. */
export type RetryDecision = { retryInMs: number } | { giveUp: true };

export interface JobHandler<P = any> {
  run: (job: Job<P>) => Promise<void>;
  /** Called after a failed attempt; the default gives up at once. */
  onFailure?: (job: Job<P>, error: Error) => RetryDecision | Promise<RetryDecision>;
}

export type JobHandlers = Record<string, JobHandler>;

/** Adds a job in the caller's transaction; a second job with the same `dedupeKey` is ignored (idempotent fan-out). */
export async function enqueueJob(
  tx: Tx,
  schema: string,
  kind: string,
  payload: unknown,
  options: { dedupeKey?: string; runAt?: Date } = {},
): Promise<void> {
  await tx.execute(
    `/* job.enqueue */ insert into ${schema}.job (id, kind, payload, dedupe_key, run_at)
     values (?, ?, ?::jsonb, ?, coalesce(?::timestamptz, now())) on conflict (dedupe_key) do nothing`,
    [randomUUID(), kind, JSON.stringify(payload), options.dedupeKey ?? null, options.runAt?.toISOString() ?? null],
  );
}

/** Adds many jobs in one statement (a fan-out's batch); as `enqueueJob`, a taken `dedupeKey` is skipped. */
export async function enqueueJobs(
  tx: Tx,
  schema: string,
  jobs: readonly { kind: string; payload: unknown; dedupeKey?: string; runAt?: Date }[],
): Promise<void> {
  if (jobs.length === 0) return;
  await tx.execute(
    `/* job.enqueueMany */ insert into ${schema}.job (id, kind, payload, dedupe_key, run_at)
     select j.id, j.kind, j.payload::jsonb, j.dedupe_key, coalesce(j.run_at::timestamptz, now())
     from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[]) as j(id, kind, payload, dedupe_key, run_at)
     on conflict (dedupe_key) do nothing`,
    [
      pgArrayLiteral(jobs.map(() => randomUUID())),
      pgArrayLiteral(jobs.map((j) => j.kind)),
      pgArrayLiteral(jobs.map((j) => JSON.stringify(j.payload))),
      pgArrayLiteral(jobs.map((j) => j.dedupeKey ?? null)),
      pgArrayLiteral(jobs.map((j) => j.runAt?.toISOString() ?? null)),
    ],
  );
}

export interface JobWorkerOptions {
  orm: MikroORM;
  schema: string;
  handlers: JobHandlers;
  logger: Logger;
  /** How often due jobs are looked for (ms). */
  pollMs?: number;
  /** How long a claimed job is its worker's; after that another claim may run it again. */
  leaseMs?: number;
  /** Jobs claimed at once. */
  batch?: number;
}

/** Runs due jobs until stopped; `runDue` runs one round now (tests, and right after an enqueue). */
export class JobWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | null = null;
  private stopped = false;

  constructor(private readonly options: JobWorkerOptions) {}

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => void this.runDue().catch(() => undefined), this.options.pollMs ?? 1000);
    this.timer.unref();
  }

  /** Stops polling; `runDue` still runs rounds when called (tests drive the queue this way). */
  async pause(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Stops claiming for good; waits for the round in progress, so no job is left half-recorded. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Claims and runs the jobs due now; returns how many ran. One round at a time per process. */
  async runDue(): Promise<number> {
    if (this.running) return this.running;
    this.running = this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async round(): Promise<number> {
    const { orm, schema, handlers, logger } = this.options;
    const em = orm.em.fork();
    const kinds = Object.keys(handlers);
    if (this.stopped || kinds.length === 0) return 0;
    const claimed = await em.execute(
      `/* job.claim */ update ${schema}.job j set attempts = j.attempts + 1,
         locked_until = now() + (? || ' milliseconds')::interval
       where j.id in (
         select id from ${schema}.job
         where state = 'PENDING' and run_at <= now() and (locked_until is null or locked_until < now())
           and kind = any(?::text[])
         order by run_at limit ? for update skip locked)
       returning j.id, j.kind, j.payload, j.attempts, j.created_at`,
      [String(this.options.leaseMs ?? 60_000), pgArrayLiteral(kinds), this.options.batch ?? 20],
    );
    for (const row of claimed) {
      const job: Job = {
        id: row.id,
        kind: row.kind,
        payload: row.payload,
        attempt: Number(row.attempts),
        createdAt: new Date(row.created_at),
      };
      const handler = handlers[job.kind]!;
      try {
        await handler.run(job);
        await em.execute(
          `/* job.done */ update ${schema}.job set state = 'DONE', finished_at = now(), locked_until = null, last_error = null where id = ?`,
          [job.id],
        );
      } catch (error) {
        const decision = (await handler.onFailure?.(job, error as Error)) ?? { giveUp: true };
        const message = (error as Error).message.slice(0, 1000);
        if ('giveUp' in decision) {
          logger.warn({ job: job.id, kind: job.kind, attempt: job.attempt, err: message }, 'job failed for good');
          await em.execute(
            `/* job.failed */ update ${schema}.job set state = 'FAILED', finished_at = now(), locked_until = null, last_error = ? where id = ?`,
            [message, job.id],
          );
        } else {
          await em.execute(
            `/* job.retry */ update ${schema}.job set run_at = now() + (? || ' milliseconds')::interval, locked_until = null, last_error = ? where id = ?`,
            [String(Math.max(0, Math.round(decision.retryInMs))), message, job.id],
          );
        }
      }
    }
    return claimed.length;
  }
}

/**
 * Exponential backoff with jitter: `firstMs` doubled per attempt up to `maxMs`, ±20 %. With the
 * defaults (30 s to 2 h) a job failing for a day is tried about 17 times.
 */
export function backoff(attempt: number, firstMs = 30_000, maxMs = 2 * 3600_000): number {
  const base = Math.min(maxMs, firstMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

import type { ChildProcess } from 'node:child_process';
import type { Logger } from 'pino';

export interface SupervisorOptions {
  name: string;
  /** How log lines name the process; `subgraph <name>` unless given (e.g. `organisations worker 2`). */
  label?: string;
  /** What happens once it is given up on, said in the log line (the launcher's default: the hub serves without it). */
  giveUpNote?: string;
  /** Called once the process is given up on (a cluster primary exits when no worker is left). */
  onGiveUp?: () => void;
  /** Spawns one fresh process of the service. */
  spawn: () => ChildProcess;
  /** Resolves once the service answers its health check; rejects after its start-up deadline. */
  waitHealthy: () => Promise<void>;
  logger: Logger;
  /** Crashes tolerated within `windowMs` before the service is given up on. */
  maxRestarts: number;
  windowMs: number;
}

/** Restart delays after consecutive crashes: quick first, then backing off, capped. */
export function backoffMs(attempt: number): number {
  return Math.min(250 * 2 ** Math.max(0, attempt - 1), 8000);
}

/**
 * Keeps one child process running (a subgraph under `npm start`, a worker under a cluster primary,
 * cluster.ts): a process that exits when nobody asked it to is
 * restarted after a backoff, with a log line saying why and when; one that crashes more than
 * `maxRestarts` times within `windowMs` is given up on loudly, and the rest of the hub keeps serving
 * (the gateway answers without that service's fields, with a SUBGRAPH_UNAVAILABLE error).
 */
export class Supervisor {
  private child: ChildProcess | undefined;
  private crashes: number[] = [];
  private stopping = false;
  private restartTimer: NodeJS.Timeout | undefined;
  /** Restarts begin once the hub is up: a service that cannot start at all is a configuration error. */
  private supervising = false;

  private readonly label: string;

  constructor(private readonly options: SupervisorOptions) {
    this.label = options.label ?? `subgraph ${options.name}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): ChildProcess {
    const child = this.options.spawn();
    this.child = child;
    child.once('exit', (code, signal) => this.onExit(child, code, signal));
    return child;
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.stopping || !this.supervising || child !== this.child) return;
    const { name, logger, maxRestarts, windowMs } = this.options;
    const label = this.label;
    const now = Date.now();
    this.crashes = [...this.crashes.filter((at) => now - at < windowMs), now];
    if (this.crashes.length > maxRestarts) {
      this.child = undefined;
      logger.error(
        { service: name, code, signal, crashes: this.crashes.length, windowSeconds: windowMs / 1000 },
        `${label} crashed ${this.crashes.length} times within ${windowMs / 1000} s; giving up on it. ` +
          (this.options.giveUpNote ??
            'The rest of the hub keeps serving without its fields; restart the hub once the cause is fixed'),
      );
      this.options.onGiveUp?.();
      return;
    }
    const delay = backoffMs(this.crashes.length);
    logger.error(
      { service: name, code, signal, restartInMs: delay, restart: this.crashes.length, maxRestarts },
      `${label} exited unexpectedly (${signal ?? `code ${code}`}); restarting it in ${delay} ms`,
    );
    this.restartTimer = setTimeout(() => {
      if (this.stopping) return;
      const started = Date.now();
      this.start();
      this.options.waitHealthy().then(
        () => logger.warn({ service: name, startedInMs: Date.now() - started }, `${label} is back`),
        () => undefined, // a start that fails ends in another exit, handled above
      );
    }, delay);
  }

  /** From now on an unexpected exit is a crash to recover from. */
  supervise(): void {
    this.supervising = true;
  }

  /** Resolves when the service is healthy; rejects if its process exits first. */
  async started(): Promise<void> {
    const child = this.child!;
    await new Promise<void>((resolve, reject) => {
      const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
        reject(new Error(`${this.label} exited during start-up (${signal ?? `code ${code}`})`));
      child.once('exit', onExit);
      this.options.waitHealthy().then(
        () => {
          child.off('exit', onExit);
          resolve();
        },
        (error: Error) => {
          child.off('exit', onExit);
          reject(error);
        },
      );
    });
  }

  /**
   * Asks the process to stop (SIGTERM) and resolves when it has exited; after `graceMs` it is killed.
   * Resolves to the exit code (0 = finished requests and closed its database cleanly).
   */
  async stop(graceMs: number): Promise<number | null> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return child ? (child.exitCode ?? 1) : 0;
    return new Promise((done) => {
      const force = setTimeout(() => {
        this.options.logger.error(
          { service: this.options.name, graceMs },
          `${this.label} did not stop in time; killing it`,
        );
        child.kill('SIGKILL');
      }, graceMs);
      child.once('exit', (code) => {
        clearTimeout(force);
        done(code ?? 1);
      });
      child.kill('SIGTERM');
    });
  }
}

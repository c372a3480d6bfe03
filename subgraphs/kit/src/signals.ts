import type { Logger } from 'pino';

/** How long a stopping service may take to finish in-flight requests and close its database before it exits anyway. */
export const STOP_GRACE_MS = 8000;

/**
 * The one way a service process stops (gateway and subgraphs alike): once, on SIGINT or SIGTERM (and,
 * with `onDisconnect`, when the parent that spawned it over IPC goes away), `stop` runs and the process
 * exits 0 — or 1 if `stop` failed or outlived STOP_GRACE_MS, so a stuck request never keeps it alive
 * past docker's 10 s. Install it before start-up finishes, so a signal during start-up is honoured too.
 */
export function stopOnSignals(
  logger: Logger,
  stop: () => Promise<void>,
  options: { onDisconnect?: boolean } = {},
): void {
  let stopping = false;
  const onSignal = (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'stopping');
    setTimeout(() => {
      logger.error({ graceMs: STOP_GRACE_MS }, 'could not stop cleanly in time; exiting without waiting');
      process.exit(1);
    }, STOP_GRACE_MS).unref();
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  if (options.onDisconnect && process.send) process.on('disconnect', () => onSignal('parent gone'));
}

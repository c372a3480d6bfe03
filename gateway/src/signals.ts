import type { Logger } from 'pino';

/** How long a stopping gateway may take to finish in-flight requests before it exits anyway. */
export const STOP_GRACE_MS = 8000;

/**
 * Stops the process once on SIGINT or SIGTERM: `stop` runs, then the process exits 0 (1 if `stop`
 * failed or outlived STOP_GRACE_MS, so a stuck request never keeps it alive past docker's 10 s).
 * Installed before start-up finishes, so a signal during start-up is honoured too.
 */
export function stopOnSignals(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
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
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

import { pino, type Logger } from 'pino';

/** One JSON logger per service (pino: structured, cheap on the hot path). */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({ name: service, level });
}

export type { Logger };

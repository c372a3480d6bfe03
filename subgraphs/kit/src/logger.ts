import { type DestinationStream, pino, type Logger } from 'pino';
import { traceLogFields } from './tracing.js';

/**
 * One JSON logger per service (pino: structured, cheap on the hot path). A line logged while a
 * traced request is handled carries its `trace_id` and `span_id` (tracing.ts).
 */
export function createLogger(service: string, level = 'info', destination?: DestinationStream): Logger {
  return pino({ name: service, level, mixin: traceLogFields }, destination);
}

export type { Logger };

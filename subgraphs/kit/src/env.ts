import { z } from 'zod';
import { workersSetting } from './cluster.js';
import { metricsSetting } from './exposure.js';
import { natsUrlSetting } from './jetstream.js';
import { SUBGRAPH_QUERY_LIMITS } from './limits.js';
import { tracingEnv } from './tracing.js';

/**
 * Parses `process.env` (or the given record) with a zod schema once at start-up. Every problem is
 * printed at once and the process exits: a service never runs on a half-valid configuration.
 */
export function parseEnv<S extends z.ZodType>(schema: S, source: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
  console.error(`Invalid environment:\n${lines.join('\n')}`);
  process.exit(78);
}

/** What a subgraph seeds at start (see `DEMO_DATA`). */
export type DemoData = 'full' | 'seed' | 'none';

const port = z.coerce.number().int().min(0).max(65535);

/** The variables every subgraph reads. `PORT` 0 asks the OS for a free port (tests). */
export function subgraphEnvSchema(defaultPort: number) {
  return z.object({
    PORT: port.default(defaultPort),
    /** Loopback by default: a subgraph is reached through the gateway; containers set 0.0.0.0. */
    HOST: z.string().default('127.0.0.1'),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    PGLITE_DIR: z.string().optional(),
    /**
     * `full` (default; `true` says the same): the seed documents' facts plus the synthetic layer dated
     * relative to today; `seed`: the facts alone; `false`: nothing.
     */
    DEMO_DATA: z
      .enum(['full', 'seed', 'true', 'false'])
      .default('full')
      .transform((v): DemoData => (v === 'true' ? 'full' : v === 'false' ? 'none' : v)),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Stack traces and field suggestions in error responses; off unless asked for (never follows NODE_ENV). */
    DEBUG_ERRORS: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
    /** Base URLs of the subgraphs to push integration events to (comma-separated). */
    EVENT_SUBSCRIBERS: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((u) => u.trim())
          .filter(Boolean),
      ),
    /**
     * NATS server(s) with JetStream (`nats://host:4222`, comma-separated for a cluster): integration events
     * then travel through the broker (jetstream.ts) instead of the HTTP push to EVENT_SUBSCRIBERS.
     */
    NATS_URL: natsUrlSetting,
    /**
     * Shared secret of the gateway and the subgraphs: `/internal/events` (bearer) and `_entities`/`_service`
     * (header `x-internal-token`; without it only loopback callers may use them), and the key that signs
     * the caller's identity (`x-hub-identity`; without it every caller is anonymous and writes are refused).
     */
    INTERNAL_TOKEN: z.string().min(16).optional(),
    /** Query limits for every caller (kit's limits.ts); defaults allow what the gateway's plans send. */
    MAX_QUERY_DEPTH: z.coerce.number().int().min(2).default(SUBGRAPH_QUERY_LIMITS.maxDepth),
    MAX_QUERY_ALIASES: z.coerce.number().int().min(1).default(SUBGRAPH_QUERY_LIMITS.maxAliases),
    MAX_QUERY_TOKENS: z.coerce.number().int().min(100).default(SUBGRAPH_QUERY_LIMITS.maxTokens),
    MAX_QUERY_COST: z.coerce.number().int().min(100).default(SUBGRAPH_QUERY_LIMITS.maxCost),
    /**
     * `true`: prepare the database (migrations, reference-data sync, the seed `DEMO_DATA` asks for) and
     * exit 0 without serving: a deployment's migration Job. Services still migrate at start (a no-op then).
     */
    MIGRATE_ONLY: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
    /**
     * PostgreSQL `statement_timeout` of every statement the API runs (ms; 0 = none), sent when connecting.
     * PgBouncer refuses it: there set 0 and the pooler's `connect_query` sets it (docs/operations.md).
     */
    STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(5000),
    /** `/metrics`: `on` (beside `/graphql`), `off`, or a port of its own. */
    METRICS: metricsSetting,
    /** OpenTelemetry (tracing.ts): OTEL_EXPORTER_OTLP_ENDPOINT turns it on, OTEL_SERVICE_NAME. */
    ...tracingEnv,
    /** Worker processes sharing PORT (cluster.ts): a number, or `auto` for one per core; needs DATABASE_URL above 1. */
    WORKERS: workersSetting,
  });
}

export type SubgraphEnv = z.infer<ReturnType<typeof subgraphEnvSchema>>;

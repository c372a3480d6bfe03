import { z } from 'zod';
import { perSubgraph, SUBGRAPH_DEFAULT_PORTS, subgraphPortVariable } from '@ngo-hub/kit/roster';

/** What `npm start` (the whole stack on one machine) reads on top of the gateway's own variables. */
export const stackEnvSchema = z.object({
  /** <NAME>_PORT per subgraph of the roster, defaulting to its port there. */
  ...perSubgraph(subgraphPortVariable, (name) =>
    z.coerce.number().int().min(1).max(65535).default(SUBGRAPH_DEFAULT_PORTS[name]),
  ),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATA_DIR: z.string().default('.data'),
  /**
   * Without DATABASE_URL: `postgres` = one embedded PostgreSQL server for all subgraphs (data in
   * `<DATA_DIR>/postgres`), `pglite` = an in-process PGlite database per subgraph (`<DATA_DIR>/pglite/<name>`).
   */
  EMBEDDED_DB: z.enum(['postgres', 'pglite']).default('postgres'),
  /** The embedded PostgreSQL's port on 127.0.0.1; unset = a free port chosen at each start. */
  EMBEDDED_POSTGRES_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  STARTUP_TIMEOUT_MS: z.coerce.number().int().min(1000).default(180000),
  /**
   * NATS with JetStream (`nats://host:4222`): passed to every subgraph, whose integration events then travel
   * through the broker (kit jetstream.ts); unset = the embedded HTTP push between the subgraphs.
   */
  NATS_URL: z.string().optional(),
  /** Secret between the subgraphs' `/internal/events`; a random one per run when unset. */
  INTERNAL_TOKEN: z.string().min(16).optional(),
  /** A subgraph that crashes more often than this within the window is given up on (the rest keep serving). */
  SUBGRAPH_MAX_RESTARTS: z.coerce.number().int().min(0).max(100).default(5),
  SUBGRAPH_RESTART_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
  /**
   * Node flags of the subgraph processes. V8's `--optimize-for-size` (smaller young generation, more eager
   * collection) keeps each idle subgraph about 40 MB smaller; empty = Node's defaults.
   */
  SUBGRAPH_NODE_FLAGS: z.string().default('--optimize-for-size'),
  /** The subgraphs' log level under `npm start` (quiet by default so the URLs stand out). */
  SUBGRAPH_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
  /** Where notice mails go without SMTP_URL (default `<DATA_DIR>/mail`), and whether there is an SMTP server. */
  MAIL_DIR: z.string().optional(),
  SMTP_URL: z.string().optional(),
  /** The gateway's public base URL, for the links in notice mails (default `http://localhost:<PORT>`). */
  PUBLIC_URL: z.string().optional(),
});

export type StackEnv = z.infer<typeof stackEnvSchema>;

import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The subgraphs the committed supergraph names, with the env variable that overrides each URL. */
export const SUBGRAPHS = ['organisations', 'partnerships', 'events', 'funding'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];

export const DEFAULT_SUPERGRAPH_PATH = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));

const optionalUrl = z.url({ protocol: /^https?$/ }).optional();

/** The gateway's whole configuration; `src/env.ts` is the only reader of `process.env` here. */
export const gatewayEnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  SUPERGRAPH_PATH: z.string().default(DEFAULT_SUPERGRAPH_PATH),
  SUBGRAPH_ORGANISATIONS_URL: optionalUrl,
  SUBGRAPH_PARTNERSHIPS_URL: optionalUrl,
  SUBGRAPH_EVENTS_URL: optionalUrl,
  SUBGRAPH_FUNDING_URL: optionalUrl,
  /** Comma-separated origins allowed to call from a browser; `*` allows any portal. */
  CORS_ORIGINS: z.string().default('*'),
  MAX_QUERY_DEPTH: z.coerce.number().int().min(2).default(12),
  MAX_QUERY_COST: z.coerce.number().int().min(100).default(20000),
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).default(10000),
  /** Seconds a public query answer is reused (mutations through this gateway purge it at once); 0 = off. */
  RESPONSE_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Stack traces and field suggestions in error responses (here and, under `npm start`, in the subgraphs); never follows NODE_ENV. */
  DEBUG_ERRORS: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;

/** Per-subgraph URL overrides from the env (the supergraph's own URLs are used otherwise). */
export function subgraphUrlOverrides(env: GatewayEnv): Partial<Record<SubgraphName, string>> {
  const overrides: Partial<Record<SubgraphName, string>> = {};
  for (const name of SUBGRAPHS) {
    const url = env[`SUBGRAPH_${name.toUpperCase()}_URL` as keyof GatewayEnv] as string | undefined;
    if (url) overrides[name] = url;
  }
  return overrides;
}

/** What `npm start` (the whole stack on one machine) reads on top of the gateway's own variables. */
export const stackEnvSchema = z.object({
  ORGANISATIONS_PORT: z.coerce.number().int().min(1).max(65535).default(4001),
  PARTNERSHIPS_PORT: z.coerce.number().int().min(1).max(65535).default(4002),
  EVENTS_PORT: z.coerce.number().int().min(1).max(65535).default(4003),
  FUNDING_PORT: z.coerce.number().int().min(1).max(65535).default(4004),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATA_DIR: z.string().default('.data'),
  STARTUP_TIMEOUT_MS: z.coerce.number().int().min(1000).default(180000),
  /** Secret between the subgraphs' `/internal/events`; a random one per run when unset. */
  INTERNAL_TOKEN: z.string().min(16).optional(),
  /** A subgraph that crashes more often than this within the window is given up on (the rest keep serving). */
  SUBGRAPH_MAX_RESTARTS: z.coerce.number().int().min(0).max(100).default(5),
  SUBGRAPH_RESTART_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
  /** The subgraphs' log level under `npm start` (quiet by default so the URLs stand out). */
  SUBGRAPH_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
});

export type StackEnv = z.infer<typeof stackEnvSchema>;

/** Parses the env once, printing every problem and exiting on the first bad start. */
export function parseEnvOrExit<S extends z.ZodType>(schema: S): z.infer<S> {
  const result = schema.safeParse(process.env);
  if (result.success) return result.data;
  console.error(`Invalid environment:\n${result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  process.exit(78);
}

import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DEFAULT_CACHE_PREFIX } from './response-store.js';
import { workersSetting } from '@ngo-hub/kit/cluster';
import { metricsSetting } from '@ngo-hub/kit/exposure';
import { natsUrlSetting } from '@ngo-hub/kit/jetstream';
import { GATEWAY_QUERY_LIMITS } from '@ngo-hub/kit/limits';
import { tracingEnv } from '@ngo-hub/kit/tracing';
import {
  GATEWAY_DEFAULT_PORT,
  perSubgraph,
  SUBGRAPHS,
  subgraphUrlVariable,
  type SubgraphName,
} from '@ngo-hub/kit/roster';

export { SUBGRAPHS, type SubgraphName };

export const DEFAULT_SUPERGRAPH_PATH = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));

const optionalUrl = z.url({ protocol: /^https?$/ }).optional();

/** The gateway's whole configuration; `src/env.ts` is the only reader of `process.env` here. */
export const gatewayEnvSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(GATEWAY_DEFAULT_PORT),
    HOST: z.string().default('0.0.0.0'),
    SUPERGRAPH_PATH: z.string().default(DEFAULT_SUPERGRAPH_PATH),
    /** SUBGRAPH_<NAME>_URL per subgraph of the roster. */
    ...perSubgraph(subgraphUrlVariable, () => optionalUrl),
    /** Comma-separated origins allowed to call from a browser; `*` allows any portal. */
    CORS_ORIGINS: z.string().default('*'),
    /** Query limits (kit's limits.ts): nesting depth, aliases, lexical tokens, and the estimated cost (lists multiplied by their page or cap). */
    MAX_QUERY_DEPTH: z.coerce.number().int().min(2).default(GATEWAY_QUERY_LIMITS.maxDepth),
    MAX_QUERY_ALIASES: z.coerce.number().int().min(1).default(GATEWAY_QUERY_LIMITS.maxAliases),
    MAX_QUERY_TOKENS: z.coerce.number().int().min(100).default(GATEWAY_QUERY_LIMITS.maxTokens),
    MAX_QUERY_COST: z.coerce.number().int().min(100).default(GATEWAY_QUERY_LIMITS.maxCost),
    /** Sent to the subgraphs (header `x-internal-token`); they answer `_entities`/`_service` only with it. */
    INTERNAL_TOKEN: z.string().min(16).optional(),
    /** `/metrics`: `on` (beside `/graphql`), `off`, or a port of its own. */
    METRICS: metricsSetting,
    /** Worker processes sharing PORT (kit's cluster.ts): a number, or `auto` for one per core. */
    WORKERS: workersSetting,
    SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).default(10000),
    /** Seconds a public query answer is reused (mutations through this gateway purge it at once); 0 = off. */
    RESPONSE_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
    /**
     * Redis shared by every gateway replica for that cache (`redis://host:6379/0`); unset = each process
     * keeps its own. Set it only with this gateway in every subgraph's EVENT_SUBSCRIBERS, or with NATS_URL
     * when the subgraphs have it: the owners' audit entries are what invalidate it (docs/architecture.md,
     * "Response cache").
     */
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
    /**
     * NATS server(s) with JetStream, as the subgraphs' NATS_URL: with REDIS_URL the gateway then reads the
     * owners' audit entries from the stream (its durable consumer `gateway`) instead of their HTTP push.
     */
    NATS_URL: natsUrlSetting,
    /** The namespace of the hub's keys in that Redis; hubs (or test runs) sharing one Redis each take their own. */
    RESPONSE_CACHE_PREFIX: z.string().min(1).default(DEFAULT_CACHE_PREFIX),
    /**
     * Requests per minute on `/graphql` and `/feeds/*`, per client address (anonymous) and per bearer
     * credential; 0 = off. A busy portal page makes a handful of queries: 600/min (10/s sustained) is far
     * above any person browsing, yet stops one address from monopolising the gateway; a credential
     * stands for an integration (a portal's server, a sync job), hence five times that.
     */
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: z.coerce.number().int().min(0).default(600),
    RATE_LIMIT_AUTHENTICATED_PER_MINUTE: z.coerce.number().int().min(0).default(3000),
    /** Each PORTAL key's own budget: a portal's server speaks for many visitors at once. */
    RATE_LIMIT_PORTAL_PER_MINUTE: z.coerce.number().int().min(0).default(6000),
    /** The bootstrap ADMIN credential: with it an admin makes the first API keys (docs/access.md). */
    ADMIN_TOKEN: z.string().min(16).optional(),
    /** Access tokens (JWT) of an identity provider are accepted when all three are set; claims in docs/access.md. */
    AUTH_JWKS_URL: optionalUrl,
    AUTH_ISSUER: z.string().min(1).optional(),
    AUTH_AUDIENCE: z.string().min(1).optional(),
    /** Seconds a verified API key is remembered; a revocation reaches other gateway replicas within it. */
    API_KEY_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(5),
    /**
     * Fastify's trustProxy: unset/`false` = the socket's address (X-Forwarded-For ignored: any caller
     * could pick its own address and budget); `true` = trust every hop (only when a proxy is the only
     * way in); otherwise the proxies' comma-separated addresses/CIDRs (trusted hops only).
     */
    TRUST_PROXY: z
      .string()
      .default('false')
      .transform((v): boolean | string => (v === 'true' || v === 'false' ? v === 'true' : v)),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Stack traces and field suggestions in error responses (here and, under `npm start`, in the subgraphs); never follows NODE_ENV. */
    DEBUG_ERRORS: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
    /** OpenTelemetry (kit's tracing.ts): OTEL_EXPORTER_OTLP_ENDPOINT turns it on, OTEL_SERVICE_NAME (`gateway`). */
    ...tracingEnv,
  })
  .refine((env) => [env.AUTH_JWKS_URL, env.AUTH_ISSUER, env.AUTH_AUDIENCE].filter(Boolean).length % 3 === 0, {
    message: 'AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE go together: set all three or none',
    path: ['AUTH_JWKS_URL'],
  });

export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;

/** Per-subgraph URL overrides from the env (the supergraph's own URLs are used otherwise). */
export function subgraphUrlOverrides(env: GatewayEnv): Partial<Record<SubgraphName, string>> {
  const overrides: Partial<Record<SubgraphName, string>> = {};
  for (const name of SUBGRAPHS) {
    const url = env[subgraphUrlVariable(name)];
    if (url) overrides[name] = url;
  }
  return overrides;
}

/** Parses the env once, printing every problem and exiting on the first bad start. */
export function parseEnvOrExit<S extends z.ZodType>(schema: S): z.infer<S> {
  const result = schema.safeParse(process.env);
  if (result.success) return result.data;
  console.error(
    `Invalid environment:\n${result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`,
  );
  process.exit(78);
}

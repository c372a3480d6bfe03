import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import cors from '@fastify/cors';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { GraphQLError } from 'graphql';
import { GATEWAY_QUERY_LIMITS, queryProtection, type QueryLimits } from '@ngo-hub/kit/limits';
import { serveMetrics } from '@ngo-hub/kit/exposure';
import type { Logger } from 'pino';
import type { GatewayEnv, SubgraphName } from './env.js';
import { responseCachePlugin } from './response-cache.js';
import { variableInputPlugin, inputPathRule } from '@ngo-hub/kit/input';
import {
  attachScalarParsers,
  gatewayFormatError,
  graphqlOverHttpStatusPlugin,
  operationResolutionPlugin,
  refuseDeepRequests,
  subgraphErrorResponse,
} from './errors.js';
import { registerFeeds } from './feeds/index.js';
import { createGatewayMetrics, type GatewayMetrics } from './metrics.js';
import { type RateLimitBudgets, registerRateLimits } from './rate-limit.js';

export interface GatewayOptions {
  supergraphSdl: string;
  /** Replaces the URL the supergraph gives for a subgraph (tests, docker, free ports). */
  subgraphUrls?: Partial<Record<SubgraphName, string>>;
  logger: Logger;
  corsOrigins?: string;
  /** Depth, aliases, tokens, directives and cost (kit's `queryProtection`); GATEWAY_QUERY_LIMITS by default. */
  limits?: Partial<QueryLimits>;
  /** Sent to the subgraphs in `x-internal-token`: they answer `_entities`/`_service` only to holders. */
  internalToken?: string;
  /** `/metrics`: `on` (here, the default), `off`, or a port of its own (kit's exposure.ts). */
  metrics?: string;
  /** Host the metrics port listens on, when it has one. */
  host?: string;
  subgraphTimeoutMs?: number;
  /** Reuse public query answers this long (0 = off); see response-cache.ts. */
  responseCacheTtlSeconds?: number;
  /** Stack traces and "Did you mean" suggestions in error responses (DEBUG_ERRORS); never by NODE_ENV. */
  debugErrors?: boolean;
  /** Per-minute budgets (rate-limit.ts); not given = no limits (tests, benchmarks); the env's defaults come through gatewayOptionsFromEnv. */
  rateLimits?: RateLimitBudgets;
  /** Fastify's trustProxy (TRUST_PROXY): whether X-Forwarded-For names the client; off by default. */
  trustProxy?: FastifyServerOptions['trustProxy'];
}

interface GatewayContext extends BaseContext {
  authorization?: string;
  /** Filled as subgraph responses arrive; reported in the `x-sql-statements` / `x-subgraph-fetches` headers. */
  cost: { sqlStatements: number; subgraphFetches: number };
}

/** Reads the committed supergraph; the gateway never introspects subgraphs at run time. */
export function readSupergraph(path: string): string {
  return readFileSync(path, 'utf8');
}

/** The subgraph URLs the supergraph declares (`@join__graph(name:, url:)`). */
export function supergraphUrls(supergraphSdl: string): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const match of supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g))
    urls[match[1]!] = match[2]!;
  return urls;
}

/** Forwards the caller's bearer token (mutations need it) and bounds each subgraph call in time. */
class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly fetches: { inc: (n?: number) => void };

  constructor(
    private readonly serviceName: string,
    url: string,
    private readonly timeoutMs: number,
    private readonly metrics: GatewayMetrics,
    private readonly internalToken?: string,
  ) {
    super({ url });
    this.fetches = metrics.fetchesTo(serviceName);
  }

  override willSendRequest({
    request,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
    // Its own header: `authorization` carries the caller's token, which must not unlock `_entities`.
    if (this.internalToken) request.http?.headers.set('x-internal-token', this.internalToken);
  }

  override didReceiveResponse({
    response,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0]) {
    const statements = Number(response.http?.headers.get('x-sql-statements') ?? 0);
    context.cost.subgraphFetches += 1;
    context.cost.sqlStatements += statements;
    this.fetches.inc();
    if (statements > 0) this.metrics.sqlStatements.inc(statements);
    return response;
  }

  /** A subgraph that cannot be reached becomes one clear, coded error beside the other subgraphs' data. */
  override fetcher: typeof fetch = async (input, init) => {
    let response: Response;
    try {
      response = await fetch(input, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new GraphQLError(
        `The ${this.serviceName} service is ${timedOut ? 'not answering' : 'unavailable'}; its fields are null in this response`,
        {
          extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: this.serviceName },
        },
      );
    }
    return response.ok ? response : subgraphErrorResponse(this.serviceName, response);
  };
}

/** Tells a client (and the benchmark) what its request cost behind the gateway. */
const costHeaders: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        response.http.headers.set('x-sql-statements', String(contextValue.cost.sqlStatements));
        response.http.headers.set('x-subgraph-fetches', String(contextValue.cost.subgraphFetches));
      },
    };
  },
};

/**
 * The hub's HTTP face: `POST /graphql` (Apollo Gateway over the committed supergraph, with
 * graphql-armor limits), `GET /health`, `GET /metrics` (Prometheus), CORS for portals calling from the browser. A subgraph that
 * fails or is down turns into an error beside partial data; the gateway itself keeps serving.
 */
export async function createGatewayApp(options: GatewayOptions): Promise<FastifyInstance> {
  const declared = supergraphUrls(options.supergraphSdl);
  const urls: Record<string, string> = { ...declared, ...options.subgraphUrls };
  const metrics = createGatewayMetrics();
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name }) =>
      new SubgraphDataSource(name, urls[name]!, options.subgraphTimeoutMs ?? 10000, metrics, options.internalToken),
    logger: options.logger,
  });
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => attachScalarParsers(apiSchema));
  const protection = queryProtection(options.limits ?? {}, GATEWAY_QUERY_LIMITS);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: true,
    // Stopped once, by Fastify's onClose, when the process decides to stop (main.ts, stack.ts); Apollo's own
    // SIGINT/SIGTERM handlers would start a second stop() that never resolves and keep the process alive.
    stopOnTerminationSignals: false,
    plugins: [
      ...protection.plugins,
      costHeaders,
      responseCachePlugin<GatewayContext>({ ttlMs: (options.responseCacheTtlSeconds ?? 0) * 1000 }),
      operationResolutionPlugin(),
      variableInputPlugin(),
      graphqlOverHttpStatusPlugin(),
    ],
    validationRules: [...protection.validationRules, inputPathRule],
    parseOptions: protection.parseOptions,
    includeStacktraceInErrorResponses: options.debugErrors ?? false,
    hideSchemaDetailsFromClientErrors: !options.debugErrors,
    formatError: gatewayFormatError(options.debugErrors ?? false, options.logger),
    allowBatchedHttpRequests: false,
  });
  await apollo.start();

  const app = Fastify({ logger: false, bodyLimit: 1_000_000, trustProxy: options.trustProxy ?? false });
  const origins = options.corsOrigins ?? '*';
  await app.register(cors, {
    origin: origins === '*' ? true : origins.split(',').map((o) => o.trim()),
    maxAge: 600,
    // A portal's script may read its budget and when to retry.
    exposedHeaders: ['retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'],
  });
  refuseDeepRequests(app);
  // Before the routes: the plugin hooks only routes added after it.
  if (options.rateLimits) await registerRateLimits(app, options.rateLimits);

  app.get('/health', async (_request, reply) => {
    const checks = await Promise.all(
      Object.entries(urls).map(async ([name, url]) => {
        try {
          const response = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(2000) });
          return [name, response.ok ? 'ok' : 'down'] as const;
        } catch {
          return [name, 'down'] as const;
        }
      }),
    );
    const subgraphs = Object.fromEntries(checks);
    const allUp = checks.every(([, status]) => status === 'ok');
    return reply.code(200).send({ service: 'gateway', status: allUp ? 'ok' : 'degraded', subgraphs });
  });

  const handler = fastifyApolloHandler(apollo, {
    context: async (request) => ({
      authorization: request.headers.authorization,
      cost: { sqlStatements: 0, subgraphFetches: 0 },
    }),
  });
  const graphqlRoute = async (request: Parameters<typeof handler>[0], reply: Parameters<typeof handler>[1]) => {
    const started = performance.now();
    try {
      return await handler.call(app, request, reply);
    } finally {
      metrics.requests.inc();
      metrics.duration.observe((performance.now() - started) / 1000);
    }
  };
  app.post('/graphql', graphqlRoute);
  app.get('/graphql', graphqlRoute);
  await serveMetrics(app, options.metrics ?? 'on', options.host ?? '127.0.0.1', async () => ({
    contentType: metrics.registry.contentType,
    body: await metrics.registry.metrics(),
  }));
  registerFeeds(app, apollo);
  app.addHook('onClose', async () => {
    await apollo.stop();
  });
  return app;
}

export function gatewayOptionsFromEnv(
  env: GatewayEnv,
  logger: Logger,
  subgraphUrls: Partial<Record<SubgraphName, string>>,
): GatewayOptions {
  return {
    supergraphSdl: readSupergraph(env.SUPERGRAPH_PATH),
    subgraphUrls,
    logger,
    corsOrigins: env.CORS_ORIGINS,
    limits: {
      maxDepth: env.MAX_QUERY_DEPTH,
      maxCost: env.MAX_QUERY_COST,
      maxAliases: env.MAX_QUERY_ALIASES,
      maxTokens: env.MAX_QUERY_TOKENS,
    },
    internalToken: env.INTERNAL_TOKEN,
    metrics: env.METRICS,
    host: env.HOST,
    subgraphTimeoutMs: env.SUBGRAPH_TIMEOUT_MS,
    responseCacheTtlSeconds: env.RESPONSE_CACHE_TTL_SECONDS,
    debugErrors: env.DEBUG_ERRORS,
    rateLimits: {
      anonymousPerMinute: env.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
      authenticatedPerMinute: env.RATE_LIMIT_AUTHENTICATED_PER_MINUTE,
      credentials: env.ADMIN_TOKEN ? [env.ADMIN_TOKEN] : [],
    },
    trustProxy: env.TRUST_PROXY,
  };
}

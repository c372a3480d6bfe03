import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import compress from '@fastify/compress';
import cors from '@fastify/cors';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { GraphQLError } from 'graphql';
import { GATEWAY_QUERY_LIMITS, queryProtection, type QueryLimits } from '@ngo-hub/kit/limits';
import { serveMetrics } from '@ngo-hub/kit/exposure';
import { operationSpanPlugin, recordHttpStatus, withClientSpan, withServerSpan } from '@ngo-hub/kit/tracing';
import { metricsRenderer, WORKER_HEADER, workerHeaderValue } from '@ngo-hub/kit/cluster';
import type { Logger } from 'pino';
import type { GatewayEnv, SubgraphName } from './env.js';
import { responseCachePlugin } from './response-cache.js';
import { DEFAULT_CACHE_PREFIX, MemoryResponseStore, RedisResponseStore } from './response-store.js';
import { consumeCacheInvalidation, registerCacheInvalidation } from './cache-invalidation.js';
import { variableInputPlugin, inputPathRule } from '@ngo-hub/kit/input';
import {
  attachScalarParsers,
  gatewayFormatError,
  graphqlOverHttpStatusPlugin,
  operationResolutionPlugin,
  refuseDeepRequests,
  subgraphErrorResponse,
} from './errors.js';
import { registerEmbed } from './embed/index.js';
import { registerExports } from './exports/index.js';
import { registerFeeds } from './feeds/index.js';
import { registerNotices } from './notices.js';
import { explorerLandingPage, registerExplorerAssets } from './explorer/page.js';
import {
  type FetcherRequestInit,
  type FetcherResponse,
  SubgraphClient,
  type SubgraphResponse,
  SubgraphTimeoutError,
} from './subgraph-client.js';
import { createGatewayMetrics, type GatewayMetrics } from './metrics.js';
import { type RateLimitBudgets, registerRateLimits } from './rate-limit.js';
import { IDENTITY_HEADER, type Identity, signIdentity } from '@ngo-hub/kit/identity';
import { type CredentialOptions, CredentialError, Credentials, forgetRevokedKeys } from './credentials.js';

export interface GatewayOptions {
  supergraphSdl: string;
  /** Replaces the URL the supergraph gives for a subgraph (tests, docker, free ports). */
  subgraphUrls?: Partial<Record<SubgraphName, string>>;
  logger: Logger;
  corsOrigins?: string;
  /** Depth, aliases, tokens, directives and cost (kit's `queryProtection`); GATEWAY_QUERY_LIMITS by default. */
  limits?: Partial<QueryLimits>;
  /**
   * Sent to the subgraphs in `x-internal-token` (they answer `_entities`/`_service` only to holders), and
   * the key the caller's identity is signed with (`x-hub-identity`); without it every caller is anonymous.
   */
  internalToken?: string;
  /** The bootstrap ADMIN credential (ADMIN_TOKEN). */
  adminToken?: string;
  /** Identity-provider access tokens (AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE). */
  jwt?: CredentialOptions['jwt'];
  /** How long a verified API key is remembered (API_KEY_CACHE_SECONDS, default 5). */
  apiKeyCacheSeconds?: number;
  /** `/metrics`: `on` (here, the default), `off`, or a port of its own (kit's exposure.ts). */
  metrics?: string;
  /** Host the metrics port listens on, when it has one. */
  host?: string;
  subgraphTimeoutMs?: number;
  /** Reuse public query answers this long (0 = off); see response-cache.ts. */
  responseCacheTtlSeconds?: number;
  /**
   * REDIS_URL: keep those answers in Redis, shared by every replica and invalidated by the owners'
   * audit entries pushed to this gateway's `/internal/events` or read from JetStream (`nats`) (response-store.ts);
   * else in this process.
   */
  redisUrl?: string;
  /** RESPONSE_CACHE_PREFIX: the namespace of this hub's keys in that Redis. */
  responseCachePrefix?: string;
  /**
   * NATS_URL (with redisUrl): the owners publish their audit entries to JetStream, and the gateway reads
   * them there (cache-invalidation.ts); `hub` names the stream (`ngo-hub`, as the subgraphs' default).
   */
  nats?: { url: string; hub?: string };
  /** Stack traces and "Did you mean" suggestions in error responses (DEBUG_ERRORS); never by NODE_ENV. */
  debugErrors?: boolean;
  /** Per-minute budgets (rate-limit.ts); not given = no limits (tests, benchmarks); the env's defaults come through gatewayOptionsFromEnv. */
  rateLimits?: RateLimitBudgets;
  /** Fastify's trustProxy (TRUST_PROXY): whether X-Forwarded-For names the client; off by default. */
  trustProxy?: FastifyServerOptions['trustProxy'];
  /** Most items one feed collects (FEED_ITEM_CAP by default; small in tests). */
  feedItemCap?: number;
}

interface GatewayContext extends BaseContext {
  /** Present when the caller sent a credential: such answers are never cached (response-cache.ts). */
  authorization?: string;
  /** Who the caller is, as credentials.ts verified it; null for anonymous. */
  identity: Identity | null;
  /** The signed `x-hub-identity`, made once per request when a subgraph is first called. */
  signedIdentity?: Promise<string>;
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

type ProcessOptions = Parameters<RemoteGraphQLDataSource<GatewayContext>['process']>[0];
type SubgraphRequest = ProcessOptions['request'];
type SubgraphResult = Awaited<ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']>>;

/** Sends the caller's verified identity (never the raw credential) and bounds each subgraph call in time. */
class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly fetches: { inc: (n?: number) => void };
  private readonly client: SubgraphClient;

  constructor(
    private readonly serviceName: string,
    url: string,
    timeoutMs: number,
    private readonly metrics: GatewayMetrics,
    private readonly internalToken?: string,
  ) {
    super({ url });
    this.fetches = metrics.fetchesTo(serviceName);
    this.client = new SubgraphClient(url, timeoutMs);
    // Apollo's sendRequest builds a node-fetch Request on every call only to hand it to didEncounterError,
    // which this class leaves as is; that object (its URL parsing above all) cost a few percent of the
    // gateway's CPU. Private in Apollo's typings, hence an own property rather than an override
    // (@apollo/gateway is pinned; gateway tests run every path through it).
    Object.defineProperty(this, 'sendRequest', { value: this.sendOne });
  }

  /** Apollo's sendRequest (2.14) without the unused Request object: same init, same checks, same errors. */
  private readonly sendOne = async (request: SubgraphRequest, context: GatewayContext): Promise<SubgraphResult> => {
    if (!request.http) throw new Error("Internal error: Only 'http' requests are supported.");
    const { http, ...withoutHttp } = request;
    const init = { method: http.method, headers: Object.fromEntries(http.headers), body: JSON.stringify(withoutHttp) };
    let response: FetcherResponse | undefined;
    try {
      response = await this.fetcher(http.url, init);
      if (!response.ok) throw await this.errorFromResponse(response);
      const body = await this.parseBody(response, undefined, context);
      if (typeof body !== 'object' || body === null || Array.isArray(body))
        throw new Error(`Expected JSON response body, but received: ${body}`);
      return { ...body, http: response };
    } catch (error) {
      this.didEncounterError(error as Error, undefined as never, response, context, request);
      throw error;
    }
  };

  override async willSendRequest({
    request,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    if (!this.internalToken) return;
    request.http?.headers.set('x-internal-token', this.internalToken);
    if (context.identity) {
      context.signedIdentity ??= signIdentity(context.identity, this.internalToken);
      request.http?.headers.set(IDENTITY_HEADER, await context.signedIdentity);
    }
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
  override fetcher = (url: string, init?: FetcherRequestInit): Promise<FetcherResponse> =>
    withClientSpan(
      `subgraph ${this.serviceName}`,
      { 'peer.service': this.serviceName, 'http.request.method': 'POST', 'url.full': url },
      async (traceHeaders, span) => {
        const response = await this.send(url, init, span ? traceHeaders : undefined);
        recordHttpStatus(span, response.status);
        return response;
      },
    );

  private async send(
    url: string,
    init: FetcherRequestInit | undefined,
    traceHeaders: Record<string, string> | undefined,
  ): Promise<FetcherResponse> {
    let response: SubgraphResponse;
    try {
      response = await this.client.post(url, init, traceHeaders);
    } catch (error) {
      const timedOut = error instanceof SubgraphTimeoutError;
      throw new GraphQLError(
        `The ${this.serviceName} service is ${timedOut ? 'not answering' : 'unavailable'}; its fields are null in this response`,
        {
          extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: this.serviceName },
        },
      );
    }
    return response.ok ? response : subgraphErrorResponse(this.serviceName, response);
  }

  /** Closes the kept-alive connections when the gateway stops. */
  close(): void {
    this.client.close();
  }
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
 * graphql-armor limits), the explorer for browsers at `GET /graphql` (explorer/page.ts), `GET /health`, `GET /metrics` (Prometheus), CORS for portals calling from the browser. A subgraph that
 * fails or is down turns into an error beside partial data; the gateway itself keeps serving.
 */
export async function createGatewayApp(options: GatewayOptions): Promise<FastifyInstance> {
  const declared = supergraphUrls(options.supergraphSdl);
  const urls: Record<string, string> = { ...declared, ...options.subgraphUrls };
  const metrics = createGatewayMetrics();
  const dataSources: SubgraphDataSource[] = [];
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name }) => {
      const source = new SubgraphDataSource(
        name,
        urls[name]!,
        options.subgraphTimeoutMs ?? 10000,
        metrics,
        options.internalToken,
      );
      dataSources.push(source);
      return source;
    },
    logger: options.logger,
  });
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => attachScalarParsers(apiSchema));
  const protection = queryProtection(options.limits ?? {}, GATEWAY_QUERY_LIMITS);
  const credentials = new Credentials({
    adminToken: options.adminToken,
    accessUrl: urls.access?.replace(/\/graphql$/, ''),
    internalToken: options.internalToken,
    jwt: options.jwt,
    cacheSeconds: options.apiKeyCacheSeconds,
  });
  const ttlMs = (options.responseCacheTtlSeconds ?? 0) * 1000;
  const sharedStore =
    options.redisUrl && ttlMs > 0
      ? new RedisResponseStore(options.redisUrl, options.responseCachePrefix ?? DEFAULT_CACHE_PREFIX, ttlMs)
      : undefined;
  await sharedStore?.ready();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: true,
    // Stopped once, by Fastify's onClose, when the process decides to stop (main.ts, stack.ts); Apollo's own
    // SIGINT/SIGTERM handlers would start a second stop() that never resolves and keep the process alive.
    stopOnTerminationSignals: false,
    plugins: [
      operationSpanPlugin(),
      ...protection.plugins,
      costHeaders,
      // Off (TTL 0) it is left out: nothing would be stored, so no request needs its hooks.
      ...(ttlMs > 0
        ? [
            responseCachePlugin<GatewayContext>({
              ttlMs,
              store: sharedStore ?? new MemoryResponseStore(ttlMs),
              namespace: createHash('sha256').update(options.supergraphSdl).digest('base64url').slice(0, 16),
              onStoreError: (error) =>
                options.logger.warn({ err: error.message }, 'response cache unavailable; answering uncached'),
            }),
          ]
        : []),
      operationResolutionPlugin(),
      variableInputPlugin(),
      graphqlOverHttpStatusPlugin(),
      forgetRevokedKeys(credentials),
      explorerLandingPage(),
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
  // gzip / br by Accept-Encoding on every route added after it (/graphql, /feeds/*), bodies of 1 KiB
  // and more (smaller ones gain nothing); request bodies are never inflated (no zip bombs past bodyLimit).
  await app.register(compress, { threshold: 1024, globalDecompression: false });
  const worker = workerHeaderValue();
  if (worker) app.addHook('onRequest', async (_request, reply) => void reply.header(WORKER_HEADER, worker));
  refuseDeepRequests(app);
  identifyCallers(app, credentials);
  // Before the rate limits: the owners' outboxes push here as often as they write.
  if (sharedStore) registerCacheInvalidation(app, sharedStore, options.internalToken, options.logger);
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
      identity: request.identity ?? null,
      cost: { sqlStatements: 0, subgraphFetches: 0 },
    }),
  });
  const graphqlRoute = async (request: Parameters<typeof handler>[0], reply: Parameters<typeof handler>[1]) => {
    const started = performance.now();
    const attributes = { 'http.request.method': request.method, 'http.route': '/graphql' };
    return withServerSpan(request.headers, `${request.method} /graphql`, attributes, async (span) => {
      try {
        const body = await handler.call(app, request, reply);
        recordHttpStatus(span, reply.statusCode);
        options.logger.debug({ status: reply.statusCode }, 'graphql request');
        return body;
      } finally {
        metrics.requests.inc();
        metrics.duration.observe((performance.now() - started) / 1000);
      }
    });
  };
  // Before the /graphql routes: it adds the explorer page's Content-Security-Policy to them.
  registerExplorerAssets(app);
  app.post('/graphql', graphqlRoute);
  app.get('/graphql', graphqlRoute);
  await serveMetrics(app, options.metrics ?? 'on', options.host ?? '127.0.0.1', metricsRenderer(metrics.registry));
  registerFeeds(app, apollo, { itemCap: options.feedItemCap });
  registerExports(app, apollo);
  registerNotices(app, apollo);
  registerEmbed(app);
  // Last: nothing after it can fail and leave the reader running.
  const changes =
    sharedStore && options.nats ? consumeCacheInvalidation(sharedStore, options.nats, options.logger) : undefined;
  app.addHook('onClose', async () => {
    // First: no invalidation may be started on a store that closes.
    await changes?.close();
    await apollo.stop();
    for (const source of dataSources) source.close();
  });
  return app;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller's verified identity (null: anonymous), on `/graphql` and `/feeds/*`. */
    identity?: Identity | null;
    credentialError?: CredentialError;
  }
}

/**
 * Resolves the caller's identity first thing (the rate limit then counts a key as itself), and refuses
 * a credential it cannot accept just before the handler: 401 `UNAUTHENTICATED` for the whole request,
 * so a portal with a broken key learns it at once rather than reading as anonymous.
 */
function identifyCallers(app: FastifyInstance, credentials: Credentials): void {
  const identified = (url: string | undefined) =>
    url === '/graphql' || !!url?.startsWith('/feeds/') || !!url?.startsWith('/exports/');
  app.addHook('onRequest', async (request) => {
    if (!identified(request.routeOptions.url)) return;
    try {
      request.identity = await credentials.identify(request.headers.authorization);
    } catch (error) {
      if (!(error instanceof CredentialError)) throw error;
      request.credentialError = error;
    }
  });
  app.addHook('preHandler', async (request, reply) => {
    const error = request.credentialError;
    if (!error) return;
    const code = error.status === 401 ? 'UNAUTHENTICATED' : 'SERVICE_UNAVAILABLE';
    return reply
      .code(error.status)
      .header('www-authenticate', 'Bearer')
      .type('application/json')
      .send(JSON.stringify({ errors: [{ message: error.message, extensions: { code } }] }));
  });
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
    adminToken: env.ADMIN_TOKEN,
    jwt:
      env.AUTH_JWKS_URL && env.AUTH_ISSUER && env.AUTH_AUDIENCE
        ? { jwksUrl: env.AUTH_JWKS_URL, issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE }
        : undefined,
    apiKeyCacheSeconds: env.API_KEY_CACHE_SECONDS,
    metrics: env.METRICS,
    host: env.HOST,
    subgraphTimeoutMs: env.SUBGRAPH_TIMEOUT_MS,
    responseCacheTtlSeconds: env.RESPONSE_CACHE_TTL_SECONDS,
    redisUrl: env.REDIS_URL,
    responseCachePrefix: env.RESPONSE_CACHE_PREFIX,
    nats: env.NATS_URL ? { url: env.NATS_URL } : undefined,
    debugErrors: env.DEBUG_ERRORS,
    rateLimits: {
      anonymousPerMinute: env.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
      authenticatedPerMinute: env.RATE_LIMIT_AUTHENTICATED_PER_MINUTE,
      portalPerMinute: env.RATE_LIMIT_PORTAL_PER_MINUTE,
    },
    trustProxy: env.TRUST_PROXY,
  };
}

import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import cors from '@fastify/cors';
import Fastify, { type FastifyInstance } from 'fastify';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { IDENTITY_HEADER, type Identity, verifyIdentity } from './identity.js';
import type { Db, MikroORM } from './orm.js';
import type { SubgraphContext } from './context.js';
import { maskUnexpectedError, statementTimeoutError } from './errors.js';
import { formatInputError, inputPathRule, nestsDeeperThan, variableInputPlugin } from './input.js';
import { queryProtection, SUBGRAPH_QUERY_LIMITS, type QueryLimits } from './limits.js';
import { bearerToken, INTERNAL_TOKEN_HEADER, internalOnlyFields, isInternalCaller, serveMetrics } from './exposure.js';
import type { Logger } from './logger.js';
import { withSqlTally, type SqlTally } from './sql-counter.js';
import { createSubgraphMetrics } from './metrics.js';
import { operationSpanPlugin, recordHttpStatus, withServerSpan } from './tracing.js';
import { metricsRenderer, WORKER_HEADER, workerHeaderValue } from './cluster.js';
import { applyIntegrationBatch, type IntegrationBatch, type OutboxDelivery } from './integration.js';
import type { InboxHandlers } from './topics.js';

/** After a mutation, pushes its integration events before answering: derived data is then current. */
function deliverAfterMutations(delivery: OutboxDelivery, logger: Logger): ApolloServerPlugin<any> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation }) {
          if (operation?.operation !== 'mutation') return;
          await delivery
            .flush()
            .catch((error: Error) =>
              logger.warn({ err: error.message }, 'integration delivery failed; retrying later'),
            );
        },
      };
    },
  };
}

export interface SubgraphServerOptions<L> {
  name: string;
  schema: GraphQLSchema;
  orm: MikroORM;
  createLoaders: (em: Db) => L;
  logger: Logger;
  /** Stack traces and "Did you mean" suggestions in error responses (DEBUG_ERRORS); never by NODE_ENV. */
  debugErrors?: boolean;
  /**
   * Unlocks `_entities`/`_service` (header `x-internal-token`; without it only loopback callers may use
   * them) and verifies the gateway's `x-hub-identity` (without it every caller is anonymous).
   */
  internalToken?: string;
  /** Routes of the subgraph's own beside `/graphql` (the access subgraph's credential check). */
  routes?: (app: FastifyInstance, guard: InternalGuard) => void;
  /** Query limits for every caller; SUBGRAPH_QUERY_LIMITS by default. */
  limits?: Partial<QueryLimits>;
  /** `/metrics`: `on` (default), `off`, or a port of its own, listening on `host`. */
  metrics?: string;
  host?: string;
  /** Integration events: what this subgraph pushes after mutations and what it accepts from others. */
  integration?: {
    delivery: OutboxDelivery;
    handlers: InboxHandlers;
    schemaName: string;
  };
}

/** Whether a request to an `/internal/*` route comes from the gateway or a subgraph (bearer INTERNAL_TOKEN). */
export type InternalGuard = (request: { headers: { authorization?: string }; ip: string }) => boolean;

/** The verified identity of a request: null without the header, UNAUTHENTICATED (401) when it cannot be verified. */
async function viewerOf(header: string | string[] | undefined, secret: string | undefined): Promise<Identity | null> {
  if (header === undefined) return null;
  const identity = await verifyIdentity(Array.isArray(header) ? (header[0] ?? '') : header, secret);
  if (identity) return identity;
  throw new GraphQLError(`${IDENTITY_HEADER} is not an identity this hub's gateway signed, or it has expired`, {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
  });
}

export interface RunningService {
  app: FastifyInstance;
  url: string;
  port: number;
  close: () => Promise<void>;
}

/**
 * One subgraph's HTTP service: `POST /graphql` (Apollo Server on Fastify), `GET /health` (checks the
 * database), `GET /metrics` (Prometheus). Each request gets a forked EntityManager, fresh DataLoaders
 * and an SQL tally, reported back in the `x-sql-statements` header and added to the metrics.
 */
export async function createSubgraphServer<L>(opts: SubgraphServerOptions<L>): Promise<FastifyInstance> {
  const protection = queryProtection(opts.limits ?? {}, SUBGRAPH_QUERY_LIMITS);
  const apollo = new ApolloServer<SubgraphContext<L>>({
    schema: opts.schema,
    introspection: true,
    // The process stops Apollo exactly once, through Fastify's onClose (see runSubgraphMain); Apollo's own
    // signal handlers would race that and leave a second stop() that never resolves.
    stopOnTerminationSignals: false,
    // Federated traces are only useful with Apollo's hosted reporting, which the hub does not use;
    // cache hints neither (the gateway tags its own cache): on by default, that plugin wraps every
    // field resolver to compute them.
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      operationSpanPlugin(),
      internalOnlyFields(),
      ...protection.plugins,
      ...(opts.integration ? [deliverAfterMutations(opts.integration.delivery, opts.logger)] : []),
      variableInputPlugin(),
    ],
    validationRules: [...protection.validationRules, inputPathRule],
    parseOptions: protection.parseOptions,
    includeStacktraceInErrorResponses: opts.debugErrors ?? false,
    hideSchemaDetailsFromClientErrors: !opts.debugErrors,
    formatError: (formatted, error) => {
      const timeout = statementTimeoutError(formatted, error);
      if (timeout) return timeout;
      const input = formatInputError(formatted, error, opts.debugErrors);
      const masked = maskUnexpectedError(input);
      if (masked !== input) opts.logger.error({ err: error }, 'unexpected resolver error');
      return masked;
    },
  });
  await apollo.start();

  const app = Fastify({ logger: false });
  await app.register(cors, { origin: true });
  app.get('/health', async (_req, reply) => {
    const check = await opts.orm.checkConnection();
    return reply
      .code(check.ok ? 200 : 503)
      .send({ service: opts.name, status: check.ok ? 'ok' : 'down', reason: check.ok ? undefined : check.reason });
  });

  const worker = workerHeaderValue();
  if (worker) app.addHook('onRequest', async (_request, reply) => void reply.header(WORKER_HEADER, worker));

  const metrics = createSubgraphMetrics(opts.name);
  await serveMetrics(app, opts.metrics ?? 'on', opts.host ?? '127.0.0.1', metricsRenderer(metrics.registry));

  // The subgraphs push to each other with the internal token as a bearer (loopback only without one).
  const internalGuard: InternalGuard = (request) =>
    isInternalCaller(bearerToken(request.headers.authorization), request.ip, opts.internalToken);
  opts.routes?.(app, internalGuard);
  const integration = opts.integration;
  if (integration) {
    app.post('/internal/events', async (request, reply) => {
      if (!internalGuard(request)) return reply.code(403).send({ error: 'forbidden' });
      const batch = request.body as IntegrationBatch;
      if (typeof batch?.publisher !== 'string' || !Array.isArray(batch.events))
        return reply.code(400).send({ error: 'not an integration batch' });
      const applied = await applyIntegrationBatch(opts.orm, integration.schemaName, integration.handlers, batch);
      return reply.send({ applied });
    });
  }

  const handler = fastifyApolloHandler(apollo, {
    context: async (request) => {
      const em = opts.orm.em.fork();
      return {
        em,
        loaders: opts.createLoaders(em),
        tally: (request as unknown as { tally: SqlTally }).tally,
        viewer: await viewerOf(request.headers[IDENTITY_HEADER], opts.internalToken),
        internal: isInternalCaller(request.headers[INTERNAL_TOKEN_HEADER], request.ip, opts.internalToken),
      };
    },
  });
  const graphqlRoute = async (request: Parameters<typeof handler>[0], reply: Parameters<typeof handler>[1]) => {
    const started = performance.now();
    const tally: SqlTally = { statements: 0 };
    (request as unknown as { tally: SqlTally }).tally = tally;
    if (nestsDeeperThan(request.body)) {
      return reply
        .code(400)
        .type('application/json')
        .send(
          JSON.stringify({
            errors: [{ message: 'the request nests deeper than 32 levels', extensions: { code: 'BAD_REQUEST' } }],
          }),
        );
    }
    const attributes = { 'http.request.method': request.method, 'http.route': '/graphql' };
    return withServerSpan(request.headers, `${request.method} /graphql`, attributes, async (span) => {
      try {
        const body = await withSqlTally(tally, () => handler.call(app, request, reply));
        reply.header('x-sql-statements', String(tally.statements));
        recordHttpStatus(span, reply.statusCode);
        span?.setAttribute('hub.sql_statements', tally.statements);
        opts.logger.debug({ status: reply.statusCode, sqlStatements: tally.statements }, 'graphql request');
        return body;
      } finally {
        metrics.requests.inc();
        metrics.sqlStatements.inc(tally.statements);
        metrics.duration.observe((performance.now() - started) / 1000);
      }
    });
  };
  app.post('/graphql', graphqlRoute);
  app.get('/graphql', graphqlRoute);
  app.addHook('onClose', async () => {
    await apollo.stop();
  });
  return app;
}

/** Listens on `port` (0 = any free port) and returns the address actually bound. */
export async function listen(app: FastifyInstance, port: number, host: string): Promise<RunningService> {
  await app.listen({ port, host });
  const address = app.server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return { app, port: bound, url: `http://${shownHost}:${bound}/graphql`, close: () => app.close() };
}

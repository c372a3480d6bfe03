import { timingSafeEqual } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import cors from '@fastify/cors';
import Fastify, { type FastifyInstance } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { SubgraphContext } from './context.js';
import { maskUnexpectedError } from './errors.js';
import type { Logger } from './logger.js';
import { withSqlTally, type SqlTally } from './sql-counter.js';

export interface SubgraphServerOptions<L> {
  name: string;
  schema: GraphQLSchema;
  orm: MikroORM;
  createLoaders: (em: EntityManager) => L;
  logger: Logger;
  adminToken?: string;
}

export interface RunningService {
  app: FastifyInstance;
  url: string;
  port: number;
  close: () => Promise<void>;
}

function bearerMatches(header: string | undefined, token: string | undefined): boolean {
  if (!token || !header?.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice(7));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * One subgraph's HTTP service: `POST /graphql` (Apollo Server on Fastify), `GET /health` (checks the
 * database). Each request gets a forked EntityManager, fresh DataLoaders and an SQL tally, reported
 * back in the `x-sql-statements` header.
 */
export async function createSubgraphServer<L>(opts: SubgraphServerOptions<L>): Promise<FastifyInstance> {
  const apollo = new ApolloServer<SubgraphContext<L>>({
    schema: opts.schema,
    introspection: true,
    // Federated traces are only useful with Apollo's hosted reporting, which the hub does not use.
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    formatError: (formatted, error) => {
      const masked = maskUnexpectedError(formatted);
      if (masked !== formatted) opts.logger.error({ err: error }, 'unexpected resolver error');
      return masked;
    },
  });
  await apollo.start();

  const app = Fastify({ logger: false });
  await app.register(cors, { origin: true });
  app.get('/health', async (_req, reply) => {
    const check = await opts.orm.checkConnection();
    return reply.code(check.ok ? 200 : 503).send({ service: opts.name, status: check.ok ? 'ok' : 'down', reason: check.ok ? undefined : check.reason });
  });

  const handler = fastifyApolloHandler(apollo, {
    context: async (request) => {
      const em = opts.orm.em.fork();
      return {
        em,
        loaders: opts.createLoaders(em),
        tally: (request as unknown as { tally: SqlTally }).tally,
        isAdmin: bearerMatches(request.headers.authorization, opts.adminToken),
      };
    },
  });
  const graphqlRoute = async (request: Parameters<typeof handler>[0], reply: Parameters<typeof handler>[1]) => {
    const tally: SqlTally = { statements: 0 };
    (request as unknown as { tally: SqlTally }).tally = tally;
    const body = await withSqlTally(tally, () => handler.call(app, request, reply));
    reply.header('x-sql-statements', String(tally.statements));
    return body;
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

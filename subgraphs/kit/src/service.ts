import { resolve } from 'node:path';
import type { GraphQLSchema } from 'graphql';
import type { Db, MikroORM } from './orm.js';
import { parseEnv, subgraphEnvSchema, type SubgraphEnv } from './env.js';
import { createLogger, type Logger } from './logger.js';
import { stopOnSignals } from './signals.js';
import { announceReady, isClusterWorker, runClustered } from './cluster.js';
import { limitStatementTime, openDatabase, type DatabaseOptions } from './orm.js';
import { applyIntegrationBatch, HttpPush, type IntegrationTransport, OutboxDelivery } from './integration.js';
import { JetStreamTransport } from './jetstream.js';
import { type JobHandlers, JobWorker } from './jobs.js';
import type { InboxHandlers } from './topics.js';
import { shutdownTracing, startTracingFromEnv } from './tracing.js';
import { createSubgraphServer, listen, type RunningService, type SubgraphServerOptions } from './server.js';

/** Everything that makes one subgraph; `subgraphs/<name>/src/subgraph.ts` exports one of these. */
export interface SubgraphDefinition<L> {
  name: string;
  defaultPort: number;
  database: Pick<DatabaseOptions, 'schema' | 'entities' | 'migrations'>;
  buildSchema: () => Promise<GraphQLSchema>;
  createLoaders: (em: Db) => L;
  /**
   * Loads demo data: the seed documents' facts, and with `synthetic` the synthetic layer dated
   * relative to today. Must be idempotent (a second start neither fails nor duplicates).
   */
  seed?: (orm: MikroORM, options: { synthetic: boolean }) => Promise<void>;
  /** Keeps reference data in sync at every start (e.g. the TERC register). */
  sync?: (orm: MikroORM) => Promise<void>;
  /**
   * Outbox and inbox (see integration.ts, topics.ts): present when the subgraph's migrations include
   * `integrationMigration`. `handlers` apply other subgraphs' messages to this one's own tables.
   */
  integration?: { handlers: InboxHandlers };
  /** Background jobs (jobs.ts, table from `jobsMigration`): handlers by kind, run while the service runs. */
  jobs?: (orm: MikroORM) => JobHandlers;
  /** Routes of its own beside `/graphql` (see SubgraphServerOptions.routes). */
  routes?: (orm: MikroORM) => SubgraphServerOptions<L>['routes'];
}

export interface StartedSubgraph extends RunningService {
  orm: MikroORM;
  /** Present when the subgraph has an outbox (integration.ts). */
  delivery?: OutboxDelivery;
  /** Present when the subgraph has background jobs (jobs.ts). */
  jobs?: JobWorker;
}

function open<L>(definition: SubgraphDefinition<L>, env: SubgraphEnv, migrate: boolean): Promise<MikroORM> {
  return openDatabase({
    ...definition.database,
    databaseUrl: env.DATABASE_URL,
    pgliteDir: env.DATABASE_URL ? undefined : resolve(env.PGLITE_DIR ?? `.data/pglite/${definition.name}`),
    migrate,
  });
}

/** What runs once per start before serving: migrations, reference sync, demo data if asked. */
async function prepare<L>(definition: SubgraphDefinition<L>, orm: MikroORM, env: SubgraphEnv): Promise<void> {
  await definition.sync?.(orm);
  if (env.DEMO_DATA !== 'none') await definition.seed?.(orm, { synthetic: env.DEMO_DATA === 'full' });
}

/**
 * Brings the database up to date as a start would (migrations, reference sync, the seed DEMO_DATA asks
 * for) and closes it: `MIGRATE_ONLY=true` (a migration Job) and a cluster primary before forking. Each
 * step is idempotent and migrations are serialised (orm.ts), so replicas starting at once may all run it.
 */
export async function migrateSubgraph<L>(definition: SubgraphDefinition<L>, env: SubgraphEnv): Promise<void> {
  const orm = await open(definition, env, true);
  try {
    await prepare(definition, orm, env);
  } finally {
    await orm.close();
  }
}

/**
 * Opens the database, migrates, syncs, seeds if asked, builds the schema and listens. With `prepared`
 * (a cluster worker, cluster.ts) the primary has migrated, synced and seeded already: done once, not per worker.
 */
export async function startSubgraph<L>(
  definition: SubgraphDefinition<L>,
  env: SubgraphEnv,
  options: { prepared?: boolean } = {},
): Promise<StartedSubgraph> {
  const logger = createLogger(definition.name, env.LOG_LEVEL);
  const orm = await open(definition, env, !options.prepared);
  let delivery: OutboxDelivery | undefined;
  try {
    if (!options.prepared) await prepare(definition, orm, env);
    await limitStatementTime(orm, env.STATEMENT_TIMEOUT_MS, !env.DATABASE_URL);
    const schema = await definition.buildSchema();
    const schemaName = definition.database.schema;
    const integration = definition.integration;
    delivery = integration
      ? new OutboxDelivery({
          orm,
          schema: schemaName,
          publisher: definition.name,
          logger,
          transport: transportOf(env, definition.name, logger),
        })
      : undefined;
    delivery?.setSubscribers(env.EVENT_SUBSCRIBERS);
    const app = await createSubgraphServer({
      name: definition.name,
      schema,
      orm,
      logger,
      createLoaders: definition.createLoaders,
      routes: definition.routes?.(orm),
      debugErrors: env.DEBUG_ERRORS,
      internalToken: env.INTERNAL_TOKEN,
      metrics: env.METRICS,
      host: env.HOST,
      limits: {
        maxDepth: env.MAX_QUERY_DEPTH,
        maxAliases: env.MAX_QUERY_ALIASES,
        maxTokens: env.MAX_QUERY_TOKENS,
        maxCost: env.MAX_QUERY_COST,
      },
      integration: delivery && integration ? { delivery, handlers: integration.handlers, schemaName } : undefined,
    });
    const running = await listen(app, env.PORT, env.HOST);
    const jobs = definition.jobs
      ? new JobWorker({ orm, schema: schemaName, handlers: definition.jobs(orm), logger })
      : undefined;
    jobs?.start();
    if (integration && Object.keys(integration.handlers).length > 0)
      delivery?.transport.receive?.((batch) => applyIntegrationBatch(orm, schemaName, integration.handlers, batch));
    delivery?.start();
    void delivery?.flush().catch(() => undefined);
    logger.info(
      {
        url: running.url,
        database: env.DATABASE_URL ? 'postgresql' : 'embedded',
        events: env.NATS_URL ? 'nats' : 'http',
      },
      'subgraph ready',
    );
    return {
      ...running,
      orm,
      delivery,
      jobs,
      close: async () => {
        await running.close();
        await delivery?.stop();
        await jobs?.stop();
        await orm.close();
      },
    };
  } catch (error) {
    await delivery?.stop();
    await orm.close();
    throw error;
  }
}

/** NATS JetStream when `NATS_URL` is set, else the embedded HTTP push to EVENT_SUBSCRIBERS. */
function transportOf(env: SubgraphEnv, name: string, logger: Logger): IntegrationTransport {
  return env.NATS_URL
    ? new JetStreamTransport({ url: env.NATS_URL, name, logger })
    : new HttpPush({ token: env.INTERNAL_TOKEN });
}

/**
 * Entry point of a subgraph process: env from `process.env`, clean shutdown on SIGINT/SIGTERM (and when
 * the `npm start` launcher that spawned it goes away). A clean stop finishes in-flight requests, closes
 * the database and exits 0; if that takes longer than STOP_GRACE_MS the process exits 1 anyway, so a
 * stuck request can never keep it alive (docker and Kubernetes send SIGKILL at 10 s). With WORKERS above
 * 1 this process is a cluster primary (cluster.ts): it prepares the database once, then forks the workers.
 */
export async function runSubgraphMain<L>(definition: SubgraphDefinition<L>): Promise<void> {
  const env = parseEnv(subgraphEnvSchema(definition.defaultPort));
  const logger = createLogger(definition.name, env.LOG_LEVEL);
  await startTracingFromEnv(env, definition.name);
  if (env.MIGRATE_ONLY) {
    try {
      await migrateSubgraph(definition, env);
    } catch (error) {
      logger.fatal({ err: error }, 'could not migrate');
      process.exit(1);
    }
    logger.info('database migrated; exiting (MIGRATE_ONLY)');
    process.exit(0);
  }
  if (env.WORKERS > 1 && !env.DATABASE_URL) {
    // The embedded PGlite database belongs to one process; several workers need a PostgreSQL server.
    console.error(
      "Invalid environment:\n  WORKERS: above 1 needs DATABASE_URL (the embedded database is one process's)",
    );
    process.exit(78);
  }
  await runClustered({
    name: definition.name,
    workers: env.WORKERS,
    logger,
    // Started by `npm start`: stop with the launcher even if it is killed before it can stop us.
    onDisconnect: true,
    prepare: () => migrateSubgraph(definition, env),
    serve: () => serveSubgraph(definition, env, logger),
  });
}

async function serveSubgraph<L>(definition: SubgraphDefinition<L>, env: SubgraphEnv, logger: Logger): Promise<void> {
  // Handlers go in before start-up: a Ctrl-C during migrations or seeding must still close the database.
  const started = startSubgraph(definition, env, { prepared: isClusterWorker() });
  stopOnSignals(
    logger,
    async () => {
      await (await started).close();
      await shutdownTracing();
    },
    { onDisconnect: true },
  );
  try {
    await started;
    announceReady();
  } catch (error) {
    logger.fatal({ err: error }, 'could not start');
    process.exit(1);
  }
}

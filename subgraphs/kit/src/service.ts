import { resolve } from 'node:path';
import type { GraphQLSchema } from 'graphql';
import type { Db, MikroORM } from './orm.js';
import { parseEnv, subgraphEnvSchema, type SubgraphEnv } from './env.js';
import { createLogger } from './logger.js';
import { stopOnSignals } from './signals.js';
import { limitStatementTime, openDatabase, type DatabaseOptions } from './orm.js';
import { OutboxDelivery } from './integration.js';
import { type JobHandlers, JobWorker } from './jobs.js';
import type { InboxHandlers } from './topics.js';
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

/**
 * Opens the database and brings it up to date: migrations, reference-data sync, the seed `DEMO_DATA`
 * asks for. Each step is idempotent and migrations are serialised (orm.ts), so a migration Job and any
 * number of replicas starting at once may all run it.
 */
async function prepareDatabase<L>(definition: SubgraphDefinition<L>, env: SubgraphEnv): Promise<MikroORM> {
  const orm = await openDatabase({
    ...definition.database,
    databaseUrl: env.DATABASE_URL,
    pgliteDir: env.DATABASE_URL ? undefined : resolve(env.PGLITE_DIR ?? `.data/pglite/${definition.name}`),
  });
  try {
    await definition.sync?.(orm);
    if (env.DEMO_DATA !== 'none') await definition.seed?.(orm, { synthetic: env.DEMO_DATA === 'full' });
    return orm;
  } catch (error) {
    await orm.close();
    throw error;
  }
}

/** What `MIGRATE_ONLY=true` runs: the database prepared as a start would, then closed; nothing listens. */
export async function migrateSubgraph<L>(definition: SubgraphDefinition<L>, env: SubgraphEnv): Promise<void> {
  const orm = await prepareDatabase(definition, env);
  await orm.close();
}

/** Prepares the database (see prepareDatabase), builds the schema and listens. */
export async function startSubgraph<L>(definition: SubgraphDefinition<L>, env: SubgraphEnv): Promise<StartedSubgraph> {
  const logger = createLogger(definition.name, env.LOG_LEVEL);
  const orm = await prepareDatabase(definition, env);
  try {
    await limitStatementTime(orm, env.STATEMENT_TIMEOUT_MS, !env.DATABASE_URL);
    const schema = await definition.buildSchema();
    const schemaName = definition.database.schema;
    const delivery = definition.integration
      ? new OutboxDelivery({ orm, schema: schemaName, publisher: definition.name, logger, token: env.INTERNAL_TOKEN })
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
      integration:
        delivery && definition.integration
          ? { delivery, handlers: definition.integration.handlers, schemaName }
          : undefined,
    });
    const running = await listen(app, env.PORT, env.HOST);
    const jobs = definition.jobs
      ? new JobWorker({ orm, schema: schemaName, handlers: definition.jobs(orm), logger })
      : undefined;
    jobs?.start();
    delivery?.start();
    void delivery?.flush().catch(() => undefined);
    logger.info({ url: running.url, database: env.DATABASE_URL ? 'postgresql' : 'embedded' }, 'subgraph ready');
    return {
      ...running,
      orm,
      delivery,
      jobs,
      close: async () => {
        delivery?.stop();
        await running.close();
        await jobs?.stop();
        await orm.close();
      },
    };
  } catch (error) {
    await orm.close();
    throw error;
  }
}

/**
 * Entry point of a subgraph process: env from `process.env`, clean shutdown on SIGINT/SIGTERM (and when
 * the `npm start` launcher that spawned it goes away). A clean stop finishes in-flight requests, closes
 * the database and exits 0; if that takes longer than STOP_GRACE_MS the process exits 1 anyway, so a
 * stuck request can never keep it alive (docker and Kubernetes send SIGKILL at 10 s).
 */
export async function runSubgraphMain<L>(definition: SubgraphDefinition<L>): Promise<void> {
  const env = parseEnv(subgraphEnvSchema(definition.defaultPort));
  const logger = createLogger(definition.name, env.LOG_LEVEL);
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
  // Handlers go in before start-up: a Ctrl-C during migrations or seeding must still close the database.
  const started = startSubgraph(definition, env);
  // Started by `npm start`: stop with the launcher even if it is killed before it can stop us.
  stopOnSignals(logger, async () => (await started).close(), { onDisconnect: true });
  try {
    await started;
  } catch (error) {
    logger.fatal({ err: error }, 'could not start');
    process.exit(1);
  }
}

import { resolve } from 'node:path';
import type { GraphQLSchema } from 'graphql';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { parseEnv, subgraphEnvSchema, type SubgraphEnv } from './env.js';
import { createLogger } from './logger.js';
import { openDatabase, type DatabaseOptions } from './orm.js';
import { createSubgraphServer, listen, type RunningService } from './server.js';

/** Everything that makes one subgraph; `subgraphs/<name>/src/subgraph.ts` exports one of these. */
export interface SubgraphDefinition<L> {
  name: string;
  defaultPort: number;
  database: Pick<DatabaseOptions, 'schema' | 'entities' | 'migrations'>;
  buildSchema: () => Promise<GraphQLSchema>;
  createLoaders: (em: EntityManager) => L;
  /** Loads demo data; must be idempotent (a second start neither fails nor duplicates). */
  seed?: (orm: MikroORM) => Promise<void>;
  /** Keeps reference data in sync at every start (e.g. the TERC register). */
  sync?: (orm: MikroORM) => Promise<void>;
}

export interface StartedSubgraph extends RunningService {
  orm: MikroORM;
}

/** Opens the database, migrates, syncs, seeds if asked, builds the schema and listens. */
export async function startSubgraph<L>(definition: SubgraphDefinition<L>, env: SubgraphEnv): Promise<StartedSubgraph> {
  const logger = createLogger(definition.name, env.LOG_LEVEL);
  const orm = await openDatabase({
    ...definition.database,
    databaseUrl: env.DATABASE_URL,
    pgliteDir: env.DATABASE_URL ? undefined : resolve(env.PGLITE_DIR ?? `.data/pglite/${definition.name}`),
  });
  try {
    await definition.sync?.(orm);
    if (env.DEMO_DATA) await definition.seed?.(orm);
    const schema = await definition.buildSchema();
    const app = await createSubgraphServer({
      name: definition.name, schema, orm, logger, createLoaders: definition.createLoaders, adminToken: env.ADMIN_TOKEN,
    });
    const running = await listen(app, env.PORT, env.HOST);
    logger.info({ url: running.url, database: env.DATABASE_URL ? 'postgresql' : 'embedded' }, 'subgraph ready');
    return {
      ...running,
      orm,
      close: async () => {
        await running.close();
        await orm.close();
      },
    };
  } catch (error) {
    await orm.close();
    throw error;
  }
}

/** Entry point of a subgraph process: env from `process.env`, clean shutdown on SIGINT/SIGTERM. */
export async function runSubgraphMain<L>(definition: SubgraphDefinition<L>): Promise<void> {
  const env = parseEnv(subgraphEnvSchema(definition.defaultPort));
  const service = await startSubgraph(definition, env);
  const stop = async () => {
    await service.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

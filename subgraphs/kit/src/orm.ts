import { mkdirSync } from 'node:fs';
import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator, type Migration } from '@mikro-orm/migrations';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { PGliteDialect } from 'kysely';
import { countStatement } from './sql-counter.js';

export { MikroORM };

type MigrationClass = new (...args: ConstructorParameters<typeof Migration>) => Migration;

export interface DatabaseOptions {
  /** The subgraph's own PostgreSQL schema: every table it owns lives there and nowhere else. */
  schema: string;
  entities: Function[];
  /** Migration classes in order; listed explicitly so compiled and test runs apply the same set. */
  migrations: MigrationClass[];
  /** A real PostgreSQL server. Without it, an embedded PGlite database in `pgliteDir` is used. */
  databaseUrl?: string;
  /** Folder of the embedded database; omitted = in memory (tests of the embedded path). */
  pgliteDir?: string;
  debug?: boolean;
}

async function openPglite(dataDir?: string): Promise<PGlite> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  return PGlite.create({ dataDir, extensions: { pg_trgm, unaccent } });
}

/**
 * Opens the subgraph's database and applies its migrations. The same migrations and the same SQL
 * run on a PostgreSQL server and on the embedded PGlite; only the transport differs.
 */
export async function openDatabase(opts: DatabaseOptions): Promise<MikroORM> {
  const transport: Pick<Options, 'clientUrl' | 'pool' | 'dbName' | 'driverOptions'> = opts.databaseUrl
    ? { clientUrl: opts.databaseUrl, pool: { min: 0, max: 10 } }
    : { dbName: 'postgres', driverOptions: new PGliteDialect({ pglite: await openPglite(opts.pgliteDir) }) };
  const orm = await MikroORM.init({
    ...transport,
    schema: opts.schema,
    entities: opts.entities,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    migrations: {
      migrationsList: opts.migrations,
      tableName: 'schema_migrations',
      schema: opts.schema,
      snapshot: false,
      silent: true,
    },
    discovery: { warnWhenNoEntities: false },
    debug: opts.debug ?? false,
    allowGlobalContext: false,
    onQuery: (sql) => {
      countStatement();
      return sql;
    },
  });
  await ensureSchemaAndExtensions(orm, opts.schema);
  await orm.migrator.up();
  return orm;
}

/**
 * Extensions are database-wide; subgraphs sharing one server may start at the same moment, so the
 * creation is serialised with an advisory lock instead of racing on `pg_extension`.
 */
async function ensureSchemaAndExtensions(orm: MikroORM, schema: string): Promise<void> {
  const conn = orm.em.getConnection();
  await conn.execute(`create schema if not exists "${schema}"`);
  await orm.em.transactional(async (em) => {
    const tx = em.getConnection();
    const ctx = em.getTransactionContext();
    await tx.execute('select pg_advisory_xact_lock(7405511)', [], 'all', ctx);
    await tx.execute('create extension if not exists pg_trgm with schema public', [], 'all', ctx);
    await tx.execute('create extension if not exists unaccent with schema public', [], 'all', ctx);
  });
}

/**
 * Bounds every statement the API runs (PostgreSQL `statement_timeout`), applied after migrations,
 * sync and seed, which may legitimately take longer. On a server the pool is reopened with the
 * setting on each connection; the embedded PGlite has one connection, set once.
 */
export async function limitStatementTime(orm: MikroORM, timeoutMs: number, embedded: boolean): Promise<void> {
  if (timeoutMs <= 0) return;
  if (embedded) await orm.em.getConnection().execute(`set statement_timeout = ${Math.floor(timeoutMs)}`);
  else await orm.reconnect({ driverOptions: { statement_timeout: Math.floor(timeoutMs) } as never });
}

import { mkdirSync } from 'node:fs';
import { DatabaseSchema, MikroORM, SchemaComparator, type EntityManager, type Options } from '@mikro-orm/postgresql';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator, type Migration } from '@mikro-orm/migrations';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { PGliteDialect } from 'kysely';
import { countStatement } from './sql-counter.js';
import { traceStatement } from './tracing.js';

export { MikroORM };

/*
 * The ORM boundary. Only repositories, entities, migrations and seeders import `@mikro-orm/*`
 * (kit/test/orm-boundary.test.ts keeps it so); services, resolvers, loaders, outbox and inbox
 * modules hold a `Db` or `Tx` and hand it to repositories.
 *
 * One write style: every write is a repository method running tagged SQL (`/* name *\/`), like
 * every read, and each mutation's writes run in ONE transaction that the service opens with
 * `inTransaction`, handing the `Tx` to repositories, `recordOutbox` and `assertReferencesExist`.
 * SQL rather than the ORM's unit of work because the reads are SQL already (keyset pages, search,
 * batched loaders); because each mutation's statements stay explicit and counted (statement-count
 * tests, `x-sql-statements`), with no flush deciding when and in what order they run; and because
 * what must hold under concurrency (row locks, `on conflict`, set-based inserts) is SQL anyway.
 * Entities remain the typed rows repositories map results into (`em.map`), so a table gets one only
 * when a repository maps its rows; `entitySchemaDrift` checks them against the migrated schema.
 * Read paths (loaders, list pages, `__resolveReference`) map raw rows to plain records of the
 * entity's shape instead (kit `timestampOf` for `timestamptz`): hydrating and merging entities into
 * the identity map for rows only read was most of a request's mapping cost; writes keep `em.map`.
 */

/** A database handle: the request's (or a sync step's) own context. */
export type Db = EntityManager;

declare const inTransactionBrand: unique symbol;
/** A `Db` inside a transaction: what writes, outbox records and reference checks need. */
export type Tx = Db & { readonly [inTransactionBrand]: true };

/** Runs `work` in one transaction (committed when it resolves, rolled back when it throws). */
export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transactional((em) => work(em as Tx));
}

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
  /** false: the schema is known to be migrated already (a cluster worker after its primary migrated). */
  migrate?: boolean;
}

async function openPglite(dataDir?: string): Promise<PGlite> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  return PGlite.create({ dataDir, extensions: { btree_gist, pg_trgm, unaccent } });
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
  traceStatements(orm);
  if (opts.migrate === false) return orm;
  try {
    await migrate(orm, opts.schema, !opts.databaseUrl);
  } catch (error) {
    await orm.close();
    throw error;
  }
  return orm;
}

/**
 * A span per statement (tracing.ts) around the connection's `executeQuery`, the one place that runs
 * a statement and awaits its end; `onQuery` above only sees it before it is sent.
 */
function traceStatements(orm: MikroORM): void {
  type Execute = (sql: string, run: () => Promise<unknown>, context?: unknown) => Promise<unknown>;
  const connection = orm.em.getConnection() as unknown as { executeQuery: Execute };
  const execute = connection.executeQuery.bind(connection);
  connection.executeQuery = (sql, run, context) => traceStatement(sql, () => execute(sql, run, context));
}

/** Runs `work` in a transaction holding the hub's migration lock (transaction-scoped: PgBouncer-safe). */
async function underMigrationLock(orm: MikroORM, work: (ctx: unknown) => Promise<unknown>): Promise<void> {
  await orm.em.transactional(async (em) => {
    const ctx = em.getTransactionContext();
    await em.getConnection().execute('select pg_advisory_xact_lock(7405511)', [], 'all', ctx);
    await work(ctx);
  });
}

/**
 * Schema, extensions, then pending migrations, each step under one advisory lock: subgraphs sharing a
 * server, a migration Job and replicas starting together queue on it, and each finds what the one
 * before did (`create … if not exists` alone races on the catalogues). Two transactions because the
 * migrator creates its own table on another pooled connection, which must see the schema committed;
 * holding the lock meanwhile still serialises it. The embedded PGlite has one connection and one user.
 */
async function migrate(orm: MikroORM, schema: string, embedded: boolean): Promise<void> {
  const run = (sql: string, ctx: unknown) => orm.em.getConnection().execute(sql, [], 'all', ctx as never);
  await underMigrationLock(orm, async (ctx) => {
    await run(`create schema if not exists "${schema}"`, ctx);
    await run('create extension if not exists pg_trgm with schema public', ctx);
    await run('create extension if not exists unaccent with schema public', ctx);
  });
  if (embedded) await orm.migrator.up();
  else await underMigrationLock(orm, (ctx) => orm.migrator.up({ transaction: ctx as never }));
}

/**
 * Bounds every statement the API runs (PostgreSQL `statement_timeout`), applied after migrations,
 * sync and seed, which may legitimately take longer. On a server the pool is reopened with the
 * setting on each connection (a startup parameter); the embedded PGlite has one connection, set once.
 * PgBouncer refuses that parameter: the start fails here, saying so, rather than never being healthy.
 */
export async function limitStatementTime(orm: MikroORM, timeoutMs: number, embedded: boolean): Promise<void> {
  if (timeoutMs <= 0) return;
  if (embedded) {
    await orm.em.getConnection().execute(`set statement_timeout = ${Math.floor(timeoutMs)}`);
    return;
  }
  await orm.reconnect({ driverOptions: { statement_timeout: Math.floor(timeoutMs) } as never });
  const check = await orm.checkConnection();
  if (!check.ok)
    throw new Error(
      `connecting with statement_timeout failed: ${check.reason}. Behind PgBouncer set STATEMENT_TIMEOUT_MS=0 and give the pooler the timeout (docs/operations.md, Kubernetes)`,
    );
}

/** Columns a table keeps that its entity deliberately does not map: `<table>.<column>`, each with why. */
export type UnmappedColumns = Readonly<Record<string, string>>;

/**
 * Where the entities and the migrated database disagree, in words (empty when they agree): an
 * entity's table or column the migrations do not create, a column whose type or nullability
 * differs, and a column of an entity's table that no entity property maps (unless listed in
 * `unmapped`). Compared with MikroORM's own schema comparator, the one its schema generator
 * uses; indexes, checks, foreign keys and triggers are the migrations' alone (entities do not
 * declare them), and so are the value sets checks give a text column (`enumItems`).
 */
export async function entitySchemaDrift(orm: MikroORM, unmapped: UnmappedColumns = {}): Promise<string[]> {
  const schema = orm.config.get('schema')!;
  const entities = [...orm.getMetadata().getAll().values()].filter((m) => m.tableName && !m.embeddable && !m.virtual);
  const platform = orm.em.getPlatform();
  const expected = DatabaseSchema.fromMetadata(entities, platform, orm.config, schema, orm.em);
  const actual = await DatabaseSchema.create(
    orm.em.getConnection(),
    platform,
    orm.config,
    schema,
    [schema],
    entities.map((m) => m.tableName),
  );
  const diff = new SchemaComparator(platform).compare(actual, expected);
  const problems = Object.keys(diff.newTables).map((table) => `${table}: no such table`);
  for (const [table, change] of Object.entries(diff.changedTables)) {
    for (const column of Object.keys(change.addedColumns)) problems.push(`${table}.${column}: no such column`);
    for (const [column, renamed] of Object.entries(change.renamedColumns))
      problems.push(`${table}.${column}: the entity maps ${renamed.name} instead`);
    for (const column of Object.keys(change.removedColumns)) {
      if (!unmapped[`${table.split('.').pop()}.${column}`])
        problems.push(`${table}.${column}: not mapped by the entity`);
    }
    for (const [column, { changedProperties, fromColumn, column: wanted }] of Object.entries(change.changedColumns)) {
      const differs = [...changedProperties].filter((p) => p !== 'enumItems');
      if (differs.length === 0) continue;
      const show = (c: typeof wanted) =>
        `${c.type}${c.nullable ? ' null' : ' not null'}${c.default != null ? ` default ${c.default}` : ''}`;
      problems.push(
        `${table}.${column}: ${differs.join(', ')} differ (database ${show(fromColumn)}, entity ${show(wanted)})`,
      );
    }
  }
  return problems;
}

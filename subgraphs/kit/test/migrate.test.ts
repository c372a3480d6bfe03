import 'reflect-metadata';
import { Field, ObjectType, Query, Resolver } from 'type-graphql';
import {
  buildFederatedSchema,
  integrationMigration,
  jobsMigration,
  migrateSubgraph,
  openDatabase,
  startSubgraph,
  type SubgraphDefinition,
  subgraphEnvSchema,
} from '../src/index.js';
import { createTestDatabase, postGraphQL, type TestDatabase } from '../src/testing/index.js';

// A cluster prepares the database with a migration Job (MIGRATE_ONLY=true) while replicas may start,
// and migrate, at the same moment: every one of them must succeed and each migration run once.
@ObjectType({ description: 'Probe.' })
class MigrateProbe {
  @Field({ description: 'Always ok.' })
  ok!: string;
}

@Resolver(() => MigrateProbe)
class MigrateProbeResolver {
  @Query(() => MigrateProbe, { description: 'Probe.' })
  migrateProbe(): MigrateProbe {
    return { ok: 'ok' };
  }
}

let syncs = 0;
const definition: SubgraphDefinition<object> = {
  name: 'migrateprobe',
  defaultPort: 0,
  database: {
    schema: 'migrateprobe',
    entities: [],
    migrations: [integrationMigration('migrateprobe'), jobsMigration('migrateprobe')],
  },
  buildSchema: () => buildFederatedSchema({ resolvers: [MigrateProbeResolver] }),
  createLoaders: () => ({}),
  sync: async (orm) => {
    syncs++;
    await orm.em.fork().execute('select count(*) from migrateprobe.job');
  },
};

const APPLIED = ['Migration20261123100000_integration', 'Migration20261201000000_jobs'];
let db: TestDatabase;
const env = () =>
  subgraphEnvSchema(0).parse({ DATABASE_URL: db.url, DEMO_DATA: 'false', LOG_LEVEL: 'silent', METRICS: 'off' });

beforeEach(async () => {
  db = await createTestDatabase('migrate');
  syncs = 0;
});
afterEach(() => db.drop());

async function applied(): Promise<string[]> {
  const orm = await openDatabase({ ...definition.database, databaseUrl: db.url });
  try {
    const rows = await orm.em.fork().execute('select name from migrateprobe.schema_migrations order by id');
    return rows.map((row: { name: string }) => row.name);
  } finally {
    await orm.close();
  }
}

describe('migrations on a shared PostgreSQL', () => {
  it('are applied once when several processes start on an empty database at the same moment', async () => {
    const opened = await Promise.all(
      [1, 2, 3, 4].map(() => openDatabase({ ...definition.database, databaseUrl: db.url })),
    );
    await Promise.all(opened.map((orm) => orm.close()));
    expect(await applied()).toEqual(APPLIED);
  });

  it('MIGRATE_ONLY prepares the database (migrations and sync) and serves nothing; a later start finds nothing to do', async () => {
    expect(subgraphEnvSchema(0).parse({}).MIGRATE_ONLY).toBe(false);
    expect(env().MIGRATE_ONLY).toBe(false);
    expect(subgraphEnvSchema(0).parse({ MIGRATE_ONLY: 'true' }).MIGRATE_ONLY).toBe(true);

    await migrateSubgraph(definition, env());
    expect(await applied()).toEqual(APPLIED);
    expect(syncs).toBe(1);

    const service = await startSubgraph(definition, env());
    try {
      const answer = await postGraphQL(service.url, '{ migrateProbe { ok } }');
      expect(answer.data).toEqual({ migrateProbe: { ok: 'ok' } });
    } finally {
      await service.close();
    }
    expect(await applied()).toEqual(APPLIED);
  });
});

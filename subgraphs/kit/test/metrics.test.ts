import 'reflect-metadata';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { buildFederatedSchema, startSubgraph, type StartedSubgraph, type SubgraphContext } from '../src/index.js';
import { createTestDatabase, postGraphQL, type TestDatabase } from '../src/testing/index.js';

@Resolver()
class StatementsResolver {
  @Query(() => Int, { description: 'Sends `n` SQL statements and returns how many it sent.' })
  async statements(
    @Arg('n', () => Int, { description: 'How many.' }) n: number,
    @Ctx() ctx: SubgraphContext<object>,
  ): Promise<number> {
    for (let i = 0; i < n; i += 1) await ctx.em.execute('select 1 /* probe.one */');
    return n;
  }
}

let db: TestDatabase;
let service: StartedSubgraph;

beforeAll(async () => {
  db = await createTestDatabase('metrics');
  service = await startSubgraph(
    {
      name: 'probe',
      defaultPort: 0,
      database: { schema: 'probe', entities: [], migrations: [] },
      buildSchema: () => buildFederatedSchema({ resolvers: [StatementsResolver] }),
      createLoaders: () => ({}),
    },
    {
      PORT: 0,
      HOST: '127.0.0.1',
      DATABASE_URL: db.url,
      DEMO_DATA: false,
      LOG_LEVEL: 'silent',
      EVENT_SUBSCRIBERS: [],
      INTERNAL_TOKEN: undefined,
      PGLITE_DIR: undefined,
    },
  );
});

afterAll(async () => {
  await service?.close();
  await db?.drop();
});

async function scrape(): Promise<{ text: string; contentType: string | null; value: (name: string) => number }> {
  const response = await fetch(new URL('/metrics', service.url));
  expect(response.status).toBe(200);
  const text = await response.text();
  const value = (name: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
    if (!line) throw new Error(`no ${name} in /metrics`);
    return Number(line.slice(line.lastIndexOf(' ') + 1));
  };
  return { text, contentType: response.headers.get('content-type'), value };
}

describe('GET /metrics', () => {
  it('counts the requests and the SQL statements they sent', async () => {
    const before = await scrape();
    const first = await postGraphQL(service.url, '{ statements(n: 3) }');
    const second = await postGraphQL(service.url, '{ statements(n: 4) }');
    expect([first.errors, second.errors]).toEqual([undefined, undefined]);
    expect([first.sqlStatements, second.sqlStatements]).toEqual([3, 4]);
    const after = await scrape();
    expect(after.value('ngo_hub_graphql_requests_total') - before.value('ngo_hub_graphql_requests_total')).toBe(2);
    expect(after.value('ngo_hub_sql_statements_total') - before.value('ngo_hub_sql_statements_total')).toBe(7);
    expect(
      after.value('ngo_hub_graphql_request_duration_seconds_count') -
        before.value('ngo_hub_graphql_request_duration_seconds_count'),
    ).toBe(2);
  });

  it('is Prometheus text with the process metrics, labelled with the subgraph', async () => {
    const { text, contentType } = await scrape();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toMatch(/^# TYPE ngo_hub_sql_statements_total counter$/m);
    expect(text).toMatch(/^process_resident_memory_bytes\{subgraph="probe"\} \d+/m);
    expect(text).toMatch(/^ngo_hub_graphql_requests_total\{subgraph="probe"\} \d+/m);
  });
});

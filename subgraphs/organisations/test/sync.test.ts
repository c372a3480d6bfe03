import pg from 'pg';
import {
  createTestDatabase,
  startTestSubgraph,
  syncAgainstOracle,
  type SyncList,
  type TestDatabase,
  type TestSubgraph,
} from '@ngo-hub/kit/testing';
import { organisationsSubgraph } from '../src/subgraph.js';

let db: TestDatabase;
let service: TestSubgraph;
let sql: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase('organisations_sync');
  service = await startTestSubgraph(organisationsSubgraph, db.url);
  sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
});

afterAll(async () => {
  await sql?.end();
  await service?.close();
  await db?.drop();
});

const PAGE = 'edges { node { id updatedAt name identifiers { value } } } pageInfo { hasNextPage endCursor }';
const ARGS = 'first: $first, after: $after, sort: $sort, filter: $filter';
const VARS = '$first: Int!, $after: String, $sort: OrganisationSort, $filter: OrganisationFilter';

const LISTS: Record<string, SyncList> = {
  'Query.organisations': {
    query: `query(${VARS}) { organisations(${ARGS}) { ${PAGE} } }`,
    path: ['organisations'],
    table: 'organisations.organisation',
  },
  'Territory.organisations': {
    query: `query(${VARS}) { territory(code: "20") { organisations(${ARGS}) { ${PAGE} } } }`,
    path: ['territory', 'organisations'],
    table: 'organisations.organisation',
  },
};

const pause = () => new Promise((resolve) => setTimeout(resolve, 20));
let seeded: Date;
let since: Date;
let renamed: string;
let identified: string;

describe('incremental sync of organisations', () => {
  beforeAll(async () => {
    const { rows } = await sql.query('select min(updated_at) as at from organisations.organisation');
    seeded = rows[0].at;
    const picked = await sql.query(
      `select id from organisations.organisation where territory_code like '20%' order by id limit 2`,
    );
    [renamed, identified] = picked.rows.map((r) => r.id);
    await pause();
    since = new Date();
    await pause();
    await sql.query(`update organisations.organisation set name = name || ' (zmiana)' where id = $1`, [renamed]);
    // Only a child row changes: its organisation counts as changed.
    await sql.query(
      `insert into organisations.organisation_identifier (id, organisation_id, scheme, value) values (gen_random_uuid(), $1, 'REGON', '123456785')`,
      [identified],
    );
  });

  for (const [name, list] of Object.entries(LISTS)) {
    it(`${name}: modifiedSince + UPDATED in pages of 3 is the full list kept by updatedAt >= T, in change order`, async () => {
      for (const t of [seeded, since]) {
        const { synced, expected, small, large } = await syncAgainstOracle(service, sql, list, t);
        expect(expected.length).toBeGreaterThan(t === since ? 0 : 2);
        expect(synced.map((n) => n.id)).toEqual(expected.map((n) => n.id));
        expect(new Set([...small, ...large]).size).toBe(1);
      }
    });
  }

  it('returns the renamed organisation and the one given an identifier, in the order they changed', async () => {
    const { synced } = await syncAgainstOracle(service, sql, LISTS['Query.organisations']!, since);
    expect(synced.map((n) => n.id)).toEqual([renamed, identified]);
    expect(synced[0]!.name).toMatch(/\(zmiana\)$/);
    expect(synced[1]!.identifiers).toContainEqual({ value: '123456785' });
  });
});

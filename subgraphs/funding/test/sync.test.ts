import pg from 'pg';
import {
  createTestDatabase,
  startTestSubgraph,
  syncAgainstOracle,
  type SyncList,
  type TestDatabase,
  type TestSubgraph,
} from '@ngo-hub/kit/testing';
import { fundingSubgraph } from '../src/subgraph.js';

let db: TestDatabase;
let service: TestSubgraph;
let sql: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase('funding_sync');
  service = await startTestSubgraph(fundingSubgraph, db.url);
  sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
});

afterAll(async () => {
  await sql?.end();
  await service?.close();
  await db?.drop();
});

const PAGE = 'edges { node { id updatedAt title } } pageInfo { hasNextPage endCursor }';
const ARGS = 'first: $first, after: $after, sort: $sort, filter: $filter';
const list = (type: 'Call' | 'Grant', table: string): Record<string, SyncList> => {
  const field = type === 'Call' ? 'calls' : 'grants';
  const vars = `$first: Int!, $after: String, $sort: ${type}Sort, $filter: ${type}Filter`;
  return {
    [`Query.${field}`]: { query: `query(${vars}) { ${field}(${ARGS}) { ${PAGE} } }`, path: [field], table },
    [`Territory.${field}`]: {
      query: `query(${vars}, $r: [_Any!]!) { _entities(representations: $r) { ... on Territory { ${field}(${ARGS}) { ${PAGE} } } } }`,
      path: ['_entities', '0', field],
      variables: { r: [{ __typename: 'Territory', code: '20' }] },
      table,
    },
  };
};
const LISTS = { ...list('Call', 'funding.call'), ...list('Grant', 'funding.grant_award') };

const pause = () => new Promise((resolve) => setTimeout(resolve, 20));
let seeded: Date;
let since: Date;
let closedCall: string;
let partneredGrant: string;

describe('incremental sync of calls and grants', () => {
  beforeAll(async () => {
    // The demo has no calls and two grants: a dozen of each in the powiat 2061, in one statement each (tied instants).
    const funder = (await sql.query('select id from funding.funder order by id limit 1')).rows[0].id;
    await sql.query(
      `insert into funding.call (id, title, funder_id, opens_on) select gen_random_uuid(), 'Nabór ' || i, $1, date '2030-01-01' + i from generate_series(1, 12) i`,
      [funder],
    );
    await sql.query(
      `insert into funding.call_eligible_territory (call_id, territory_code) select id, '2061011' from funding.call`,
    );
    await sql.query(
      `insert into funding.grant_award (id, title, form_of_support, recipient_id, funder_id)
       select gen_random_uuid(), 'Dotacja ' || i, 'GRANT', gen_random_uuid(), $1 from generate_series(1, 12) i`,
      [funder],
    );
    await sql.query(
      `insert into funding.grant_beneficiary_territory (grant_id, territory_code) select id, '2061011' from funding.grant_award on conflict do nothing`,
    );
    await pause();
    const { rows } = await sql.query(
      'select least((select min(updated_at) from funding.call), (select min(updated_at) from funding.grant_award)) as at',
    );
    seeded = rows[0].at;
    closedCall = (
      await sql.query(
        `select c.id from funding.call c join funding.call_eligible_territory t on t.call_id = c.id where t.territory_code like '20%' order by c.id limit 1`,
      )
    ).rows[0].id;
    partneredGrant = (
      await sql.query(
        `select g.id from funding.grant_award g join funding.grant_beneficiary_territory t on t.grant_id = g.id where t.territory_code like '20%' order by g.id limit 1`,
      )
    ).rows[0].id;
    await pause();
    since = new Date();
    await pause();
    // The call closes (it leaves `open: true` lists, not the sync); the grant gains a partner (a child row).
    await sql.query(`update funding.call set closes_on = opens_on where id = $1`, [closedCall]);
    await sql.query(
      `insert into funding.grant_partner (grant_id, organisation_id, position) values ($1, gen_random_uuid(), 99)`,
      [partneredGrant],
    );
  });

  for (const [name, l] of Object.entries(LISTS)) {
    it(`${name}: modifiedSince + UPDATED in pages of 3 is the full list kept by updatedAt >= T, in change order`, async () => {
      for (const t of [seeded, since]) {
        const { synced, expected, small, large } = await syncAgainstOracle(service, sql, l, t);
        expect(expected.length).toBeGreaterThan(t === since ? 0 : 3);
        expect(synced.map((n) => n.id)).toEqual(expected.map((n) => n.id));
        expect(new Set([...small, ...large]).size).toBe(1);
      }
    });
  }

  it('returns exactly the closed call and the grant given a partner', async () => {
    const calls = await syncAgainstOracle(service, sql, LISTS['Query.calls']!, since);
    expect(calls.synced.map((n) => n.id)).toEqual([closedCall]);
    const grants = await syncAgainstOracle(service, sql, LISTS['Query.grants']!, since);
    expect(grants.synced.map((n) => n.id)).toEqual([partneredGrant]);
  });
});

import pg from 'pg';
import {
  createTestDatabase,
  startTestSubgraph,
  syncAgainstOracle,
  type SyncList,
  type TestDatabase,
  type TestSubgraph,
} from '@ngo-hub/kit/testing';
import { partnershipsSubgraph } from '../src/subgraph.js';

let db: TestDatabase;
let service: TestSubgraph;
let sql: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase('partnerships_sync');
  service = await startTestSubgraph(partnershipsSubgraph, db.url);
  sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
});

afterAll(async () => {
  await sql?.end();
  await service?.close();
  await db?.drop();
});

const PAGE = 'edges { node { id updatedAt memberCount } } pageInfo { hasNextPage endCursor }';
const DECLARATIONS = 'edges { node { id updatedAt status } } pageInfo { hasNextPage endCursor }';
const ARGS = 'first: $first, after: $after, sort: $sort, filter: $filter';
const VARS = '$first: Int!, $after: String, $sort: PartnershipSort, $filter: PartnershipFilter';
const DVARS = '$first: Int!, $after: String, $sort: DeclarationSort, $filter: DeclarationFilter, $r: [_Any!]!';

const pause = () => new Promise((resolve) => setTimeout(resolve, 20));
let seeded: Date;
let since: Date;
let ended: { id: string; partnership_id: string };
let partnershipId: string;
let organisationId: string;

const lists = (): Record<string, SyncList> => ({
  'Query.partnerships': {
    query: `query(${VARS}) { partnerships(${ARGS}) { ${PAGE} } }`,
    path: ['partnerships'],
    table: 'partnerships.partnership',
  },
  'Territory.partnerships': {
    query: `query(${VARS}, $r: [_Any!]!) { _entities(representations: $r) { ... on Territory { partnerships(${ARGS}) { ${PAGE} } } } }`,
    path: ['_entities', '0', 'partnerships'],
    variables: { r: [{ __typename: 'Territory', code: '14' }] },
    table: 'partnerships.partnership',
  },
  'Partnership.declarations': {
    query: `query(${DVARS}) { _entities(representations: $r) { ... on Partnership { declarations(${ARGS}) { ${DECLARATIONS} } } } }`,
    path: ['_entities', '0', 'declarations'],
    variables: { r: [{ __typename: 'Partnership', id: partnershipId }] },
    table: 'partnerships.declaration',
    as: { admin: true },
  },
  'Organisation.declarations': {
    query: `query(${DVARS}) { _entities(representations: $r) { ... on Organisation { declarations(${ARGS}) { ${DECLARATIONS} } } } }`,
    path: ['_entities', '0', 'declarations'],
    variables: { r: [{ __typename: 'Organisation', id: organisationId }] },
    table: 'partnerships.declaration',
    as: { admin: true },
  },
});

describe('incremental sync of partnerships and declarations', () => {
  beforeAll(async () => {
    partnershipId = (await sql.query('select id from partnerships.partnership order by id limit 1')).rows[0].id;
    organisationId = (await sql.query('select gen_random_uuid() as id')).rows[0].id;
    // Eight decided declarations of one organisation to one partnership, one statement (tied instants).
    await sql.query(
      `insert into partnerships.declaration (id, partnership_id, organisation_id, status, signed_on, decided_on)
       select gen_random_uuid(), $1, $2, 'WITHDRAWN', date '2030-01-01', date '2030-01-02' from generate_series(1, 8)`,
      [partnershipId, organisationId],
    );
    await sql.query(
      `insert into partnerships.declaration (id, partnership_id, organisation_id, status, signed_on)
       values (gen_random_uuid(), $1, $2, 'SUBMITTED', date '2030-02-01')`,
      [partnershipId, organisationId],
    );
    seeded = (await sql.query('select min(updated_at) as at from partnerships.partnership')).rows[0].at;
    ended = (
      await sql.query(
        `select m.id, m.partnership_id from partnerships.membership m join partnerships.partnership p on p.id = m.partnership_id
         where m.left_on is null and m.role <> 'LEAD_PARTNER' and p.territory_code like '14%' order by m.id limit 1`,
      )
    ).rows[0];
    await pause();
    since = new Date();
    await pause();
    // A membership ends (a child row: its partnership changes); the open declaration is decided.
    await sql.query(`update partnerships.membership set left_on = date '2020-01-01' where id = $1`, [ended.id]);
    await sql.query(
      `update partnerships.declaration set status = 'REJECTED', decided_on = date '2030-02-02', reason = 'za późno' where status = 'SUBMITTED' and organisation_id = $1`,
      [organisationId],
    );
  });

  it('every list: modifiedSince + UPDATED in pages of 3 is the full list kept by updatedAt >= T, in change order', async () => {
    for (const [name, list] of Object.entries(lists())) {
      for (const t of [seeded, since]) {
        const { synced, expected, small, large } = await syncAgainstOracle(service, sql, list, t);
        expect([name, expected.length > (t === since ? 0 : 2)]).toEqual([name, true]);
        expect([name, synced.map((n) => n.id)]).toEqual([name, expected.map((n) => n.id)]);
        expect([name, new Set([...small, ...large]).size]).toEqual([name, 1]);
      }
    }
  });

  it('an ended membership brings its partnership back, and the membership shows when it changed', async () => {
    const { synced } = await syncAgainstOracle(service, sql, lists()['Query.partnerships']!, since);
    expect(synced.map((n) => n.id)).toEqual([ended.partnership_id]);
    const result = await service.query(
      `query($id: ID!) { partnership(id: $id) { memberships { id leftOn updatedAt createdAt } } }`,
      { id: ended.partnership_id },
    );
    const membership = result.data.partnership.memberships.find((m: any) => m.id === ended.id);
    expect(membership.leftOn).toBe('2020-01-01');
    expect(Date.parse(membership.updatedAt)).toBeGreaterThanOrEqual(since.getTime());
  });

  it('a decided declaration comes back with its new status', async () => {
    const { synced } = await syncAgainstOracle(service, sql, lists()['Organisation.declarations']!, since);
    expect(synced.map((n) => n.status)).toEqual(['REJECTED']);
  });
});

import pg from 'pg';
import {
  createTestDatabase,
  startTestSubgraph,
  syncAgainstOracle,
  type SyncList,
  type TestDatabase,
  type TestSubgraph,
} from '@ngo-hub/kit/testing';
import { demoId, demoOrganisationId } from '@ngo-hub/kit';
import { eventsSubgraph } from '../src/subgraph.js';

let db: TestDatabase;
let service: TestSubgraph;
let sql: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase('events_sync');
  service = await startTestSubgraph(eventsSubgraph, db.url);
  sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
});

afterAll(async () => {
  await sql?.end();
  await service?.close();
  await db?.drop();
});

const GONIADZ = demoId('event', 'zespol-konsultacyjny-goniadz-2008');
const FORUM = demoId('event', 'forum-inicjatyw-pozarzadowych-bialystok');
const ORGANISER = demoOrganisationId('zespol-konsultacyjny-op-bialystok');
const PAGE = 'edges { node { id updatedAt status title } } pageInfo { hasNextPage endCursor }';
const ARGS = 'first: $first, after: $after, sort: $sort, filter: $filter';
const VARS = '$first: Int!, $after: String, $sort: EventSort, $filter: EventFilter';

const LISTS: Record<string, SyncList> = {
  'Query.events': { query: `query(${VARS}) { events(${ARGS}) { ${PAGE} } }`, path: ['events'], table: 'events.event' },
  'Territory.events': {
    query: `query(${VARS}, $r: [_Any!]!) { _entities(representations: $r) { ... on Territory { events(${ARGS}) { ${PAGE} } } } }`,
    path: ['_entities', '0', 'events'],
    variables: { r: [{ __typename: 'Territory', code: '20' }] },
    table: 'events.event',
  },
  'Organisation.events': {
    query: `query(${VARS}, $r: [_Any!]!) { _entities(representations: $r) { ... on Organisation { events(${ARGS}) { ${PAGE} } } } }`,
    path: ['_entities', '0', 'events'],
    variables: { r: [{ __typename: 'Organisation', id: ORGANISER }] },
    table: 'events.event',
  },
};

const pause = () => new Promise((resolve) => setTimeout(resolve, 20));
let seeded: Date;
let since: Date;

describe('incremental sync of events', () => {
  beforeAll(async () => {
    const { rows } = await sql.query('select min(updated_at) as at from events.event');
    seeded = new Date(Math.floor(rows[0].at.getTime()));
    await pause();
    since = new Date();
    await pause();
    // A cancellation through the API, a title fixed by hand, an organiser added in bulk: all after `since`.
    const cancelled = await service.query(
      'mutation($id: ID!) { cancelEvent(id: $id) { id status } }',
      { id: GONIADZ },
      { admin: true },
    );
    expect(cancelled.errors).toBeUndefined();
    await sql.query(`update events.event set title = title || ' (poprawione)' where id = $1`, [FORUM]);
    await sql.query(
      `insert into events.event_organiser (event_id, organisation_id, position)
       select id, $1, 9 from events.event where id <> all($2::uuid[]) and venue_territory_code like '20%' limit 2
       on conflict do nothing`,
      [ORGANISER, [GONIADZ, FORUM]],
    );
  });

  for (const [name, list] of Object.entries(LISTS)) {
    it(`${name}: modifiedSince + UPDATED in pages of 3 is the full list kept by updatedAt >= T, in change order`, async () => {
      for (const t of [seeded, since]) {
        const { synced, expected, small, large } = await syncAgainstOracle(service, sql, list, t);
        expect(expected.length).toBeGreaterThan(t === since ? 0 : 3);
        expect(synced.map((n) => n.id)).toEqual(expected.map((n) => n.id));
        // Constant statements per page, whatever the page size.
        expect(new Set([...small, ...large]).size).toBe(1);
      }
    });
  }

  it('returns the cancelled event with its new status, the hand-edited one and those given an organiser', async () => {
    const { synced } = await syncAgainstOracle(service, sql, LISTS['Query.events']!, since);
    const byId = new Map(synced.map((n) => [n.id, n]));
    expect(byId.get(GONIADZ)?.status).toBe('CANCELLED');
    expect(byId.get(FORUM)?.title).toMatch(/\(poprawione\)$/);
    expect(synced).toHaveLength(4);
    // The last change comes last: the organisers were added after the title fix.
    expect(synced.slice(0, 2).map((n) => n.id)).toEqual([GONIADZ, FORUM]);
  });

  it('does not bump updatedAt for an update that changes nothing', async () => {
    const before = await sql.query('select updated_at from events.event where id = $1', [FORUM]);
    await sql.query('update events.event set title = title where id = $1', [FORUM]);
    const after = await sql.query('select updated_at from events.event where id = $1', [FORUM]);
    expect(after.rows[0].updated_at).toEqual(before.rows[0].updated_at);
  });

  it('refuses an UPDATED cursor under another sort', async () => {
    const first = await service.query(`query { events(first: 1, sort: UPDATED) { pageInfo { endCursor } } }`);
    const other = await service.query(
      `query($after: String) { events(first: 1, after: $after, sort: TITLE) { edges { cursor } } }`,
      {
        after: first.data.events.pageInfo.endCursor,
      },
    );
    expect(other.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

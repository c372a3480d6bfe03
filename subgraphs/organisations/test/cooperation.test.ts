import { ancestorAt, TOPICS, type TerritoryLevel } from '@ngo-hub/kit';
import {
  createTestDatabase,
  startTestSubgraph,
  TEST_INTERNAL_TOKEN,
  type TestDatabase,
  type TestSubgraph,
} from '@ngo-hub/kit/testing';
import { organisationsSubgraph } from '../src/subgraph.js';

// The owners of partnerships, grants and events send their participant sets as integration events;
// here they are posted directly, as those subgraphs would.
let db: TestDatabase;
let service: TestSubgraph;
let version = 0;

type Kind = (typeof TOPICS)['partnershipMembers' | 'grantParticipants' | 'eventOrganisers']['name'];
const sources = new Map<string, { topic: Kind; organisationIds: string[] }>();

async function send(topic: Kind, key: string, organisationIds: string[] | null): Promise<void> {
  const response = await fetch(service.url.replace('/graphql', '/internal/events'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_INTERNAL_TOKEN}` },
    body: JSON.stringify({
      publisher: topic.split('.')[0],
      events: [{ topic, key, payload: organisationIds && { organisationIds }, version: ++version }],
    }),
  });
  expect(response.status).toBe(200);
  if (organisationIds) sources.set(key, { topic, organisationIds });
  else sources.delete(key);
}

async function createOrganisation(name: string, territory: string | null): Promise<string> {
  const result = await service.query(
    'mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }',
    { input: { name, sector: 'NGO', legalForm: 'STOWARZYSZENIE', territory } },
    { admin: true },
  );
  expect(result.errors).toBeUndefined();
  return result.data.createOrganisation.id;
}

const seats = new Map<string, string | null>();

/** The answer computed independently from the plain facts: sources with participants, and seats. */
function expectedTies(territory: string, level: TerritoryLevel) {
  const counts = new Map<string, { partnerships: Set<string>; grants: Set<string>; events: Set<string> }>();
  for (const [key, { topic, organisationIds }] of sources) {
    const units = [
      ...new Set(
        organisationIds
          .map((id) => seats.get(id))
          .filter((s): s is string => !!s)
          .map((s) => ancestorAt(s, level))
          .filter((u): u is string => !!u),
      ),
    ];
    for (const a of units)
      for (const b of units) {
        if (!(a < b) || !(a.startsWith(territory) || b.startsWith(territory))) continue;
        const tie = counts.get(`${a}|${b}`) ?? { partnerships: new Set(), grants: new Set(), events: new Set() };
        ({
          [TOPICS.partnershipMembers.name]: tie.partnerships,
          [TOPICS.grantParticipants.name]: tie.grants,
          [TOPICS.eventOrganisers.name]: tie.events,
        })[topic].add(key);
        counts.set(`${a}|${b}`, tie);
      }
  }
  return [...counts]
    .sort(([x], [y]) => (x < y ? -1 : 1))
    .map(([pair, t]) => {
      const [a, b] = pair.split('|');
      return {
        a: { code: a },
        b: { code: b },
        partnerships: t.partnerships.size,
        grants: t.grants.size,
        events: t.events.size,
      };
    });
}

const TIES =
  'query($t: String!, $l: TerritoryLevel!) { cooperation(territory: $t, level: $l) { a { code } b { code } partnerships grants events } }';

beforeAll(async () => {
  db = await createTestDatabase('cooperation');
  service = await startTestSubgraph(organisationsSubgraph, db.url, { demoData: false });
  // Seats across gminas of one powiat, two powiats, two voivodeships, a gmina part and a Warsaw district.
  const places = [
    '1433042',
    '1433042',
    '1433011',
    '1434011',
    '1465058',
    '1465108',
    '2061011',
    '2008014',
    '1418044',
    null,
  ];
  for (const [i, place] of places.entries()) seats.set(await createOrganisation(`Organizacja ${i}`, place), place);
  const ids = [...seats.keys()];
  // A deterministic spread of sources: every pair shape, a source with one member, one with a seatless member.
  let seed = 7;
  const pick = () => {
    seed = (seed * 48271) % 2147483647;
    return ids[seed % ids.length]!;
  };
  for (let i = 0; i < 12; i++)
    await send(TOPICS.partnershipMembers.name, crypto.randomUUID(), [pick(), pick(), pick()]);
  for (let i = 0; i < 12; i++) await send(TOPICS.grantParticipants.name, crypto.randomUUID(), [pick(), pick()]);
  for (let i = 0; i < 12; i++)
    await send(TOPICS.eventOrganisers.name, crypto.randomUUID(), [pick(), pick(), pick(), pick()]);
  await send(TOPICS.eventOrganisers.name, crypto.randomUUID(), [ids[0]!]);
});

afterAll(async () => {
  await service?.close();
  await db?.drop();
});

describe('cooperation between territories', () => {
  it.each([
    ['14', 'WOJEWODZTWO'],
    ['14', 'POWIAT'],
    ['14', 'GMINA'],
    ['1433', 'GMINA'],
    ['20', 'POWIAT'],
    ['1465', 'GMINA'],
  ] as const)('matches the independent computation for %s at %s', async (territory, level) => {
    const result = await service.query(TIES, { t: territory, l: level });
    expect(result.errors).toBeUndefined();
    expect(result.data.cooperation).toEqual(expectedTies(territory, level));
  });

  it('counts a tie across the voivodeship line, and a gmina part and a district under their gminas', async () => {
    const result = await service.query(TIES, { t: '14', l: 'WOJEWODZTWO' });
    expect(result.data.cooperation.some((t: any) => t.a.code === '14' && t.b.code === '20')).toBe(true);
    const gminas = (await service.query(TIES, { t: '14', l: 'GMINA' })).data.cooperation.flatMap((t: any) => [
      t.a.code,
      t.b.code,
    ]);
    expect(gminas).not.toContain('1418044');
    expect(gminas).not.toContain('1465058');
  });

  it('is current right after a participant set changes', async () => {
    const key = crypto.randomUUID();
    const [liw, , wegrow] = [...seats.keys()];
    const before = (await service.query(TIES, { t: '1433', l: 'GMINA' })).data.cooperation;
    await send(TOPICS.grantParticipants.name, key, [liw!, wegrow!]);
    const during = (await service.query(TIES, { t: '1433', l: 'GMINA' })).data.cooperation;
    expect(during).toEqual(expectedTies('1433', 'GMINA'));
    expect(during).not.toEqual(before);
    await send(TOPICS.grantParticipants.name, key, null);
    expect((await service.query(TIES, { t: '1433', l: 'GMINA' })).data.cooperation).toEqual(before);
  });

  it("moves an organisation's ties with its seat at once", async () => {
    const [moved] = [...seats.keys()];
    const result = await service.query(
      'mutation($id: ID!, $input: UpdateOrganisationInput!) { updateOrganisation(id: $id, input: $input) { id } }',
      { id: moved, input: { territory: '2061011' } },
      { admin: true },
    );
    expect(result.errors).toBeUndefined();
    seats.set(moved!, '2061011');
    for (const [territory, level] of [
      ['14', 'POWIAT'],
      ['20', 'GMINA'],
      ['14', 'WOJEWODZTWO'],
    ] as const) {
      expect((await service.query(TIES, { t: territory, l: level })).data.cooperation).toEqual(
        expectedTies(territory, level),
      );
    }
  });

  it('answers a repeated question from its cache, and never from a stale one', async () => {
    const first = await service.query(TIES, { t: '14', l: 'GMINA' });
    const again = await service.query(TIES, { t: '14', l: 'GMINA' });
    expect(again.data).toEqual(first.data);
    expect(again.sqlStatements).toBeLessThan(first.sqlStatements);
    const [liw, , wegrow] = [...seats.keys()];
    const key = crypto.randomUUID();
    await send(TOPICS.partnershipMembers.name, key, [liw!, wegrow!]);
    const changed = await service.query(TIES, { t: '14', l: 'GMINA' });
    expect(changed.data.cooperation).toEqual(expectedTies('14', 'GMINA'));
    expect(changed.data).not.toEqual(first.data);
    // cooperationTies reads the same cached aggregate: the new tie is there at once, and its count.
    const STRONGEST = `query { cooperationTies(territory: "14", level: GMINA, first: 100) { totalCount edges { node { a { code } b { code } strength } } } }`;
    const ranked = (await service.query(STRONGEST)).data.cooperationTies;
    expect(ranked.totalCount).toBe(expectedTies('14', 'GMINA').length);
    expect(ranked.edges.map((e: any) => [e.node.a.code, e.node.b.code].join()).sort()).toEqual(
      expectedTies('14', 'GMINA')
        .map((t: any) => [t.a.code, t.b.code].join())
        .sort(),
    );
    await send(TOPICS.partnershipMembers.name, key, null);
    expect((await service.query(STRONGEST)).data.cooperationTies.totalCount).toBe(expectedTies('14', 'GMINA').length);
  });

  it('refuses an unknown territory and a level above the territory', async () => {
    expect((await service.query(TIES, { t: '99', l: 'POWIAT' })).errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      field: 'territory',
    });
    expect((await service.query(TIES, { t: '1433042', l: 'POWIAT' })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'level',
    });
    expect((await service.query(TIES, { t: '14', l: 'CITY_DISTRICT' })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'level',
    });
  });
});

describe('Organisation.cooperatesWith', () => {
  const WITH = `query($r: [_Any!]!, $first: Int) { _entities(representations: $r) { ... on Organisation { id
    cooperatesWith(first: $first) { totalCount edges { node { organisation { id } partnerships grants events } } pageInfo { hasNextPage endCursor } } } } }`;

  function expectedPartners(id: string) {
    const shared = new Map<string, { partnerships: number; grants: number; events: number }>();
    for (const { topic, organisationIds } of sources.values()) {
      if (!organisationIds.includes(id)) continue;
      for (const other of new Set(organisationIds)) {
        if (other === id) continue;
        const s = shared.get(other) ?? { partnerships: 0, grants: 0, events: 0 };
        s[
          (
            {
              [TOPICS.partnershipMembers.name]: 'partnerships',
              [TOPICS.grantParticipants.name]: 'grants',
              [TOPICS.eventOrganisers.name]: 'events',
            } as const
          )[topic]
        ] += 1;
        shared.set(other, s);
      }
    }
    return shared;
  }

  it('lists the organisations each one shares partnerships, grants and events with, most shared first', async () => {
    const ids = [...seats.keys()];
    const result = await service.query(WITH, { r: ids.map((id) => ({ __typename: 'Organisation', id })), first: 100 });
    expect(result.errors).toBeUndefined();
    for (const entity of result.data._entities) {
      const expected = expectedPartners(entity.id);
      const got = entity.cooperatesWith.edges.map((e: any) => e.node);
      expect(entity.cooperatesWith.totalCount).toBe(expected.size);
      expect(
        new Map(
          got.map((n: any) => [
            n.organisation.id,
            { partnerships: n.partnerships, grants: n.grants, events: n.events },
          ]),
        ),
      ).toEqual(expected);
      const totals = got.map((n: any) => n.partnerships + n.grants + n.events);
      expect(totals).toEqual([...totals].sort((x, y) => y - x));
    }
  });

  it('pages with cursors and costs the same statements for 2 or 10 organisations', async () => {
    const ids = [...seats.keys()];
    // Without `organisation { id }`: with 10 representations every partner is already in the
    // request's loader cache and with 2 it is not, which would compare different work.
    const COUNTS = `query($r: [_Any!]!, $first: Int) { _entities(representations: $r) { ... on Organisation {
      cooperatesWith(first: $first) { totalCount edges { node { partnerships grants events } } } } } }`;
    const twoCounts = await service.query(COUNTS, {
      r: ids.slice(0, 2).map((id) => ({ __typename: 'Organisation', id })),
      first: 2,
    });
    const tenCounts = await service.query(COUNTS, {
      r: ids.map((id) => ({ __typename: 'Organisation', id })),
      first: 2,
    });
    expect(tenCounts.sqlStatements).toBe(twoCounts.sqlStatements);
    const ten = await service.query(WITH, { r: ids.map((id) => ({ __typename: 'Organisation', id })), first: 2 });
    const first = ten.data._entities[0].cooperatesWith;
    const next = await service.query(
      `query($r: [_Any!]!, $after: String) { _entities(representations: $r) { ... on Organisation {
      cooperatesWith(first: 100, after: $after) { edges { node { organisation { id } } } } } } }`,
      { r: [{ __typename: 'Organisation', id: ids[0] }], after: first.pageInfo.endCursor },
    );
    const all = expectedPartners(ids[0]!).size;
    expect(first.edges.length + next.data._entities[0].cooperatesWith.edges.length).toBe(all);
  });
});

describe('seats for other subgraphs', () => {
  it("records each organisation's seat in the outbox, for subgraphs that group by territory", async () => {
    const rows = await service.orm.em
      .fork()
      .execute(`select key, payload from organisations.outbox where topic = '${TOPICS.organisationSeat.name}'`);
    expect(new Map(rows.map((r: any) => [r.key, r.payload.territoryCode]))).toEqual(seats);
  });
});

describe('cooperationTies', () => {
  const PAGE = `query($t: String!, $l: TerritoryLevel!, $first: Int!, $after: String) {
    cooperationTies(territory: $t, level: $l, first: $first, after: $after) {
      totalCount edges { node { a { code } b { code } strength partnershipCount grantCount eventCount
        partnerships(first: 5) { totalCount edges { node { id } } }
        grants(first: 5) { edges { node { id } } }
        events(first: 5) { totalCount edges { node { id } } } } }
      pageInfo { hasNextPage endCursor } } }`;

  it('pages the whole country strongest first, the same ties as cooperation, at the same statements per page', async () => {
    const ties: any[] = [];
    const statements: number[] = [];
    let after: string | null = null;
    do {
      const result = await service.query(PAGE, { t: 'PL', l: 'POWIAT', first: 2, after });
      expect(result.errors).toBeUndefined();
      statements.push(result.sqlStatements);
      ties.push(...result.data.cooperationTies.edges.map((e: any) => e.node));
      expect(result.data.cooperationTies.totalCount).toBe(expectedTies('', 'POWIAT').length);
      after = result.data.cooperationTies.pageInfo.hasNextPage ? result.data.cooperationTies.pageInfo.endCursor : null;
    } while (after);
    expect(ties.length).toBeGreaterThan(4);
    // The first page aggregates the scope once (then cached at this data version: one statement
    // more); full pages after it cost the same (the last one may hold one tie and skip nothing).
    expect(statements[0]).toBe(statements[1]! + 1);
    expect(new Set(statements.slice(1, -1)).size).toBe(1);
    expect(ties.map((t) => t.strength)).toEqual(ties.map((t) => t.strength).sort((x, y) => y - x));
    const list = ties
      .map((t) => ({ a: t.a, b: t.b, partnerships: t.partnershipCount, grants: t.grantCount, events: t.eventCount }))
      .sort((x, y) => (x.a.code + x.b.code < y.a.code + y.b.code ? -1 : 1));
    expect(list).toEqual(expectedTies('', 'POWIAT'));
    // The expansion lists the very sources the counts count.
    for (const t of ties) {
      expect(t.partnerships.totalCount).toBe(t.partnershipCount);
      expect(t.events.totalCount).toBe(t.eventCount);
      expect(t.grants.edges.length).toBe(Math.min(5, t.grantCount));
      for (const e of t.partnerships.edges) expect(sources.get(e.node.id)?.topic).toBe(TOPICS.partnershipMembers.name);
    }
  });

  it('keeps only the sources of a year window, by the year their owner published', async () => {
    const [x, y] = [...seats].filter(([, s]) => s === '1433042' || s === '2061011').map(([id]) => id);
    const dated = async (key: string, year: number | null) => {
      const response = await fetch(service.url.replace('/graphql', '/internal/events'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_INTERNAL_TOKEN}` },
        body: JSON.stringify({
          publisher: 'events',
          events: [
            { topic: TOPICS.eventOrganisers.name, key, payload: { organisationIds: [x, y], year }, version: ++version },
          ],
        }),
      });
      expect(response.status).toBe(200);
    };
    const [e2019, e2023, undated] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    await dated(e2019, 2019);
    await dated(e2023, 2023);
    await dated(undated, null);
    const events = async (from: number | null, to: number | null) => {
      const result = await service.query(
        `query($f: Int, $t: Int) { cooperationTies(territory: "PL", level: WOJEWODZTWO, fromYear: $f, toYear: $t, first: 50) {
          edges { node { a { code } b { code } events(first: 50) { edges { node { id } } } } } } }`,
        { f: from, t: to },
      );
      expect(result.errors).toBeUndefined();
      const tie = result.data.cooperationTies.edges.find((e: any) => e.node.a.code === '14' && e.node.b.code === '20');
      return new Set((tie?.node.events.edges ?? []).map((e: any) => e.node.id));
    };
    expect(await events(2018, 2020)).toEqual(new Set([e2019]));
    expect(await events(2023, null)).toEqual(new Set([e2023]));
    const all = await events(null, null);
    expect([e2019, e2023, undated].every((id) => all.has(id))).toBe(true);
    // A later message moves a source to its new year.
    await dated(e2019, 2024);
    expect(await events(2018, 2020)).toEqual(new Set());
    for (const id of [e2019, e2023, undated]) await send(TOPICS.eventOrganisers.name, id, null);
  });
});

import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createTestDatabase, startTestSubgraph, type TestDatabase, type TestSubgraph } from '@ngo-hub/kit/testing';
import { demoOrganisationId, polishCompare } from '@ngo-hub/kit';
import { eventsSubgraph } from '../src/subgraph.js';
import { eventList, type EventCriteria } from '../src/modules/event/event.repository.js';
import { EventSort } from '../src/modules/event/event.type.js';

let db: TestDatabase;
let service: TestSubgraph;
let sql: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase('events_search');
  service = await startTestSubgraph(eventsSubgraph, db.url);
  sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
});

afterAll(async () => {
  await sql?.end();
  await service?.close();
  await db?.drop();
});

/** Inserts an event (TIME precision when dated) at a venue; returns its id. */
async function insertEvent(
  title: string,
  territory: string,
  startsAt: string | null,
  organiser?: string,
): Promise<string> {
  const id = randomUUID();
  await sql.query(
    `insert into events.event (id, title, kind, starts_at, date_precision, venue_territory_code)
     values ($1, $2, 'MEETING', $3, $4, $5)`,
    [id, title, startsAt, startsAt ? 'TIME' : 'UNKNOWN', territory],
  );
  if (organiser)
    await sql.query('insert into events.event_organiser (event_id, organisation_id, position) values ($1, $2, 0)', [
      id,
      organiser,
    ]);
  return id;
}

const LIST = `query($filter: EventFilter, $sort: EventSort, $first: Int, $after: String) {
  events(filter: $filter, sort: $sort, first: $first, after: $after) {
    totalCount
    edges { cursor node { id title startsAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const titles = (result: any): string[] => {
  expect(result.errors).toBeUndefined();
  return result.data.events.edges.map((e: any) => e.node.title);
};

/** Every page of a list through the cursors, `first` at a time. */
async function allPages(variables: Record<string, unknown>, first: number): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null = null;
  do {
    const page: any = await service.query(LIST, { ...variables, first, after });
    seen.push(...titles(page));
    after = page.data.events.pageInfo.hasNextPage ? page.data.events.pageInfo.endCursor : null;
  } while (after);
  return seen;
}

// Events in Żyrardów (1438011), a town with no demo events, so lists filtered by its powiat hold only these.
const ZYRARDOW = '1438011';
const ZYRARDOW_COUNTY = '1438';
const DATASET: [string, string | null][] = [
  ['Spotkanie w Żyrardowie', '2031-03-01T10:00:00Z'],
  ['Łąka kwietna – warsztaty', '2031-01-10T10:00:00Z'],
  ['Lato w mieście', '2031-06-01T10:00:00Z'],
  ['Zima w parku', '2030-12-01T10:00:00Z'],
  ['Żuraw i czapla', null],
  ['Cisza nocna', '2031-02-01T10:00:00Z'],
  ['Ćma i motyl', null],
  ['Czapla siwa', '2031-04-01T10:00:00Z'],
  ['Sad owocowy', '2031-05-01T10:00:00Z'],
  ['Śnieg w marcu', '2031-03-15T10:00:00Z'],
  ['Koferencja prasowa', '2031-01-05T10:00:00Z'],
  ['Mała konferencja sąsiedzka', '2031-07-01T10:00:00Z'],
  ['Ławnicy społeczni', '2031-08-01T10:00:00Z'],
  ['ala ma kota', '2031-09-01T10:00:00Z'],
];
const inCounty = { territory: ZYRARDOW_COUNTY };

beforeAll(async () => {
  for (const [title, startsAt] of DATASET) await insertEvent(title, ZYRARDOW, startsAt);
});

describe('search', () => {
  it('ignores case and Polish diacritics, ł included', async () => {
    expect(titles(await service.query(LIST, { filter: { search: 'zyrardow' } }))).toEqual(['Spotkanie w Żyrardowie']);
    expect(titles(await service.query(LIST, { filter: { search: 'LAWNICY spoleczni' } }))).toEqual([
      'Ławnicy społeczni',
    ]);
    expect(titles(await service.query(LIST, { filter: { search: 'łąka' } }))).toEqual(['Łąka kwietna – warsztaty']);
    const demo = titles(await service.query(LIST, { filter: { search: 'problemow spolecznych' } }));
    expect(demo[0]).toBe('Zadanie publiczne – skuteczne narzędzie rozwiązywania problemów społecznych');
  });

  it('tolerates a typo', async () => {
    expect(titles(await service.query(LIST, { filter: { search: 'Żyrardwie' } }))).toEqual(['Spotkanie w Żyrardowie']);
    expect(titles(await service.query(LIST, { filter: { search: 'xqzv' } }))).toEqual([]);
  });

  it('ranks titles containing the words before near matches, whatever their dates', async () => {
    const filter = { search: 'konferencja', ...inCounty };
    expect(titles(await service.query(LIST, { filter }))).toEqual(['Mała konferencja sąsiedzka', 'Koferencja prasowa']);
    expect(titles(await service.query(LIST, { filter, sort: 'RELEVANCE' }))).toEqual([
      'Mała konferencja sąsiedzka',
      'Koferencja prasowa',
    ]);
    // The same matches by start when asked: the near match starts earlier.
    expect(titles(await service.query(LIST, { filter, sort: 'STARTS_AT' }))).toEqual([
      'Koferencja prasowa',
      'Mała konferencja sąsiedzka',
    ]);
  });

  it('pages through equal fractional ranks without losing a row', async () => {
    for (const title of ['Fesstyn A', 'Fesstyn B', 'Fesstyn C', 'Festyn']) await insertEvent(title, '1411073', null);
    const filter = { search: 'festyn', territory: '1411073' };
    const whole = titles(await service.query(LIST, { filter, first: 100 }));
    expect(whole[0]).toBe('Festyn');
    expect(whole).toHaveLength(4);
    expect(await allPages({ filter }, 1)).toEqual(whole);
  });

  it('refuses a 10,000-character search and an oversized page with coded errors', async () => {
    const long = await service.query(LIST, { filter: { search: 'a'.repeat(10_000) } });
    expect(long.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.search' });
    const big = await service.query(LIST, { first: 1000, sort: 'TITLE' });
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

describe('sorts', () => {
  const dated = DATASET.filter(([, s]) => s !== null) as [string, string][];
  const undated = DATASET.filter(([, s]) => s === null).map(([t]) => t);

  it('orders titles in the Polish alphabet (Ć after C, Ł after L, Ś after S, Ż last), ignoring case', async () => {
    const expected = DATASET.map(([t]) => t).sort(polishCompare);
    // Guard that the data exercises the letters: an ASCII order would differ.
    expect(expected).not.toEqual(DATASET.map(([t]) => t).sort());
    expect(titles(await service.query(LIST, { filter: inCounty, sort: 'TITLE', first: 100 }))).toEqual(expected);
    expect(await allPages({ filter: inCounty, sort: 'TITLE' }, 3)).toEqual(expected);
  });

  it('orders by start either way, events without a date last in both', async () => {
    const ascending = [...dated].sort((a, b) => a[1].localeCompare(b[1])).map(([t]) => t);
    const descending = [...ascending].reverse();
    const asc = titles(await service.query(LIST, { filter: inCounty, sort: 'STARTS_AT', first: 100 }));
    expect(asc.slice(0, dated.length)).toEqual(ascending);
    expect(new Set(asc.slice(dated.length))).toEqual(new Set(undated));
    const desc = titles(await service.query(LIST, { filter: inCounty, sort: 'STARTS_AT_DESC', first: 100 }));
    expect(desc.slice(0, dated.length)).toEqual(descending);
    expect(new Set(desc.slice(dated.length))).toEqual(new Set(undated));
    // Without a sort and without a search the order is STARTS_AT.
    expect(titles(await service.query(LIST, { filter: inCounty, first: 100 }))).toEqual(asc);
  });

  it('pages every sort through its cursors exactly as one big page', async () => {
    for (const [sort, filter] of [
      ['STARTS_AT', inCounty],
      ['STARTS_AT_DESC', inCounty],
      ['TITLE', inCounty],
      ['RELEVANCE', { ...inCounty, search: 'w' }],
      ['TITLE', { ...inCounty, kind: 'MEETING', to: '2031-06-30T00:00:00Z', from: '2031-01-01T00:00:00Z' }],
    ] as const) {
      const whole = titles(await service.query(LIST, { filter, sort, first: 100 }));
      expect(whole.length).toBeGreaterThan(2);
      expect(await allPages({ filter, sort }, 2)).toEqual(whole);
    }
  });

  it('treats RELEVANCE without a search as STARTS_AT', async () => {
    const relevance = titles(await service.query(LIST, { filter: inCounty, sort: 'RELEVANCE', first: 100 }));
    expect(relevance).toEqual(titles(await service.query(LIST, { filter: inCounty, sort: 'STARTS_AT', first: 100 })));
  });

  it('refuses a cursor issued for another sort', async () => {
    const byTitle = await service.query(LIST, { filter: inCounty, sort: 'TITLE', first: 2 });
    const cursor = byTitle.data.events.pageInfo.endCursor;
    for (const sort of ['STARTS_AT', 'STARTS_AT_DESC']) {
      const result = await service.query(LIST, { filter: inCounty, sort, first: 2, after: cursor });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
    const byStart = await service.query(LIST, { filter: inCounty, first: 2 });
    const relevance = await service.query(LIST, {
      filter: { ...inCounty, search: 'w' },
      first: 2,
      after: byStart.data.events.pageInfo.endCursor,
    });
    expect(relevance.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('keyset paging while rows are inserted', () => {
  // Each case lives in its own gmina so the inserted rows do not disturb the other lists.
  const cases: {
    sort: string;
    territory: string;
    search?: string;
    original: [string, string | null][];
    before: [string, string | null];
    after: [string, string | null];
  }[] = [
    {
      sort: 'TITLE',
      territory: '1425011',
      original: [
        ['Cisza', null],
        ['Ćma', null],
        ['Lato', null],
        ['Łąka', null],
        ['Sad', null],
        ['Śnieg', null],
      ],
      before: ['Aaa na początek', null],
      after: ['Żaba na koniec', null],
    },
    {
      sort: 'STARTS_AT',
      territory: '1419122',
      original: [
        ['A1', '2031-01-01T00:00:00Z'],
        ['A2', '2031-02-01T00:00:00Z'],
        ['A3', '2031-03-01T00:00:00Z'],
        ['A4', '2031-04-01T00:00:00Z'],
        ['A5', null],
        ['A6', null],
      ],
      before: ['Wcześniej', '2030-01-01T00:00:00Z'],
      after: ['Później', '2031-03-15T00:00:00Z'],
    },
    {
      sort: 'STARTS_AT_DESC',
      territory: '1433042',
      original: [
        ['B1', '2031-04-01T00:00:00Z'],
        ['B2', '2031-03-01T00:00:00Z'],
        ['B3', '2031-02-01T00:00:00Z'],
        ['B4', '2031-01-01T00:00:00Z'],
        ['B5', null],
        ['B6', null],
      ],
      before: ['Najnowsze', '2032-01-01T00:00:00Z'],
      after: ['Starsze', '2031-01-15T00:00:00Z'],
    },
    {
      sort: 'RELEVANCE',
      territory: '1415083',
      search: 'festyn',
      original: [
        ['Festyn I', '2031-01-01T00:00:00Z'],
        ['Festyn II', '2031-02-01T00:00:00Z'],
        ['Festyn III', '2031-03-01T00:00:00Z'],
        ['Fesstyn z błędem', '2031-01-01T00:00:00Z'],
        ['Festym z błędem', '2031-02-01T00:00:00Z'],
      ],
      before: ['Festyn 0', '2030-01-01T00:00:00Z'],
      after: ['Festyn IV', '2031-12-01T00:00:00Z'],
    },
  ];

  it.each(cases)(
    'sort $sort: the original rows appear exactly once and none is skipped',
    async ({ sort, territory, search, original, before, after }) => {
      for (const [title, startsAt] of original) await insertEvent(title, territory, startsAt);
      const filter = { territory, search };
      const expected = titles(await service.query(LIST, { filter, sort, first: 100 }));
      expect(expected).toHaveLength(original.length);

      const first: any = await service.query(LIST, { filter, sort, first: 3 });
      const seen = titles(first);
      await insertEvent(before[0], territory, before[1]);
      await insertEvent(after[0], territory, after[1]);
      let cursor: string | null = first.data.events.pageInfo.endCursor;
      while (cursor) {
        const page: any = await service.query(LIST, { filter, sort, first: 2, after: cursor });
        seen.push(...titles(page));
        cursor = page.data.events.pageInfo.hasNextPage ? page.data.events.pageInfo.endCursor : null;
      }
      // The row sorting before the cursor is not seen, the one after it is, in its place.
      expect(seen.filter((t) => t !== after[0])).toEqual(expected);
      expect(seen).toContain(after[0]);
      expect(seen).not.toContain(before[0]);
      const now = titles(await service.query(LIST, { filter, sort, first: 100 }));
      expect(now.slice(now.indexOf(seen[3]!))).toEqual(seen.slice(3));
    },
  );
});

describe('Territory.events', () => {
  const ENTITIES = `query($r: [_Any!]!, $filter: EventFilter, $sort: EventSort) { _entities(representations: $r) {
    ... on Territory { code events(filter: $filter, sort: $sort, first: 3) { totalCount edges { node { id } } pageInfo { hasNextPage } } }
  } }`;
  // Voivodeships, powiats and gminas with and without events, Warsaw (whose districts have their own
  // codes), and one code the register does not have.
  const CODES = [
    '14',
    '20',
    '2061',
    '2061011',
    '2008013',
    '1465011',
    '1465058',
    '1438',
    '1438011',
    '1425011',
    '1419122',
    '1433042',
    '1415083',
    '1415',
    '1418043',
    '02',
    '0261',
    '1411073',
    '1411',
    '9999999',
  ];

  beforeAll(async () => {
    await insertEvent('Spotkanie na Mokotowie', '1465058', '2031-05-05T10:00:00Z');
  });

  async function rootList(code: string, filter: Record<string, unknown>, sort: string | null) {
    const result = await service.query(
      `query($filter: EventFilter, $sort: EventSort) {
      events(filter: $filter, sort: $sort, first: 3) { totalCount edges { node { id } } pageInfo { hasNextPage } } }`,
      { filter: { ...filter, territory: code }, sort },
    );
    return result.errors?.[0]?.extensions?.code === 'NOT_FOUND'
      ? { totalCount: 0, edges: [], pageInfo: { hasNextPage: false } }
      : result.data.events;
  }

  it.each([
    [{}, null],
    [{}, 'TITLE'],
    [{}, 'STARTS_AT_DESC'],
    [{ search: 'spotkanie' }, null],
    [{ kind: 'WORKSHOP' }, 'TITLE'],
  ])(
    'filter %j sort %s: the same page as the root list filtered by the territory, at a constant cost',
    async (filter, sort) => {
      const two = await service.query(ENTITIES, {
        r: CODES.slice(0, 2).map((code) => ({ __typename: 'Territory', code })),
        filter,
        sort,
      });
      const twenty = await service.query(ENTITIES, {
        r: CODES.map((code) => ({ __typename: 'Territory', code })),
        filter,
        sort,
      });
      expect(twenty.errors).toBeUndefined();
      expect(twenty.sqlStatements).toBe(two.sqlStatements);
      expect(twenty.sqlStatements).toBe(2);
      // Not a comparison of empty lists: several units have events, some more than a page.
      if (!filter.kind)
        expect(twenty.data._entities.filter((t: any) => t.events.totalCount > 0).length).toBeGreaterThan(4);
      for (const [i, code] of CODES.entries()) {
        expect({ code, ...twenty.data._entities[i].events }).toEqual({ code, ...(await rootList(code, filter, sort)) });
      }
    },
  );

  it('covers every unit inside the territory, Warsaw districts included', async () => {
    const result = await service.query(ENTITIES, {
      r: [
        { __typename: 'Territory', code: '1465011' },
        { __typename: 'Territory', code: '9999999' },
      ],
      sort: 'TITLE',
    });
    expect(result.data._entities[0].events.totalCount).toBe(2);
    expect(result.data._entities[1].events).toEqual({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false } });
  });

  it('refuses the same bad input as the root list', async () => {
    const r = [{ __typename: 'Territory', code: '14' }];
    const long = await service.query(ENTITIES, { r, filter: { search: 'x'.repeat(10_000) } });
    expect(long.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.search' });
    const big = await service.query(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Territory { events(first: 1000) { totalCount } } } }',
      { r },
    );
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

describe('Organisation.events with a sort', () => {
  it("orders one organiser's events by Polish title in the batched page", async () => {
    const organiser = demoOrganisationId('urzad-miasta-zyrardowa');
    const mine = ['Żniwa', 'Łowy', 'Lody', 'Ćwiczenia', 'Cukiernia'];
    for (const title of mine) await insertEvent(title, ZYRARDOW, null, organiser);
    const result = await service.query(
      `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Organisation { events(sort: TITLE, first: 10) { edges { node { title } } } } } }`,
      { r: [{ __typename: 'Organisation', id: organiser }] },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data._entities[0].events.edges.map((e: any) => e.node.title)).toEqual([...mine].sort(polishCompare));
  });
});

describe('indexes', () => {
  const criteria = (change: Partial<EventCriteria>): EventCriteria => ({
    from: null,
    to: null,
    territoryPrefixes: null,
    kind: null,
    organiserId: null,
    partnershipId: null,
    upcoming: null,
    search: null,
    ...change,
  });
  // The statements the engine sends for a list request (`after` as the decoded cursor).
  const pageStatement = (c: EventCriteria, list: { sort: EventSort; first: number; after: unknown[] | null }) =>
    eventList.pageStatement(eventList.query(c, list.sort, { first: list.first, after: list.after }));
  const pagesByParentStatement = (
    parent: 'territory',
    keys: string[],
    c: EventCriteria,
    list: { sort: EventSort; first: number; after: null },
  ) => eventList.pagesByParentStatement(parent, keys, eventList.query(c, list.sort, list));
  const countStatement = (c: EventCriteria) => eventList.countStatement(c);

  /** The plan of a statement as the service runs it, with sequential scans priced out (tables are tiny). */
  async function plan(statement: { sql: string; params: unknown[] }): Promise<string> {
    let n = 0;
    const text = statement.sql.replace(/\?/g, () => `$${++n}`);
    await sql.query('set enable_seqscan = off');
    try {
      const { rows } = await sql.query(`explain ${text}`, statement.params);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    } finally {
      await sql.query('reset enable_seqscan');
    }
  }

  it('serves the search from the trigram index and the title order from the Polish key index', async () => {
    const search = await plan(
      pageStatement(criteria({ search: 'konferencja' }), { sort: EventSort.RELEVANCE, first: 20, after: null }),
    );
    expect(search).toContain('event_title_search_trgm_idx');
    const byTitle = await plan(
      pageStatement(criteria({}), { sort: EventSort.TITLE, first: 20, after: [EventSort.TITLE, 'Lato', randomUUID()] }),
    );
    expect(byTitle).toContain('event_title_polish_key_idx');
    const newest = await plan(pageStatement(criteria({}), { sort: EventSort.STARTS_AT_DESC, first: 20, after: null }));
    expect(newest).toContain('event_starts_at_desc_id_idx');
    const territories = await plan(
      pagesByParentStatement('territory', ['14', '1465011'], criteria({}), {
        sort: EventSort.STARTS_AT,
        first: 20,
        after: null,
      }),
    );
    expect(territories).toContain('event_venue_territory_code_idx');
  });

  it('finds a date range through the span index and pages it from the starts_at index', async () => {
    const month = criteria({ from: '2031-05-01T00:00:00Z', to: '2031-05-31T23:59:59Z' });
    const count = await plan(countStatement(month));
    // Either index over span: the (territory, span) one also serves a month alone.
    expect(count).toMatch(/event_span_idx|event_territory_span_idx/);
    for (const sort of [EventSort.STARTS_AT, EventSort.STARTS_AT_DESC]) {
      const page = await plan(pageStatement(month, { sort, first: 20, after: null }));
      expect(page).toMatch(/event_span_idx|event_territory_span_idx/); // events already running at `from`
      expect(page).toMatch(sort === EventSort.STARTS_AT ? /event_starts_at_id_idx/ : /event_starts_at_desc_id_idx/);
    }
  });

  it("answers a territory's month (the calendar's question) from the (territory, span) index", async () => {
    const month = criteria({ from: '2031-05-01T00:00:00Z', to: '2031-05-31T23:59:59Z', territoryPrefixes: ['1465'] });
    expect(await plan(countStatement(month))).toContain('event_territory_span_idx');
    const page = await plan(pageStatement(month, { sort: EventSort.STARTS_AT, first: 50, after: null }));
    expect(page).toContain('event_territory_span_idx');
  });
});

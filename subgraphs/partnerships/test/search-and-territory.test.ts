import { createTestDatabase, startTestSubgraph, type TestDatabase, type TestSubgraph } from '@ngo-hub/kit/testing';
import { polishCompare } from '@ngo-hub/kit';
import pg from 'pg';
import { partnershipList } from '../src/modules/partnership/partnership.repository.js';
import { partnershipListing } from '../src/modules/partnership/partnership.service.js';
import { PartnershipSort } from '../src/modules/partnership/partnership.input.js';
import { partnershipsSubgraph } from '../src/subgraph.js';

let db: TestDatabase;
let service: TestSubgraph;

const CREATE = `mutation($input: CreatePartnershipInput!) { createPartnership(input: $input) { id name establishedOn } }`;

interface Made {
  id: string;
  name: string;
  establishedOn: string | null;
}

async function create(
  name: string,
  territory: string,
  establishedOn: string | null = null,
  additionalTerritories: string[] = [],
): Promise<Made> {
  const result = await service.query(
    CREATE,
    { input: { name, territory, establishedOn, additionalTerritories } },
    { admin: true },
  );
  expect(result.errors).toBeUndefined();
  return result.data.createPartnership;
}

/** Partnerships in Łódzkie (nothing of the demo data is there): Polish letters that sort apart from their base letter. */
const LODZKIE: [string, string, string | null][] = [
  ['Łąka Nadziei', '1001011', '2019-05-01'],
  ['Lasy Wspólne', '1001022', null],
  ['Żagiel Młodych', '1001032', '2021-03-10'],
  ['Zorza Razem', '1001042', '2019-05-01'],
  ['Ćma Nocna', '1001052', null],
  ['Cegła i Kamień', '1001062', '2015-01-20'],
  ['Świt Sąsiedzki', '1001072', '2023-11-30'],
  ['Sosna Partnerska', '1001084', '2010-02-02'],
  ['Źródło Dobra', '1001085', null],
  ['Wspólne Ogrody', '1001011', null],
  ['Forum Ogrodów', '1001022', '2021-03-10'],
  ['Ogrody Bełchatowa', '1001011', null],
];
/** Main territory in Łódź, additional one in gmina Rusiec (1001062): found under both. */
const CROSS = 'Partnerstwo Łódzko-Bełchatowskie';
const made: Made[] = [];

beforeAll(async () => {
  db = await createTestDatabase('partnerships_search');
  service = await startTestSubgraph(partnershipsSubgraph, db.url);
  for (const [name, territory, established] of LODZKIE) made.push(await create(name, territory, established));
  made.push(await create(CROSS, '1061029', '2022-06-01', ['1001062']));
});

afterAll(async () => {
  await service?.close();
  await db?.drop();
});

const LIST = `query($filter: PartnershipFilter, $sort: PartnershipSort, $first: Int, $after: String) {
  partnerships(filter: $filter, sort: $sort, first: $first, after: $after) {
    totalCount
    edges { cursor node { id name establishedOn } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}`;

const names = (result: any): string[] => {
  expect(result.errors).toBeUndefined();
  return result.data.partnerships.edges.map((e: any) => e.node.name);
};

/** Every page of the root list, `size` at a time. */
async function allPages(variables: Record<string, unknown>, size: number): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null = null;
  do {
    const page: any = await service.query(LIST, { ...variables, first: size, after });
    seen.push(...names(page));
    after = page.data.partnerships.pageInfo.hasNextPage ? page.data.partnerships.pageInfo.endCursor : null;
  } while (after && seen.length <= 200); // a cursor that never advances fails instead of looping
  return seen;
}

/** Newest first, unknown dates last, then by id: the order ESTABLISHED_NEWEST promises. */
const newestFirst = (a: Made, b: Made): number => {
  if (a.establishedOn !== b.establishedOn) {
    if (a.establishedOn === null) return 1;
    if (b.establishedOn === null) return -1;
    return a.establishedOn < b.establishedOn ? 1 : -1;
  }
  return a.id < b.id ? -1 : 1;
};

describe('search', () => {
  it('ignores case and diacritics, ł included', async () => {
    expect(names(await service.query(LIST, { filter: { search: 'slupno' } }))).toEqual(['Partnerstwo Lokalne Słupno']);
    expect(names(await service.query(LIST, { filter: { search: 'ZYRARDOW' } }))).toEqual([
      'Partnerstwo Lokalne Żyrardów',
    ]);
    expect(names(await service.query(LIST, { filter: { search: 'lodzko' } }))).toEqual([CROSS]);
    expect(names(await service.query(LIST, { filter: { search: 'laka nadziei' } }))).toEqual(['Łąka Nadziei']);
    // Search text with diacritics matches the same rows as without.
    expect(names(await service.query(LIST, { filter: { search: 'Łąka' } }))).toEqual(['Łąka Nadziei']);
  });

  it('tolerates a typo', async () => {
    expect(names(await service.query(LIST, { filter: { search: 'sochaczw' } }))).toEqual([
      'Partnerstwo Lokalne Sochaczew',
    ]);
    expect(names(await service.query(LIST, { filter: { search: 'myszyniek' } }))).toEqual([
      'Partnerstwo Lokalne Myszyniec',
    ]);
    expect(names(await service.query(LIST, { filter: { search: 'qqqxxz' } }))).toEqual([]);
  });

  it('ranks names containing the text before typo matches, and honours an explicit sort instead', async () => {
    const filter = { search: 'ogrody', territory: '10' };
    // Exact substrings (equal rank) by name, then the typo "Ogrodów".
    expect(names(await service.query(LIST, { filter }))).toEqual([
      'Ogrody Bełchatowa',
      'Wspólne Ogrody',
      'Forum Ogrodów',
    ]);
    expect(names(await service.query(LIST, { filter, sort: 'RELEVANCE' }))).toEqual([
      'Ogrody Bełchatowa',
      'Wspólne Ogrody',
      'Forum Ogrodów',
    ]);
    expect(names(await service.query(LIST, { filter, sort: 'NAME' }))).toEqual([
      'Forum Ogrodów',
      'Ogrody Bełchatowa',
      'Wspólne Ogrody',
    ]);
    expect(names(await service.query(LIST, { filter, sort: 'ESTABLISHED_NEWEST' }))[0]).toBe('Forum Ogrodów');
    // Paging one at a time through equal ranks neither skips nor repeats.
    expect(await allPages({ filter }, 1)).toEqual(['Ogrody Bełchatowa', 'Wspólne Ogrody', 'Forum Ogrodów']);
  });

  it('refuses a 10,000-character search with a coded error', async () => {
    const result = await service.query(LIST, { filter: { search: 'a'.repeat(10_000) } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.search' });
    expect(result.data).toBeNull();
  });

  it('reads the trigram and name indexes (with sequential scans disabled, as on a large table)', async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query('set enable_seqscan = off');
      const plan = async (listing: ReturnType<typeof partnershipListing>) => {
        const { sql, params } = partnershipList.pageStatement(listing);
        let n = 0;
        const rows = await client.query(`explain ${sql.replace(/\?/g, () => `$${++n}`)}`, params);
        return rows.rows.map((r) => r['QUERY PLAN']).join('\n');
      };
      expect(await plan(partnershipListing({ search: 'ogrody' }, null, { first: 20 }))).toContain(
        'partnership_search_trgm_idx',
      );
      expect(await plan(partnershipListing(null, PartnershipSort.NAME, { first: 20 }))).toContain(
        'partnership_polish_name_idx',
      );
      expect(await plan(partnershipListing(null, PartnershipSort.ESTABLISHED_NEWEST, { first: 20 }))).toContain(
        'partnership_established_idx',
      );
    } finally {
      await client.end();
    }
  });
});

describe('sort', () => {
  it('orders names by the Polish alphabet (Ł after L, Ś after S, Ż last)', async () => {
    const listed = names(await service.query(LIST, { filter: { territory: '10' }, first: 100 }));
    expect(listed).toHaveLength(LODZKIE.length + 1);
    expect(listed).toEqual([...listed].sort(polishCompare));
    expect(listed).toEqual([
      'Cegła i Kamień',
      'Ćma Nocna',
      'Forum Ogrodów',
      'Lasy Wspólne',
      'Łąka Nadziei',
      'Ogrody Bełchatowa',
      CROSS,
      'Sosna Partnerska',
      'Świt Sąsiedzki',
      'Wspólne Ogrody',
      'Zorza Razem',
      'Źródło Dobra',
      'Żagiel Młodych',
    ]);
    expect(names(await service.query(LIST, { filter: { territory: '10' }, sort: 'NAME', first: 100 }))).toEqual(listed);
  });

  it('orders by establishment date, newest first, unknown dates last', async () => {
    const listed = await service.query(LIST, { filter: { territory: '10' }, sort: 'ESTABLISHED_NEWEST', first: 100 });
    expect(names(listed)).toEqual([...made].sort(newestFirst).map((m) => m.name));
    expect(listed.data.partnerships.edges[0].node).toMatchObject({
      name: 'Świt Sąsiedzki',
      establishedOn: '2023-11-30',
    });
    expect(listed.data.partnerships.edges.at(-1).node.establishedOn).toBeNull();
  });

  it('pages every sort with its own cursors, and refuses a cursor of another sort', async () => {
    for (const sort of ['NAME', 'ESTABLISHED_NEWEST', 'RELEVANCE']) {
      const variables = { filter: { territory: '10' }, sort };
      const whole = names(await service.query(LIST, { ...variables, first: 100 }));
      expect(await allPages(variables, 2)).toEqual(whole);
    }
    const byName = await service.query(LIST, { filter: { territory: '10' }, sort: 'NAME', first: 2 });
    const cursor = byName.data.partnerships.pageInfo.endCursor;
    const mixed = await service.query(LIST, { filter: { territory: '10' }, sort: 'ESTABLISHED_NEWEST', after: cursor });
    expect(mixed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const searching = await service.query(LIST, { filter: { territory: '10', search: 'ogrody' }, after: cursor });
    expect(searching.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const forged = Buffer.from(JSON.stringify(['NAME', 'x', 'not-a-uuid'])).toString('base64url');
    const bad = await service.query(LIST, { sort: 'NAME', after: forged });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('refuses first: 1000', async () => {
    const result = await service.query(LIST, { first: 1000 });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

describe('keyset pagination while rows are inserted', () => {
  // Each case lists its own gmina of Małopolskie, so the rows it inserts touch no other test.
  const cases: {
    sort: string;
    territory: string;
    search?: string;
    rows: [string, string | null][];
    before: [string, string | null][];
    after: [string, string | null][];
  }[] = [
    {
      sort: 'NAME',
      territory: '1201022',
      rows: [
        ['Dąb Bocheński', null],
        ['Lipa Bocheńska', null],
        ['Łan Bocheński', null],
        ['Sad Bocheński', null],
        ['Żyto Bocheńskie', null],
      ],
      before: [
        ['Brzoza Bocheńska', null],
        ['Ćwierć Bocheńska', null],
      ],
      after: [
        ['Łęg Bocheński', null],
        ['Źrebię Bocheńskie', null],
      ],
    },
    {
      sort: 'ESTABLISHED_NEWEST',
      territory: '1201032',
      rows: [
        ['Drwinia A', '2022-01-01'],
        ['Drwinia B', '2020-01-01'],
        ['Drwinia C', '2018-01-01'],
        ['Drwinia D', null],
        ['Drwinia E', null],
      ],
      before: [
        ['Drwinia Nowsza', '2024-01-01'],
        ['Drwinia Przed', '2021-01-01'],
      ],
      after: [
        ['Drwinia Starsza', '2019-01-01'],
        ['Drwinia Bez Daty', null],
      ],
    },
    {
      sort: 'RELEVANCE',
      territory: '1201042',
      search: 'lipnica',
      rows: [
        ['Lipnica Bór', null],
        ['Lipnica Las', null],
        ['Lipnica Pole', null],
        ['Lipnica Sad', null],
        ['Lipnicka Rada', null],
      ],
      before: [['Lipnica Aleja', null]],
      after: [['Lipnica Zagroda', null]],
    },
  ];

  it.each(cases)(
    'keeps every original row exactly once ($sort)',
    async ({ sort, territory, search, rows, before, after }) => {
      for (const [name, date] of rows) await create(name, territory, date);
      const filter = { territory, ...(search ? { search } : {}) };
      const expected = names(await service.query(LIST, { filter, sort, first: 100 }));
      expect(expected).toHaveLength(rows.length);

      const first = await service.query(LIST, { filter, sort, first: 2 });
      const seen = names(first);
      // Rows that sort before the cursor and rows that sort after it arrive between the pages.
      for (const [name, date] of [...before, ...after]) await create(name, territory, date);
      const now = names(await service.query(LIST, { filter, sort, first: 100 }));
      const cursorAt = now.indexOf(seen.at(-1)!);
      for (const [name] of before) expect(now.indexOf(name)).toBeLessThan(cursorAt);
      for (const [name] of after) expect(now.indexOf(name)).toBeGreaterThan(cursorAt);

      let cursor: string | null = first.data.partnerships.pageInfo.endCursor;
      while (cursor && seen.length <= 200) {
        const page: any = await service.query(LIST, { filter, sort, first: 2, after: cursor });
        seen.push(...names(page));
        cursor = page.data.partnerships.pageInfo.hasNextPage ? page.data.partnerships.pageInfo.endCursor : null;
      }
      expect(seen.filter((n) => expected.includes(n))).toEqual(expected);
      for (const [name] of after) expect(seen.filter((n) => n === name)).toHaveLength(1);
      for (const [name] of before) expect(seen).not.toContain(name);
    },
  );
});

describe('Territory.partnerships', () => {
  const ENTITIES = `query($r: [_Any!]!, $filter: PartnershipFilter, $sort: PartnershipSort, $first: Int, $after: String) {
    _entities(representations: $r) { ... on Territory { code partnerships(filter: $filter, sort: $sort, first: $first, after: $after) {
      totalCount edges { cursor node { id name establishedOn } } pageInfo { hasNextPage hasPreviousPage endCursor }
    } } }
  }`;
  const reps = (codes: readonly string[]) => codes.map((code) => ({ __typename: 'Territory', code }));
  const CODES = [
    '10',
    '1001',
    '1001083',
    '1001062',
    '1061',
    '1061011',
    '14',
    '1465',
    '1465011',
    '1465058',
    '1465108',
    '1438011',
    '1428011',
    '1411',
    '1425011',
    '1433042',
    '1415',
    '1418043',
    '20',
    '2061011',
  ];

  it('gives each territory the root list filtered by its code, for every sort and with other filters', async () => {
    const variantsOf: Record<string, unknown>[] = [
      { first: 3 },
      { first: 4, sort: 'ESTABLISHED_NEWEST' },
      { first: 2, filter: { search: 'lokalne' } },
      { first: 5, filter: { search: 'ogrody' }, sort: 'NAME' },
    ];
    for (const variables of variantsOf) {
      const result = await service.query(ENTITIES, { r: reps(CODES), ...variables });
      expect(result.errors).toBeUndefined();
      for (const [i, code] of CODES.entries()) {
        const filter = { ...(variables.filter as object | undefined), territory: code };
        const root = await service.query(LIST, { ...variables, filter });
        expect(root.errors).toBeUndefined();
        expect({ code, ...result.data._entities[i].partnerships }).toEqual({ code, ...root.data.partnerships });
      }
    }
  });

  it('counts a partnership under its additional territory and a gmina under its parts', async () => {
    const result = await service.query(ENTITIES, { r: reps(['1001062', '1061011', '1001083', '1001']), first: 100 });
    const [rusiec, lodz, zelow, powiat] = result.data._entities.map((e: any) =>
      e.partnerships.edges.map((x: any) => x.node.name),
    );
    expect(rusiec).toEqual(['Cegła i Kamień', CROSS]);
    expect(lodz).toEqual([CROSS]);
    expect(zelow).toEqual(['Sosna Partnerska', 'Źródło Dobra']);
    expect(powiat).toHaveLength(LODZKIE.length + 1);
  });

  it('pages a territory with its own cursors', async () => {
    const whole = await service.query(ENTITIES, { r: reps(['10']), first: 100, sort: 'ESTABLISHED_NEWEST' });
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await service.query(ENTITIES, { r: reps(['10']), first: 3, after, sort: 'ESTABLISHED_NEWEST' });
      const connection = page.data._entities[0].partnerships;
      seen.push(...connection.edges.map((e: any) => e.node.name));
      after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
    } while (after && seen.length <= 200);
    expect(seen).toEqual(whole.data._entities[0].partnerships.edges.map((e: any) => e.node.name));
  });

  it('costs the same number of SQL statements for 2 or 20 territories', async () => {
    const two = await service.query(ENTITIES, { r: reps(CODES.slice(0, 2)), first: 5 });
    const twenty = await service.query(ENTITIES, { r: reps(CODES), first: 5 });
    expect(twenty.errors).toBeUndefined();
    expect(twenty.data._entities).toHaveLength(20);
    expect(twenty.data._entities.filter((e: any) => e.partnerships.totalCount > 0).length).toBeGreaterThan(10);
    expect(twenty.sqlStatements).toBe(two.sqlStatements);
    // One statement for the pages of all territories, one for their counts.
    expect(two.sqlStatements).toBe(2);
    const big = await service.query(ENTITIES, { r: reps(CODES), first: 100 });
    expect(big.sqlStatements).toBe(2);
  });

  it('gives a code the register lacks an empty connection, and refuses bad arguments with coded errors', async () => {
    const unknown = await service.query(ENTITIES, { r: reps(['9999999', 'abc']) });
    expect(unknown.errors).toBeUndefined();
    for (const entity of unknown.data._entities)
      expect(entity.partnerships).toMatchObject({ totalCount: 0, edges: [] });

    const tooMany = await service.query(ENTITIES, { r: reps(['14']), first: 1000 });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const longSearch = await service.query(ENTITIES, { r: reps(['14']), filter: { search: 'x'.repeat(10_000) } });
    expect(longSearch.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.search' });
    const badTerritory = await service.query(ENTITIES, { r: reps(['14']), filter: { territory: '1499' } });
    expect(badTerritory.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'filter.territory' });
  });
});

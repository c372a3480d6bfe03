import { randomUUID } from 'node:crypto';
import {
  announce,
  createTestDatabase,
  startTestSubgraph,
  type TestDatabase,
  type TestSubgraph,
} from '@ngo-hub/kit/testing';
import { demoId, encodeCursor, polishCompare, searchSql, warsawToday } from '@ngo-hub/kit';
import { fundingSubgraph } from '../src/subgraph.js';
import { callListQuery, CallRepository } from '../src/modules/call/call.repository.js';
import { grantListQuery, GrantRepository, type GrantCriteria } from '../src/modules/grant/grant.repository.js';
import { GrantSort } from '../src/modules/grant/grant.type.js';

let db: TestDatabase;
let service: TestSubgraph;

beforeAll(async () => {
  db = await createTestDatabase('funding_search');
  service = await startTestSubgraph(fundingSubgraph, db.url);
});

afterAll(async () => {
  await service?.close();
  await db?.drop();
});

const OGARNIJ = demoId('funder', 'fundacja-ogarnij-emocje');
const BIALYSTOK = demoId('funder', 'miasto-bialystok');

interface Node {
  id: string;
  title: string;
  startsOn: string | null;
  amountAwarded: { amount: string } | null;
}

const GRANTS = `query($filter: GrantFilter, $sort: GrantSort, $first: Int, $after: String) {
  grants(filter: $filter, sort: $sort, first: $first, after: $after) {
    totalCount edges { cursor node { id title startsOn amountAwarded { amount } } } pageInfo { hasNextPage endCursor } } }`;

async function createGrant(input: Record<string, unknown>): Promise<Node> {
  const recipientId = (input.recipientId as string | undefined) ?? randomUUID();
  // Each recipient exists as far as funding knows: organisations would have published it.
  await announce(service, 'organisation', [recipientId]);
  const result = await service.query(
    `mutation($input: CreateGrantInput!) { createGrant(input: $input) { id title startsOn amountAwarded { amount } } }`,
    { input: { formOfSupport: 'GRANT', funderId: OGARNIJ, ...input, recipientId } },
    { admin: true },
  );
  expect(result.errors).toBeUndefined();
  return result.data.createGrant;
}

/** Grants given as [title, startsOn, amount in PLN], all for one new recipient so each test sees only its own. */
async function grantSet(
  rows: [string, string | null, string | null][],
  recipient = randomUUID(),
): Promise<{ recipient: string; grants: Node[] }> {
  const grants: Node[] = [];
  for (const [title, startsOn, amount] of rows) {
    grants.push(
      await createGrant({
        title,
        startsOn,
        recipientId: recipient,
        amountAwarded: amount ? { amount, currency: 'PLN' } : null,
      }),
    );
  }
  return { recipient, grants };
}

async function grantPage(variables: Record<string, unknown>) {
  const result = await service.query(GRANTS, variables);
  expect(result.errors).toBeUndefined();
  return result.data.grants as {
    totalCount: number;
    edges: { cursor: string; node: Node }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/** Follows `endCursor` page by page from `after`, returning every node. */
async function restOf(variables: Record<string, unknown>, after: string | null, first = 2): Promise<Node[]> {
  const nodes: Node[] = [];
  let cursor = after;
  for (let guard = 0; guard < 100; guard += 1) {
    const page = await grantPage({ ...variables, first, after: cursor });
    nodes.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) return nodes;
    cursor = page.pageInfo.endCursor;
  }
  throw new Error('paging did not end');
}

const titlesOf = (nodes: Node[]) => nodes.map((n) => n.title);

/** Independent statement of "key, nulls last, then id": what each sort promises. */
function byKeyThenId<T>(key: (n: Node) => T | null, compare: (a: T, b: T) => number) {
  return (a: Node, b: Node): number => {
    const ka = key(a);
    const kb = key(b);
    if (ka !== null && kb !== null && compare(ka, kb) !== 0) return compare(ka, kb);
    if ((ka === null) !== (kb === null)) return ka === null ? 1 : -1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}
const cents = (n: Node) => (n.amountAwarded ? BigInt(n.amountAwarded.amount.replace('.', '')) : null);
const EXPECTED_ORDER: Record<Exclude<GrantSort, GrantSort.RELEVANCE>, (a: Node, b: Node) => number> = {
  NEWEST: byKeyThenId(
    (n) => n.startsOn,
    (a, b) => b.localeCompare(a),
  ),
  OLDEST: byKeyThenId(
    (n) => n.startsOn,
    (a, b) => a.localeCompare(b),
  ),
  AMOUNT_DESC: byKeyThenId(cents, (a, b) => (a > b ? -1 : a < b ? 1 : 0)),
  TITLE: byKeyThenId((n) => n.title, polishCompare),
};

describe('search that understands Polish', () => {
  let recipient: string;
  beforeAll(async () => {
    ({ recipient } = await grantSet([
      ['Klub Myśli Społecznej', '2024-01-01', null],
      ['Rewitalizacja parku w Żyrardowie', '2024-02-01', null],
      ['Łąki kwietne nad Bugiem', '2024-03-01', null],
      ['Biblioteki gminne', '2025-06-01', null],
      ['Biblioteka sąsiedzka', '2023-01-01', null],
      ['Nowa biblioteka', '2022-01-01', null],
      ['Kino plenerowe', '2024-04-01', null],
    ]));
  });
  const search = async (text: string, sort?: GrantSort) =>
    titlesOf((await grantPage({ filter: { recipient, search: text }, sort, first: 50 })).edges.map((e) => e.node));

  it('ignores case and diacritics, ł as l included', async () => {
    expect(await search('spolecznej')).toEqual(['Klub Myśli Społecznej']);
    expect(await search('ZYRARDOWIE')).toEqual(['Rewitalizacja parku w Żyrardowie']);
    expect(await search('laki kwietne')).toEqual(['Łąki kwietne nad Bugiem']);
    expect(await search('ŁĄKI')).toEqual(['Łąki kwietne nad Bugiem']);
    expect(await search('teatr')).toEqual([]);
  });

  it('tolerates a typo', async () => {
    expect(await search('spoleczej')).toEqual(['Klub Myśli Społecznej']);
    expect(await search('plenerowee')).toEqual(['Kino plenerowe']);
  });

  it('ranks titles containing the words first, near matches after, by default when searching', async () => {
    // "Biblioteki gminne" is the newest but only a near match of "biblioteka".
    expect(await search('biblioteka')).toEqual(['Biblioteka sąsiedzka', 'Nowa biblioteka', 'Biblioteki gminne']);
    expect(await search('biblioteka', GrantSort.RELEVANCE)).toEqual([
      'Biblioteka sąsiedzka',
      'Nowa biblioteka',
      'Biblioteki gminne',
    ]);
    // An explicit sort wins over relevance; the search still filters.
    expect(await search('biblioteka', GrantSort.NEWEST)).toEqual([
      'Biblioteki gminne',
      'Biblioteka sąsiedzka',
      'Nowa biblioteka',
    ]);
  });

  it('pages a relevance order with cursors, without repeats or gaps', async () => {
    const all = await search('biblioteka');
    expect(titlesOf(await restOf({ filter: { recipient, search: 'biblioteka' } }, null, 1))).toEqual(all);
  });

  it('treats % and _ literally', async () => {
    expect(await search('%')).toEqual([]);
    expect(await search('_')).toEqual([]);
  });
});

describe('sort', () => {
  let nodes: Node[];
  let recipient: string;
  beforeAll(async () => {
    // Amounts chosen so text order (9.99 > 10.00) and float rounding would both give a wrong order.
    ({ recipient, grants: nodes } = await grantSet([
      ['Alfa', '2024-05-01', '9.99'],
      ['Beta', '2023-01-10', '10.00'],
      ['Gamma', null, '100.00'],
      ['Delta', '2025-02-02', null],
      ['Epsilon', '2024-05-01', '9999999999999.99'],
      ['Zeta', null, null],
      ['Eta', '2024-05-01', '9999999999999.98'],
    ]));
  });

  it.each(['NEWEST', 'OLDEST', 'AMOUNT_DESC', 'TITLE'] as const)(
    'orders by %s, in one page and across pages of 2',
    async (sort) => {
      const expected = titlesOf([...nodes].sort(EXPECTED_ORDER[sort]));
      const one = await grantPage({ filter: { recipient }, sort, first: 50 });
      expect(titlesOf(one.edges.map((e) => e.node))).toEqual(expected);
      expect(one.totalCount).toBe(7);
      expect(titlesOf(await restOf({ filter: { recipient }, sort }, null))).toEqual(expected);
    },
  );

  it('spells the amount order out: exact decimals, largest first, unknown amounts last', async () => {
    const page = await grantPage({ filter: { recipient }, sort: 'AMOUNT_DESC', first: 50 });
    expect(page.edges.map((e) => e.node.amountAwarded?.amount ?? null).slice(0, 5)).toEqual([
      '9999999999999.99',
      '9999999999999.98',
      '100.00',
      '10.00',
      '9.99',
    ]);
  });

  it('uses NEWEST by default without a search', async () => {
    const byDefault = await grantPage({ filter: { recipient }, first: 50 });
    expect(titlesOf(byDefault.edges.map((e) => e.node))).toEqual(titlesOf([...nodes].sort(EXPECTED_ORDER.NEWEST)));
  });

  it('orders titles in Polish: Ł after L, Ż and Ź after Z, Ć after C, Ś after S, case ignored', async () => {
    const titles = [
      'Łąka',
      'lody',
      'Lato',
      'Mosty',
      'Żagle',
      'Zamek',
      'Źródło',
      'Ćwiczenia',
      'Cisza',
      'Czytelnia',
      'Świetlica',
      'Sala',
      'Szkoła',
      'Tęcza',
      'łódka',
      'Dom',
      'Ogród',
      'Ósemka',
      'Osiedle',
    ];
    const set = await grantSet(titles.map((t) => [t, null, null]));
    const sorted = titlesOf(
      (await grantPage({ filter: { recipient: set.recipient }, sort: 'TITLE', first: 50 })).edges.map((e) => e.node),
    );
    expect(sorted).toEqual([...titles].sort(polishCompare));
    expect(sorted.indexOf('Łąka')).toBeGreaterThan(sorted.indexOf('lody'));
    expect(sorted.slice(-3)).toEqual(['Zamek', 'Źródło', 'Żagle']);
  });

  it('refuses a cursor of another sort, and a forged one, on `after`', async () => {
    const newest = await grantPage({ filter: { recipient }, sort: 'NEWEST', first: 2 });
    const cases = [
      { sort: 'TITLE', after: newest.pageInfo.endCursor },
      { sort: 'OLDEST', after: newest.pageInfo.endCursor },
      { sort: 'NEWEST', after: encodeCursor(['NEWEST', '2021-02-30', nodes[0]!.id]) },
      { sort: 'AMOUNT_DESC', after: encodeCursor(['AMOUNT_DESC', '1e400', nodes[0]!.id]) },
      { sort: 'NEWEST', after: encodeCursor(['NEWEST', '2021-02-01', 'not-a-uuid']) },
    ];
    for (const variables of cases) {
      const result = await service.query(GRANTS, { filter: { recipient }, first: 2, ...variables });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
  });
});

describe('keyset paging while rows are inserted between pages', () => {
  // For each sort: rows inserted before the cursor must not appear, rows after it must, originals exactly once.
  const cases: {
    sort: GrantSort;
    search?: string;
    before: [string, string | null, string | null];
    after: [string, string | null, string | null];
  }[] = [
    { sort: GrantSort.NEWEST, before: ['Projekt nowy', '2099-01-01', null], after: ['Projekt bez daty', null, null] },
    { sort: GrantSort.OLDEST, before: ['Projekt dawny', '1990-01-01', null], after: ['Projekt bez daty', null, null] },
    {
      sort: GrantSort.AMOUNT_DESC,
      before: ['Projekt drogi', null, '999999999999999.99'],
      after: ['Projekt bez kwoty', null, null],
    },
    { sort: GrantSort.TITLE, before: ['Aaa projekt', null, null], after: ['Żywy projekt', null, null] },
    {
      sort: GrantSort.RELEVANCE,
      search: 'projekt',
      before: ['Projekt przyszły', '2099-01-01', null],
      after: ['Projekt bez daty', null, null],
    },
  ];

  it.each(cases)('$sort', async ({ sort, search, before, after }) => {
    const set = await grantSet([
      ['Projekt pierwszy', '2020-01-01', '10.00'],
      ['Projekt drugi', '2020-02-01', '20.00'],
      ['Projekt trzeci', '2020-03-01', '30.00'],
      ['Projekt czwarty', '2020-04-01', '40.00'],
      ['Projekt piąty', '2020-05-01', '50.00'],
    ]);
    const variables = { filter: { recipient: set.recipient, search }, sort };
    const first = await grantPage({ ...variables, first: 2 });
    const inserted = await grantSet([before, after], set.recipient);
    const rest = await restOf(variables, first.pageInfo.endCursor);
    const seen = [...first.edges.map((e) => e.node.id), ...rest.map((n) => n.id)];
    for (const grant of set.grants) expect(seen.filter((id) => id === grant.id)).toHaveLength(1);
    expect(seen).toContain(inserted.grants[1]!.id);
    expect(seen).not.toContain(inserted.grants[0]!.id);
    expect(seen).toHaveLength(6);
  });
});

describe('Territory.grants', () => {
  const CODES = [
    '14',
    '1465',
    '1465011',
    '1465058',
    '1433',
    '1433042',
    '20',
    '2061',
    '2061011',
    '1418',
    '1418043',
    '02',
    '0201',
    '1408',
    '1434',
    '1435',
    '1411',
    '1415',
    '1419',
    '1425',
  ];

  beforeAll(async () => {
    const at: [string, string[], string | null][] = [
      ['Mokotów sąsiedzki', ['1465058'], '2024-01-01'],
      ['Liw i okolice', ['1433042'], '2023-01-01'],
      ['Mazowsze razem', ['14'], null],
      ['Piaseczno miasto', ['1418044'], '2022-05-05'],
      ['Białystok i Mokotów', ['2061011', '1465058'], '2021-01-01'],
      ['Projekt w powiecie węgrowskim', ['1433'], '2020-01-01'],
    ];
    for (const [title, beneficiaryTerritories, startsOn] of at)
      await createGrant({ title, beneficiaryTerritories, startsOn });
  });

  const ENTITIES = `query($r: [_Any!]!, $filter: GrantFilter, $sort: GrantSort, $first: Int, $after: String) {
    _entities(representations: $r) { ... on Territory { code grants(filter: $filter, sort: $sort, first: $first, after: $after) {
      totalCount edges { cursor node { id title funder { name } beneficiaryTerritories { code } } } pageInfo { hasNextPage endCursor } } } } }`;
  const reps = (codes: string[]) => codes.map((code) => ({ __typename: 'Territory', code }));

  const ROOT = `query($filter: GrantFilter, $sort: GrantSort, $first: Int) { grants(filter: $filter, sort: $sort, first: $first) {
    totalCount edges { cursor node { id title funder { name } beneficiaryTerritories { code } } } pageInfo { hasNextPage endCursor } } }`;

  it.each([
    { name: 'default order', args: {} },
    { name: 'by title, one page of 2', args: { sort: 'TITLE', first: 2 } },
    { name: 'by amount', args: { sort: 'AMOUNT_DESC' } },
    { name: 'a search with relevance', args: { filter: { search: 'mokotow' } } },
  ])('gives, for each territory, what the root list filtered by it gives ($name)', async ({ args }) => {
    const result = await service.query(ENTITIES, { r: reps(CODES), ...args });
    expect(result.errors).toBeUndefined();
    for (const [i, code] of CODES.entries()) {
      const root = await service.query(ROOT, { ...args, filter: { ...(args as any).filter, territory: code } });
      expect(root.errors).toBeUndefined();
      expect(result.data._entities[i]).toEqual({ code, grants: root.data.grants });
    }
    expect(result.data._entities.filter((e: any) => e.grants.edges.length > 0).length).toBeGreaterThan(3);
  });

  it('applies a territory filter on top of the parent territory: both must hold', async () => {
    const result = await service.query(ENTITIES, { r: reps(['14', '1465058', '1433']), filter: { territory: '2061' } });
    expect(result.errors).toBeUndefined();
    expect(result.data._entities.map((e: any) => e.grants.edges.map((x: any) => x.node.title))).toEqual([
      ['Białystok i Mokotów'],
      ['Białystok i Mokotów'],
      [],
    ]);
  });

  it('finds grants under a territory through its parts: Warsaw districts, parts of an urban-rural gmina, a voivodeship', async () => {
    const titles = async (code: string) => {
      const result = await service.query(ENTITIES, { r: reps([code]), sort: 'TITLE' });
      expect(result.errors).toBeUndefined();
      return result.data._entities[0].grants.edges.map((e: any) => e.node.title);
    };
    expect(await titles('1465011')).toEqual(['Białystok i Mokotów', 'Mokotów sąsiedzki']);
    expect(await titles('1418043')).toEqual(['Piaseczno miasto']);
    expect(await titles('2061')).toEqual(['Białystok i Mokotów']);
    expect(await titles('1433')).toEqual([
      'Centrum wsparcia aktywności społecznej',
      'Liw i okolice',
      'Projekt w powiecie węgrowskim',
    ]);
  });

  it('costs the same statements for 2 or 20 territories, totalCount and relations included', async () => {
    const two = await service.query(ENTITIES, { r: reps(CODES.slice(0, 2)), first: 3 });
    const twenty = await service.query(ENTITIES, { r: reps(CODES), first: 3 });
    expect(two.errors).toBeUndefined();
    expect(twenty.errors).toBeUndefined();
    expect(twenty.data._entities.filter((e: any) => e.grants.edges.length > 0).length).toBeGreaterThan(5);
    expect(two.sqlStatements).toBeGreaterThan(0);
    expect(twenty.sqlStatements).toBe(two.sqlStatements);
    const bigPage = await service.query(ENTITIES, { r: reps(CODES), first: 100 });
    expect(bigPage.sqlStatements).toBe(two.sqlStatements);
  });

  it('pages one territory with its cursors', async () => {
    const ids: string[] = [];
    let after: string | null = null;
    do {
      const result: any = await service.query(ENTITIES, { r: reps(['14']), first: 2, after });
      expect(result.errors).toBeUndefined();
      const grants = result.data._entities[0].grants;
      ids.push(...grants.edges.map((e: any) => e.node.id));
      after = grants.pageInfo.hasNextPage ? grants.pageInfo.endCursor : null;
    } while (after);
    const root = await service.query(
      `{ grants(filter: { territory: "14" }, first: 100) { totalCount edges { node { id } } } }`,
    );
    expect(ids).toEqual(root.data.grants.edges.map((e: any) => e.node.id));
    expect(ids.length).toBe(root.data.grants.totalCount);
  });

  it('gives an empty connection for a code not in the register (it came from federation)', async () => {
    const result = await service.query(ENTITIES, { r: reps(['99', 'abc', '1465058']) });
    expect(result.errors).toBeUndefined();
    expect(result.data._entities.map((e: any) => e.grants.totalCount)).toEqual([0, 0, 2]);
    expect(result.data._entities[0].grants.edges).toEqual([]);
  });

  it('refuses a 10,000-character search, first over 100 and a foreign cursor, like the root list', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ filter: { search: 'a'.repeat(10_000) } }, 'filter.search'],
      [{ first: 1000 }, 'first'],
      [{ filter: { territory: '14x' } }, 'filter.territory'],
      [{ sort: 'TITLE', after: encodeCursor(['NEWEST', null, randomUUID()]) }, 'after'],
    ];
    for (const [variables, field] of cases) {
      const nested = await service.query(ENTITIES, { r: reps(['14']), ...variables });
      expect(nested.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      const root = await service.query(GRANTS, variables);
      expect(root.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });
});

describe('calls: search, sort and Territory.calls', () => {
  const shift = (days: number) => {
    const [y, m, d] = warsawToday().split('-').map(Number);
    return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
  };
  const CALLS = `query($filter: CallFilter, $sort: CallSort, $first: Int, $after: String) { calls(filter: $filter, sort: $sort, first: $first, after: $after) {
    totalCount edges { cursor node { title opensOn closesOn } } pageInfo { hasNextPage endCursor } } }`;
  const callTitles = async (variables: Record<string, unknown>) => {
    const result = await service.query(CALLS, variables);
    expect(result.errors).toBeUndefined();
    return result.data.calls.edges.map((e: any) => e.node.title);
  };

  beforeAll(async () => {
    const calls = [
      {
        title: 'Konkurs na świetlice wiejskie',
        opensOn: shift(-30),
        closesOn: shift(10),
        eligibleTerritories: ['1433042'],
      },
      { title: 'Nabór: Łódki i żagle', opensOn: shift(-5), closesOn: shift(3), eligibleTerritories: ['14'] },
      { title: 'Świetlica środowiskowa', opensOn: shift(-1), closesOn: null, eligibleTerritories: ['2061011'] },
      {
        title: 'Konkurs sportowy',
        opensOn: shift(-60),
        closesOn: shift(20),
        eligibleTerritories: ['1465058', '2061011'],
      },
    ];
    for (const call of calls) {
      const result = await service.query(
        `mutation($input: CreateCallInput!) { createCall(input: $input) { id } }`,
        { input: { funderId: BIALYSTOK, ...call } },
        { admin: true },
      );
      expect(result.errors).toBeUndefined();
    }
  });

  it('searches titles ignoring diacritics, tolerating a typo, exact matches first', async () => {
    expect(await callTitles({ filter: { search: 'lodki' } })).toEqual(['Nabór: Łódki i żagle']);
    expect(await callTitles({ filter: { search: 'sportowyy' } })).toEqual(['Konkurs sportowy']);
    // "świetlice" contains "swietlic"; "Świetlica" too; both rank 1, then by deadline, open-ended last.
    expect(await callTitles({ filter: { search: 'SWIETLIC' } })).toEqual([
      'Konkurs na świetlice wiejskie',
      'Świetlica środowiskowa',
    ]);
  });

  it('sorts by deadline by default and by opening date with NEWEST, across pages', async () => {
    expect(await callTitles({})).toEqual([
      'Nabór: Łódki i żagle',
      'Konkurs na świetlice wiejskie',
      'Konkurs sportowy',
      'Świetlica środowiskowa',
    ]);
    const newest = [
      'Świetlica środowiskowa',
      'Nabór: Łódki i żagle',
      'Konkurs na świetlice wiejskie',
      'Konkurs sportowy',
    ];
    expect(await callTitles({ sort: 'NEWEST' })).toEqual(newest);
    const paged: string[] = [];
    let after: string | null = null;
    do {
      const result: any = await service.query(CALLS, { sort: 'NEWEST', first: 1, after });
      paged.push(...result.data.calls.edges.map((e: any) => e.node.title));
      after = result.data.calls.pageInfo.hasNextPage ? result.data.calls.pageInfo.endCursor : null;
    } while (after);
    expect(paged).toEqual(newest);
    const closing = await service.query(CALLS, { first: 1 });
    const wrong = await service.query(CALLS, { sort: 'NEWEST', after: closing.data.calls.pageInfo.endCursor });
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('refuses a 10,000-character search', async () => {
    const result = await service.query(CALLS, { filter: { search: 'x'.repeat(10_000) } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.search' });
  });

  const TERRITORY_CALLS = `query($r: [_Any!]!, $sort: CallSort, $filter: CallFilter) { _entities(representations: $r) { ... on Territory {
    calls(sort: $sort, filter: $filter) { totalCount edges { cursor node { title opensOn closesOn } } pageInfo { hasNextPage endCursor } } } } }`;
  const CODES = [
    '14',
    '1433',
    '1433042',
    '1465',
    '1465011',
    '1465058',
    '20',
    '2061',
    '2061011',
    '02',
    '0201',
    '1408',
    '1434',
    '1435',
    '1411',
    '1415',
    '1419',
    '1425',
    '1418',
    '1418043',
  ];

  it.each([{ sort: undefined }, { sort: 'NEWEST' }, { filter: { search: 'swietlica' } }])(
    'lists the calls open to each territory, as the root list filtered by it (%o)',
    async (args) => {
      const result = await service.query(TERRITORY_CALLS, {
        r: CODES.map((code) => ({ __typename: 'Territory', code })),
        ...args,
      });
      expect(result.errors).toBeUndefined();
      for (const [i, code] of CODES.entries()) {
        const root = await service.query(CALLS, { ...args, filter: { ...(args as any).filter, territory: code } });
        expect(result.data._entities[i].calls).toEqual(root.data.calls);
      }
      const two = await service.query(TERRITORY_CALLS, {
        r: CODES.slice(0, 2).map((code) => ({ __typename: 'Territory', code })),
        ...args,
      });
      expect(result.sqlStatements).toBeGreaterThan(0);
      expect(two.sqlStatements).toBe(result.sqlStatements);
    },
  );
});

describe('indexes', () => {
  /** The statement a repository sends, captured instead of run. */
  function capture(): { em: any; sent: { sql: string; params: unknown[] }[] } {
    const sent: { sql: string; params: unknown[] }[] = [];
    return {
      sent,
      em: {
        execute: async (sql: string, params: unknown[]) => {
          sent.push({ sql, params });
          return [];
        },
        map: (_: unknown, r: unknown) => r,
      },
    };
  }
  async function plan(statement: { sql: string; params: unknown[] }): Promise<string> {
    return service.orm.em.fork().transactional(async (tx) => {
      await tx.execute('set local enable_seqscan = off');
      const rows = await tx.execute(`explain ${statement.sql}`, statement.params);
      return rows.map((r: any) => r['QUERY PLAN']).join('\n');
    });
  }
  const criteria = (search: string | null): GrantCriteria => ({
    search,
    funderId: null,
    programmeId: null,
    year: null,
    recipientId: null,
    territoryPrefixes: null,
    minAmount: null,
    maxAmount: null,
  });

  it('answers a grant search from the trigram index and the title order from the Polish key index', async () => {
    const { em, sent } = capture();
    const repo = new GrantRepository(em);
    await repo.list(grantListQuery(criteria('spoleczne'), null, { first: 20, after: null }), (g) => g);
    await repo.list(grantListQuery(criteria(null), GrantSort.TITLE, { first: 20, after: null }), (g) => g);
    expect(await plan(sent[0]!)).toContain('grant_award_title_search_idx');
    expect(await plan(sent[1]!)).toContain('grant_award_title_key_idx');
  });

  it('answers a call search from the trigram index', async () => {
    const { em, sent } = capture();
    await new CallRepository(em).list(
      callListQuery(
        {
          today: warsawToday(),
          search: 'konkurs',
          open: null,
          closingWithinDays: null,
          funderId: null,
          territoryPrefixes: null,
        },
        null,
        { first: 20, after: null },
      ),
      (c) => c,
    );
    expect(await plan(sent[0]!)).toContain('call_title_search_idx');
    // Kit's search SQL over the same expression is what the repository sent.
    expect(sent[0]!.sql).toContain(searchSql('funding', 'funding.f_search_text(c.title)', 'konkurs').where);
  });
});

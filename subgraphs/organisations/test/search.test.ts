import { createTestDatabase, startTestSubgraph, type TestDatabase, type TestSubgraph } from '@ngo-hub/kit/testing';
import { polishCompare } from '@ngo-hub/kit';
import { organisationsSubgraph } from '../src/subgraph.js';

let db: TestDatabase;
let service: TestSubgraph;

const CREATE = `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id name } }`;

interface NewOrganisation {
  name: string;
  sector?: string;
  legalForm?: string;
  publicBenefit?: boolean;
  territory?: string;
  areasOfActivity?: string[];
}

async function create(org: NewOrganisation): Promise<string> {
  const result = await service.query(
    CREATE,
    { input: { sector: 'NGO', legalForm: 'STOWARZYSZENIE', ...org } },
    { admin: true },
  );
  expect(result.errors).toBeUndefined();
  return result.data.createOrganisation.id;
}

beforeAll(async () => {
  db = await createTestDatabase('organisations_search');
  service = await startTestSubgraph(organisationsSubgraph, db.url);
  // Seats and statuses that differ only in one filter each, so every filter visibly removes rows.
  await create({
    name: 'Fundacja Pożytku Liwskiego',
    legalForm: 'FUNDACJA',
    publicBenefit: true,
    territory: '1433042',
    areasOfActivity: ['kultura'],
  });
  await create({
    name: 'Fundacja Rozwoju Liwu',
    legalForm: 'FUNDACJA',
    publicBenefit: false,
    territory: '1433042',
    areasOfActivity: ['kultura'],
  });
  await create({
    name: 'Fundacja Kultury Białostockiej',
    legalForm: 'FUNDACJA',
    publicBenefit: true,
    territory: '2061011',
    areasOfActivity: ['kultura'],
  });
  await create({
    name: 'Fundacja Sportu Liwskiego',
    legalForm: 'FUNDACJA',
    publicBenefit: true,
    territory: '1433042',
    areasOfActivity: ['sport'],
  });
  await create({
    name: 'Urząd Testowy Liw',
    sector: 'PUBLIC',
    legalForm: 'JEDNOSTKA_SAMORZADU_TERYTORIALNEGO',
    territory: '1433042',
  });
  await create({ name: 'Akademia Mazurka' });
  await create({ name: 'Zespół Mazurek' });
});

afterAll(async () => {
  await service?.close();
  await db?.drop();
});

const LIST = `query($filter: OrganisationFilter, $sort: OrganisationSort, $first: Int, $after: String) {
  organisations(filter: $filter, sort: $sort, first: $first, after: $after) {
    totalCount
    edges { cursor node { id name sector legalForm publicBenefit areasOfActivity createdAt territory { code } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

async function list(variables: Record<string, unknown>): Promise<any> {
  const result = await service.query(LIST, variables);
  expect(result.errors).toBeUndefined();
  return result.data.organisations;
}

const names = (connection: any): string[] => connection.edges.map((e: any) => e.node.name);

/** Every page of a list, following `endCursor`, `size` at a time. */
async function allPages(variables: Record<string, unknown>, size: number, start: string | null = null): Promise<any[]> {
  const nodes: any[] = [];
  let after: string | null = start;
  do {
    const page: any = await list({ ...variables, first: size, after });
    nodes.push(...page.edges.map((e: any) => e.node));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return nodes;
}

describe('search', () => {
  it('ignores case and Polish diacritics, ł included', async () => {
    expect(names(await list({ filter: { search: 'spolecznej' } }))).toEqual(['Klub Myśli Społecznej Inicjatywy']);
    expect(names(await list({ filter: { search: 'zyrardow' } }))).toEqual(['Urząd Miasta Żyrardowa']);
    expect(names(await list({ filter: { search: 'BIAŁOSTOCKIEJ' } }))).toEqual(['Fundacja Kultury Białostockiej']);
    expect(names(await list({ filter: { search: 'bialostockiej' } }))).toEqual(['Fundacja Kultury Białostockiej']);
  });

  it('tolerates a typo', async () => {
    expect(names(await list({ filter: { search: 'Colegium' } }))).toEqual(['Collegium Civitas']);
    expect(names(await list({ filter: { search: 'inicjatwy' } }))).toEqual(['Klub Myśli Społecznej Inicjatywy']);
    expect((await list({ filter: { search: 'qxzqxz' } })).totalCount).toBe(0);
  });

  it('ranks an exact substring before a near match, whatever the names', async () => {
    const byRelevance = await list({ filter: { search: 'mazurek' } });
    expect(names(byRelevance)).toEqual(['Zespół Mazurek', 'Akademia Mazurka']);
    expect(names(await list({ filter: { search: 'mazurek' }, sort: 'NAME' }))).toEqual([
      'Akademia Mazurka',
      'Zespół Mazurek',
    ]);
  });

  it('refuses a 10,000-character search with a coded error, on the root list and on a territory', async () => {
    const long = 'a'.repeat(10_000);
    const root = await service.query(LIST, { filter: { search: long } });
    expect(root.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.search' });
    const nested = await service.query(
      'query($s: String) { territory(code: "14") { organisations(filter: { search: $s }) { totalCount } } }',
      { s: long },
    );
    expect(nested.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.search' });
  });
});

describe('sort', () => {
  const ORDER_AREA = 'test porządku nazw';
  const ordered = [
    'Cyranka',
    'Ćma',
    'Dąb',
    'Lutnia',
    'Łabędź',
    'Mazur',
    'Sowa',
    'Śliwa',
    'Tęcza',
    'Zorza',
    'Źródło',
    'Żaba',
  ];

  beforeAll(async () => {
    for (const name of [
      'Żaba',
      'Łabędź',
      'Ćma',
      'Śliwa',
      'Źródło',
      'Lutnia',
      'Zorza',
      'Cyranka',
      'Sowa',
      'Dąb',
      'Tęcza',
      'Mazur',
    ]) {
      await create({ name, areasOfActivity: [ORDER_AREA] });
    }
  });

  it('orders names by the Polish alphabet (Ł after L, Ż last), as Intl does for Polish', async () => {
    const page = await list({ filter: { areaOfActivity: ORDER_AREA }, sort: 'NAME' });
    expect(names(page)).toEqual(ordered);
    expect([...ordered].sort(polishCompare)).toEqual(ordered);
    // Without search the default is NAME, and RELEVANCE without search falls back to it.
    expect(names(await list({ filter: { areaOfActivity: ORDER_AREA } }))).toEqual(ordered);
    expect(names(await list({ filter: { areaOfActivity: ORDER_AREA }, sort: 'RELEVANCE' }))).toEqual(ordered);
  });

  it('orders the whole directory by Polish name order', async () => {
    const all = names(await list({ first: 100 }));
    expect(all.length).toBeGreaterThan(30);
    expect(all).toEqual([...all].sort(polishCompare));
  });

  it('orders NEWEST by the time of creation, most recent first', async () => {
    const area = 'test najnowszych';
    const created: string[] = [];
    for (const name of ['Pierwsza', 'Druga', 'Trzecia']) {
      await create({ name, areasOfActivity: [area] });
      created.push(name);
    }
    const page = await list({ filter: { areaOfActivity: area }, sort: 'NEWEST' });
    expect(names(page)).toEqual([...created].reverse());
    const times = page.edges.map((e: any) => Date.parse(e.node.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it.each([
    ['NAME', { filter: { search: 'urzad' } }],
    ['NEWEST', { filter: { search: 'urzad' } }],
    ['RELEVANCE', { filter: { search: 'fundacja' } }],
    ['RELEVANCE', { filter: { search: 'urzad miasta' } }],
  ])('pages %s order with cursors exactly as one big page (%j)', async (sort, variables) => {
    const whole = await list({ ...variables, sort, first: 100 });
    expect(whole.edges.length).toBeGreaterThan(3);
    const paged = await allPages({ ...variables, sort }, 2);
    expect(paged.map((n) => n.id)).toEqual(whole.edges.map((e: any) => e.node.id));
  });

  it('ranks near matches below exact ones across pages', async () => {
    // "urzad miasta" is a substring of some names; others only come close (word similarity).
    const nodes = await allPages({ filter: { search: 'urzad miasta' } }, 2);
    const exact = nodes.map((n) =>
      n.name.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').includes('urzad miasta'),
    );
    expect(exact).toContain(true);
    expect(exact).toContain(false);
    expect(exact).toEqual([...exact].sort((a, b) => Number(b) - Number(a)));
  });

  it('refuses a cursor of another sort or a made-up one on `after`', async () => {
    const byName = await list({ first: 2, sort: 'NAME' });
    const wrong = await service.query(LIST, { first: 2, sort: 'NEWEST', after: byName.pageInfo.endCursor });
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const fake = Buffer.from(JSON.stringify(['NAME', 'x', 'not-a-uuid'])).toString('base64url');
    const made = await service.query(LIST, { first: 2, after: fake });
    expect(made.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const big = await service.query(LIST, { first: 1000 });
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

describe('paging while organisations are added', () => {
  it.each(['NAME', 'NEWEST'])('returns every original row exactly once in %s order', async (sort) => {
    const area = `test wstawiania ${sort}`;
    for (const name of ['Bocian', 'Dzięcioł', 'Kos', 'Łabędź', 'Puszczyk', 'Sikora', 'Wilga'])
      await create({ name, areasOfActivity: [area] });
    const filter = { areaOfActivity: area };
    const original = names(await list({ filter, sort, first: 100 }));
    const first = await list({ filter, sort, first: 3 });
    // One row sorting before the cursor (by name, and any new row is newest) and one after it.
    await create({ name: 'Albatros', areasOfActivity: [area] });
    await create({ name: 'Żuraw', areasOfActivity: [area] });
    const rest = await allPages({ filter, sort }, 2, first.pageInfo.endCursor);
    const restNames = rest.map((n) => n.name);
    const seen = [...names(first), ...restNames];
    for (const name of original) expect(seen.filter((n) => n === name)).toHaveLength(1);
    expect(restNames).not.toContain('Albatros');
    if (sort === 'NAME') expect(restNames.at(-1)).toBe('Żuraw');
    else expect(restNames).not.toContain('Żuraw');
  });
});

describe('filters with search and sort', () => {
  const inMazowsze = (n: any) => n.territory?.code.startsWith('14') ?? false;

  it.each([
    [{ search: 'fundacja', publicBenefit: true }, (n: any) => n.publicBenefit],
    [{ search: 'fundacja', publicBenefit: false }, (n: any) => !n.publicBenefit],
    [
      { search: 'fundacja', areaOfActivity: 'kultura', territory: '14' },
      (n: any) => n.areasOfActivity.includes('kultura') && inMazowsze(n),
    ],
    [{ search: 'urzad', sector: 'PUBLIC', territory: '14' }, (n: any) => n.sector === 'PUBLIC' && inMazowsze(n)],
    [
      { search: 'liw', legalForm: 'FUNDACJA', publicBenefit: true },
      (n: any) => n.legalForm === 'FUNDACJA' && n.publicBenefit,
    ],
  ])('%j keeps exactly the searched organisations that meet every filter, in each order', async (filter, holds) => {
    const searchOnly = (await list({ filter: { search: filter.search }, first: 100 })).edges.map((e: any) => e.node);
    const expected = searchOnly.filter(holds);
    // Each case must both keep and drop rows, or it would not test the combination.
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(searchOnly.length);

    const byRelevance = await list({ filter, first: 100 });
    expect(byRelevance.edges.map((e: any) => e.node.id)).toEqual(expected.map((n: any) => n.id));
    expect(byRelevance.totalCount).toBe(expected.length);

    const byName = await list({ filter, sort: 'NAME', first: 100 });
    expect(names(byName)).toEqual(expected.map((n: any) => n.name).sort(polishCompare));

    const newest = await list({ filter, sort: 'NEWEST', first: 100 });
    expect(new Set(names(newest))).toEqual(new Set(expected.map((n: any) => n.name)));
  });
});

describe('Territory.organisations', () => {
  const CODES = [
    '14',
    '1465011',
    '1465058',
    '1465108',
    '1465068',
    '1438011',
    '1428011',
    '1411073',
    '1425011',
    '1419122',
    '1433042',
    '1415083',
    '1415012',
    '1411042',
    '1418043',
    '20',
    '2061011',
    '1433',
    '1465',
    '02',
  ];
  const ENTITIES = `query($r: [_Any!]!, $filter: OrganisationFilter, $sort: OrganisationSort, $first: Int, $after: String) {
    _entities(representations: $r) { ... on Territory { code organisations(filter: $filter, sort: $sort, first: $first, after: $after) {
      totalCount edges { cursor node { id name } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    } } }
  }`;
  const ROOT = `query($filter: OrganisationFilter, $sort: OrganisationSort, $first: Int, $after: String) {
    organisations(filter: $filter, sort: $sort, first: $first, after: $after) {
      totalCount edges { cursor node { id name } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;
  const reps = (codes: string[]) => codes.map((code) => ({ __typename: 'Territory', code }));

  it.each([
    [{ first: 2 }],
    [{ first: 3, filter: { sector: 'PUBLIC' }, sort: 'NAME' }],
    [{ first: 2, filter: { search: 'urzad' } }],
    [{ first: 2, filter: { search: 'fundacja', publicBenefit: true }, sort: 'NEWEST' }],
  ])('gives each territory the root list filtered by it, for %j', async (args) => {
    const result = await service.query(ENTITIES, { r: reps(CODES), ...args });
    expect(result.errors).toBeUndefined();
    let nonEmpty = 0;
    for (const [i, code] of CODES.entries()) {
      const entity = result.data._entities[i];
      expect(entity.code).toBe(code);
      const root = await service.query(ROOT, { ...args, filter: { ...(args as any).filter, territory: code } });
      expect(entity.organisations).toEqual(root.data.organisations);
      if (root.data.organisations.totalCount > 0) nonEmpty += 1;
    }
    expect(nonEmpty).toBeGreaterThan(3);
  });

  it('continues from a cursor like the root list', async () => {
    const args = { first: 2, filter: { search: 'urzad' } };
    const firstPage = await service.query(ROOT, { ...args, filter: { ...args.filter, territory: '14' } });
    const after = firstPage.data.organisations.pageInfo.endCursor;
    const nested = await service.query(ENTITIES, { r: reps(['14']), ...args, after });
    const root = await service.query(ROOT, { ...args, after, filter: { ...args.filter, territory: '14' } });
    expect(nested.data._entities[0].organisations).toEqual(root.data.organisations);
    expect(root.data.organisations.edges).toHaveLength(2);
  });

  it('costs the same SQL statements for 2 or 20 territories', async () => {
    for (const args of [{ first: 5 }, { first: 5, filter: { search: 'urzad' } }]) {
      const two = await service.query(ENTITIES, { r: reps(CODES.slice(0, 2)), ...args });
      const twenty = await service.query(ENTITIES, { r: reps(CODES), ...args });
      expect(twenty.data._entities).toHaveLength(20);
      expect(twenty.sqlStatements).toBe(two.sqlStatements);
    }
    const small = await service.query(ENTITIES, { r: reps(CODES), first: 1 });
    const large = await service.query(ENTITIES, { r: reps(CODES), first: 100 });
    expect(large.sqlStatements).toBe(small.sqlStatements);
  });

  it('refuses a page over 100 and a malformed territory filter with coded errors', async () => {
    const big = await service.query(ENTITIES, { r: reps(['14']), first: 1000 });
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const bad = await service.query(ENTITIES, { r: reps(['14']), filter: { territory: '14x' } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.territory' });
  });
});

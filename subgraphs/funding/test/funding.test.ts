import {
  announce,
  createTestDatabase,
  DEMO_ORGANISATION_IDS,
  startTestSubgraph,
  type TestDatabase,
  type TestSubgraph,
} from '@ngo-hub/kit/testing';
import { demoId, demoOrganisationId, DEMO_ORGANISATIONS, warsawToday } from '@ngo-hub/kit';
import { fundingSubgraph } from '../src/subgraph.js';

let db: TestDatabase;
let service: TestSubgraph;

beforeAll(async () => {
  db = await createTestDatabase('funding');
  service = await startTestSubgraph(fundingSubgraph, db.url);
  // What organisations and partnerships would publish about the demo data they seed.
  await announce(service, 'organisation', DEMO_ORGANISATION_IDS);
  await announce(service, 'partnership', [demoId('partnership', 'liw')]);
});

afterAll(async () => {
  await service?.close();
  await db?.drop();
});

const funder = (key: string) => demoId('funder', key);
const org = demoOrganisationId;
const EOG = funder('mechanizm-finansowy-eog');
const NORWAY = funder('norweski-mechanizm-finansowy');
const MAZOWSZE = funder('wojewodztwo-mazowieckie');
const OGARNIJ = funder('fundacja-ogarnij-emocje');
const BIALYSTOK = funder('miasto-bialystok');

const GRANTS = `query($filter: GrantFilter, $first: Int, $after: String) {
  grants(filter: $filter, first: $first, after: $after) {
    totalCount
    edges { cursor node { id title startsOn amountAwarded { amount currency }
      funder { name } programme { name parent { name } } partners { id } recipient { id }
      fundingSources { funder { name } amount { amount } } beneficiaryTerritories { code } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const titles = (result: any): string[] => {
  expect(result.errors).toBeUndefined();
  return result.data.grants.edges.map((e: any) => e.node.title);
};

const CREATE_GRANT = `mutation($input: CreateGrantInput!) { createGrant(input: $input) {
  id title currency amountAwarded { amount currency } ownContribution { amount } totalBudget { amount currency }
  funder { name } fundingSources { funder { name } amount { amount currency } } beneficiaryTerritories { code }
} }`;

const createGrant = (input: Record<string, unknown>) =>
  service.query(
    CREATE_GRANT,
    { input: { formOfSupport: 'GRANT', recipientId: org('boris'), funderId: OGARNIJ, ...input } },
    { admin: true },
  );

/** Rows in every grant table, read directly: a refused mutation must leave all of them unchanged. */
async function grantRowCounts(): Promise<number[]> {
  const em = service.orm.em.fork();
  const tables = ['grant_award', 'grant_partner', 'grant_funding_source', 'grant_beneficiary_territory'];
  return Promise.all(
    tables.map(async (t) => Number((await em.execute(`select count(*)::int as n from funding.${t}`))[0]!.n)),
  );
}

describe('demo data from the seed documents', () => {
  it('records "Razem dla Regionu" with its partners, programme and both mechanisms, without invented amounts', async () => {
    const result = await service.query(
      `query($id: ID!) { grant(id: $id) {
      title formOfSupport startsOn endsOn agreementNumber amountAwarded { amount } currency
      recipient { id } partners { id } funder { name kind }
      programme { name parent { name } funder { name } }
      fundingSources { funder { name kind } amount { amount } } beneficiaryTerritories { code } } }`,
      { id: demoId('grant', 'razem-dla-regionu') },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.grant).toEqual({
      title: 'Razem dla Regionu',
      formOfSupport: 'GRANT',
      startsOn: null,
      endsOn: null,
      agreementNumber: null,
      amountAwarded: null,
      currency: null,
      recipient: { id: org('klub-mysli-spolecznej-inicjatywy') },
      partners: [{ id: org('collegium-civitas') }, { id: org('technologie-netzwerk-berlin') }],
      funder: { name: 'Mechanizm Finansowy Europejskiego Obszaru Gospodarczego', kind: 'FOREIGN_MECHANISM' },
      programme: {
        name: 'Fundusz dla Organizacji Pozarządowych',
        parent: { name: 'Mechanizm Finansowy EOG i Norweski Mechanizm Finansowy' },
        funder: { name: 'Mechanizm Finansowy Europejskiego Obszaru Gospodarczego' },
      },
      fundingSources: [
        {
          funder: { name: 'Mechanizm Finansowy Europejskiego Obszaru Gospodarczego', kind: 'FOREIGN_MECHANISM' },
          amount: null,
        },
        { funder: { name: 'Norweski Mechanizm Finansowy', kind: 'FOREIGN_MECHANISM' }, amount: null },
      ],
      beneficiaryTerritories: [{ code: '20' }],
    });
  });

  it('records the Mazowsze public task with its agreement, dates, form of support and co-financing', async () => {
    const result = await service.query(
      `query($id: ID!) { grant(id: $id) {
      title agreementNumber agreementSignedOn startsOn endsOn formOfSupport recipient { id } amountAwarded { amount }
      funder { name organisation { id } } fundingSources { funder { name } amount { amount } } beneficiaryTerritories { code } } }`,
      { id: demoId('grant', 'centrum-wsparcia-aktywnosci-spolecznej') },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.grant).toEqual({
      title: 'Centrum wsparcia aktywności społecznej',
      agreementNumber: 'W/UMWM-UU.UM/OR/4151/2021',
      agreementSignedOn: '2021-07-20',
      startsOn: '2021-06-07',
      endsOn: '2021-12-31',
      formOfSupport: 'PUBLIC_TASK_SUPPORT',
      recipient: { id: org('fundacja-ogarnij-emocje') },
      amountAwarded: null,
      funder: { name: 'Województwo Mazowieckie', organisation: { id: org('wojewodztwo-mazowieckie') } },
      fundingSources: [
        { funder: { name: 'Województwo Mazowieckie' }, amount: null },
        { funder: { name: 'Fundacja Ogarnij Emocje' }, amount: null },
      ],
      beneficiaryTerritories: [{ code: '1408' }, { code: '1433' }, { code: '1434' }, { code: '1435' }],
    });
  });

  it('lists the five funders with their kinds and the programme tree', async () => {
    const result = await service.query(`{ funders { name kind organisation { id } }
      programmes(funder: "${EOG}") { name children { name } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.funders).toEqual([
      { name: 'Fundacja Ogarnij Emocje', kind: 'FOUNDATION', organisation: { id: org('fundacja-ogarnij-emocje') } },
      {
        name: 'Mechanizm Finansowy Europejskiego Obszaru Gospodarczego',
        kind: 'FOREIGN_MECHANISM',
        organisation: null,
      },
      { name: 'Miasto Białystok', kind: 'PUBLIC_BUDGET', organisation: { id: org('urzad-miejski-bialystok') } },
      { name: 'Norweski Mechanizm Finansowy', kind: 'FOREIGN_MECHANISM', organisation: null },
      { name: 'Województwo Mazowieckie', kind: 'PUBLIC_BUDGET', organisation: { id: org('wojewodztwo-mazowieckie') } },
    ]);
    expect(result.data.programmes).toEqual([
      { name: 'Fundusz dla Organizacji Pozarządowych', children: [] },
      {
        name: 'Mechanizm Finansowy EOG i Norweski Mechanizm Finansowy',
        children: [{ name: 'Fundusz dla Organizacji Pozarządowych' }],
      },
    ]);
  });
});

describe('grant filters on the demo grants', () => {
  it('rolls a territory filter up: a voivodeship or a powiat finds grants benefiting units inside it', async () => {
    expect(titles(await service.query(GRANTS, { filter: { territory: '14' } }))).toEqual([
      'Centrum wsparcia aktywności społecznej',
    ]);
    expect(titles(await service.query(GRANTS, { filter: { territory: '1433' } }))).toEqual([
      'Centrum wsparcia aktywności społecznej',
    ]);
    expect(titles(await service.query(GRANTS, { filter: { territory: '20' } }))).toEqual(['Razem dla Regionu']);
    expect(titles(await service.query(GRANTS, { filter: { territory: '1465' } }))).toEqual([]);
  });

  it('filters by year of start, funder or co-funder, programme with sub-programmes, recipient and title words', async () => {
    expect(titles(await service.query(GRANTS, { filter: { year: 2021 } }))).toEqual([
      'Centrum wsparcia aktywności społecznej',
    ]);
    expect(titles(await service.query(GRANTS, { filter: { year: 2009 } }))).toEqual([]);
    expect(titles(await service.query(GRANTS, { filter: { funder: NORWAY } }))).toEqual(['Razem dla Regionu']);
    expect(titles(await service.query(GRANTS, { filter: { funder: OGARNIJ } }))).toEqual([
      'Centrum wsparcia aktywności społecznej',
    ]);
    expect(titles(await service.query(GRANTS, { filter: { programme: demoId('programme', 'mf-eog-i-nmf') } }))).toEqual(
      ['Razem dla Regionu'],
    );
    expect(
      titles(await service.query(GRANTS, { filter: { recipient: org('klub-mysli-spolecznej-inicjatywy') } })),
    ).toEqual(['Razem dla Regionu']);
    expect(titles(await service.query(GRANTS, { filter: { search: 'AKTYWNOSCI spolecznej' } }))).toEqual([
      'Centrum wsparcia aktywności społecznej',
    ]);
  });

  it('refuses bad filter values with coded errors naming the argument', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ filter: { territory: '14x' } }, 'BAD_USER_INPUT', 'filter.territory'],
      [{ filter: { territory: '99' } }, 'NOT_FOUND', 'filter.territory'],
      [{ filter: { funder: 'nope' } }, 'BAD_USER_INPUT', 'filter.funder'],
      [{ filter: { minAmount: '10.00', maxAmount: '9.99' } }, 'BAD_USER_INPUT', 'filter.minAmount'],
      [{ first: 1000 }, 'BAD_USER_INPUT', 'first'],
      [{ after: 'garbage' }, 'BAD_USER_INPUT', 'after'],
    ];
    for (const [variables, code, field] of cases) {
      const result = await service.query(GRANTS, variables);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code, field });
    }
  });

  it('reports an unknown grant id as NOT_FOUND and a malformed one as BAD_USER_INPUT', async () => {
    const unknown = await service.query('{ grant(id: "00000000-0000-4000-8000-000000000000") { title } }');
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    const malformed = await service.query('{ grant(id: "nope") { title } }');
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });
});

describe('createGrant and exact money', () => {
  it('needs a credential: an anonymous caller is UNAUTHENTICATED', async () => {
    const result = await service.query(CREATE_GRANT, {
      input: { title: 'X', formOfSupport: 'GRANT', recipientId: org('boris') },
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('adds 0.10 and 0.20 exactly: total budget 0.30, and sources of 0.10 + 0.20 fit an award of 0.30', async () => {
    const small = await createGrant({
      title: 'Grosze A',
      amountAwarded: { amount: '0.10', currency: 'PLN' },
      ownContribution: { amount: '0.20', currency: 'PLN' },
      startsOn: '2024-03-01',
      beneficiaryTerritories: ['30'],
    });
    expect(small.errors).toBeUndefined();
    expect(small.data.createGrant).toMatchObject({
      currency: 'PLN',
      amountAwarded: { amount: '0.10', currency: 'PLN' },
      totalBudget: { amount: '0.30', currency: 'PLN' },
    });

    // In binary floating point 0.1 + 0.2 > 0.3, which would wrongly refuse this grant.
    const exact = await createGrant({
      title: 'Grosze B',
      amountAwarded: { amount: '0.30', currency: 'PLN' },
      startsOn: '2024-03-02',
      fundingSources: [
        { funderId: MAZOWSZE, amount: { amount: '0.10', currency: 'PLN' } },
        { funderId: OGARNIJ, amount: { amount: '0.20', currency: 'PLN' } },
      ],
    });
    expect(exact.errors).toBeUndefined();
    expect(exact.data.createGrant.fundingSources).toEqual([
      { funder: { name: 'Województwo Mazowieckie' }, amount: { amount: '0.10', currency: 'PLN' } },
      { funder: { name: 'Fundacja Ogarnij Emocje' }, amount: { amount: '0.20', currency: 'PLN' } },
    ]);

    expect(titles(await service.query(GRANTS, { filter: { minAmount: '0.30', maxAmount: '0.30' } }))).toEqual([
      'Grosze B',
    ]);
    expect(titles(await service.query(GRANTS, { filter: { minAmount: '0.1', maxAmount: '0.10' } }))).toEqual([
      'Grosze A',
    ]);
    expect(titles(await service.query(GRANTS, { filter: { minAmount: '0.11', maxAmount: '0.29' } }))).toEqual([]);
    expect(titles(await service.query(GRANTS, { filter: { maxAmount: '0.30', year: 2024 } }))).toEqual([
      'Grosze B',
      'Grosze A',
    ]);
  });

  it('keeps amounts beyond float precision exact, in and out', async () => {
    const big = await createGrant({
      title: 'Kwota ogromna',
      amountAwarded: { amount: '999999999999999.99', currency: 'EUR' },
      startsOn: '2023-01-01',
    });
    expect(big.errors).toBeUndefined();
    expect(big.data.createGrant.amountAwarded).toEqual({ amount: '999999999999999.99', currency: 'EUR' });
    expect(titles(await service.query(GRANTS, { filter: { minAmount: '999999999999999.98' } }))).toEqual([
      'Kwota ogromna',
    ]);
    expect(titles(await service.query(GRANTS, { filter: { year: 2023, maxAmount: '999999999999999.98' } }))).toEqual(
      [],
    );
  });

  it('refuses sources adding up to more than the award plus own contribution, and writes nothing', async () => {
    const before = await grantRowCounts();
    const result = await createGrant({
      title: 'Za dużo źródeł',
      amountAwarded: { amount: '0.30', currency: 'PLN' },
      partnerIds: [org('collegium-civitas')],
      beneficiaryTerritories: ['1433'],
      fundingSources: [
        { funderId: MAZOWSZE, amount: { amount: '0.20', currency: 'PLN' } },
        { funderId: OGARNIJ, amount: { amount: '0.11', currency: 'PLN' } },
      ],
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.fundingSources' });
    expect(result.errors?.[0]?.message).toContain('0.31');
    expect(await grantRowCounts()).toEqual(before);
  });

  it('refuses mixed currencies, a negative amount and an end before the start, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [
        {
          amountAwarded: { amount: '10.00', currency: 'PLN' },
          fundingSources: [{ funderId: MAZOWSZE, amount: { amount: '5.00', currency: 'EUR' } }],
        },
        'input.fundingSources.0.amount.currency',
      ],
      [
        { amountAwarded: { amount: '10.00', currency: 'PLN' }, ownContribution: { amount: '1.00', currency: 'EUR' } },
        'input.ownContribution.currency',
      ],
      [{ amountAwarded: { amount: '-1.00', currency: 'PLN' } }, 'input.amountAwarded.amount'],
      [{ amountAwarded: { amount: '1.00', currency: 'zł' } }, 'input.amountAwarded.currency'],
      [{ startsOn: '2021-06-07', endsOn: '2021-06-06' }, 'input.endsOn'],
      [{ beneficiaryTerritories: ['1499'] }, 'input.beneficiaryTerritories.0'],
      [{ recipientId: org('boris'), partnerIds: [org('boris')] }, 'input.partnerIds.0'],
    ];
    for (const [input, field] of cases) {
      const result = await createGrant({ title: 'Błędny', ...input });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('reports unknown programme, call and funders as NOT_FOUND with the field', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const cases: [Record<string, unknown>, string][] = [
      [{ programmeId: unknown }, 'input.programmeId'],
      [{ callId: unknown }, 'input.callId'],
      [{ funderId: unknown }, 'input.funderId'],
      [{ fundingSources: [{ funderId: MAZOWSZE }, { funderId: unknown }] }, 'input.fundingSources.1.funderId'],
    ];
    for (const [input, field] of cases) {
      const result = await createGrant({ title: 'Nieznany', ...input });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field });
    }
    const other = '00000000-0000-4000-8000-000000000001';
    const both = await createGrant({
      title: 'Nieznani',
      funderId: unknown,
      fundingSources: [{ funderId: MAZOWSZE }, { funderId: other }],
    });
    expect(both.errors?.[0]?.extensions?.problems.map((p: { field: string }) => p.field)).toEqual([
      'input.funderId',
      'input.fundingSources.1.funderId',
    ]);
  });

  it('refuses a recipient, partners and a partnership the hub does not know, every one in one NOT_FOUND error', async () => {
    const before = await grantRowCounts();
    const [recipient, partner, partnership, funderId] = [
      '7d6f0000-0000-4000-8000-000000000001',
      '7d6f0000-0000-4000-8000-000000000002',
      '7d6f0000-0000-4000-8000-000000000003',
      '7d6f0000-0000-4000-8000-000000000004',
    ];
    const result = await createGrant({
      title: 'Dla nieznanych',
      recipientId: recipient,
      partnerIds: [org('collegium-civitas'), partner],
      partnershipId: partnership,
      funderId,
    });
    expect(result.errors?.[0]?.extensions).toEqual({
      code: 'NOT_FOUND',
      field: 'input.recipientId',
      problems: [
        { field: 'input.recipientId', message: `Organisation ${recipient} does not exist` },
        { field: 'input.partnerIds.1', message: `Organisation ${partner} does not exist` },
        { field: 'input.partnershipId', message: `Partnership ${partnership} does not exist` },
        { field: 'input.funderId', message: `Funder ${funderId} does not exist` },
      ],
    });
    expect(await grantRowCounts()).toEqual(before);
    // Once their owners have published them, the same ids are taken.
    await announce(service, 'organisation', [recipient, partner]);
    await announce(service, 'partnership', [partnership]);
    const known = await createGrant({
      title: 'Dla znanych',
      recipientId: recipient,
      partnerIds: [partner],
      partnershipId: partnership,
    });
    expect(known.errors).toBeUndefined();
    expect((await grantRowCounts())[0]).toBe(before[0]! + 1);
  });

  it('keeps agreement numbers unique per funder: the same number under another funder is allowed', async () => {
    const before = await grantRowCounts();
    const taken = await createGrant({
      title: 'Duplikat umowy',
      funderId: MAZOWSZE,
      agreementNumber: 'W/UMWM-UU.UM/OR/4151/2021',
      beneficiaryTerritories: ['1408'],
    });
    expect(taken.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.agreementNumber' });
    expect(await grantRowCounts()).toEqual(before);
    const other = await createGrant({
      title: 'Ta sama umowa, inny grantodawca',
      funderId: BIALYSTOK,
      agreementNumber: 'W/UMWM-UU.UM/OR/4151/2021',
    });
    expect(other.errors).toBeUndefined();
    expect(other.data.createGrant.funder.name).toBe('Miasto Białystok');
  });

  it('takes the awarding funder from the programme when none is given', async () => {
    const result = await createGrant({
      title: 'Z funduszu',
      funderId: null,
      programmeId: demoId('programme', 'fundusz-dla-organizacji-pozarzadowych'),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data.createGrant.funder.name).toBe('Mechanizm Finansowy Europejskiego Obszaru Gospodarczego');
  });
});

describe('paging and batching', () => {
  it('pages with cursors through dated and undated grants without skipping or repeating one', async () => {
    const all = await service.query(GRANTS, { first: 100 });
    const ids: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await service.query(GRANTS, { first: 2, after });
      expect(page.errors).toBeUndefined();
      ids.push(...page.data.grants.edges.map((e: any) => e.node.id));
      after = page.data.grants.pageInfo.hasNextPage ? page.data.grants.pageInfo.endCursor : null;
    } while (after);
    expect(ids).toEqual(all.data.grants.edges.map((e: any) => e.node.id));
    expect(ids.length).toBe(all.data.grants.totalCount);
    // Newest start first, undated last.
    const starts = all.data.grants.edges.map((e: any) => e.node.startsOn);
    const firstNull = starts.indexOf(null);
    expect(firstNull).toBeGreaterThan(0);
    expect(starts.slice(firstNull).every((s: string | null) => s === null)).toBe(true);
    expect([...starts.slice(0, firstNull)].sort().reverse()).toEqual(starts.slice(0, firstNull));
  });

  it('costs the same number of SQL statements for a page of 2 or of 50 grants with their relations', async () => {
    // Both pages must reach every relation level (programme, its parent, ...), so the newest grants have them all.
    for (let i = 1; i <= 12; i += 1) {
      const created = await createGrant({
        title: `Grant wsadowy ${i}`,
        startsOn: `2030-01-${String(i).padStart(2, '0')}`,
        funderId: null,
        programmeId: demoId('programme', 'fundusz-dla-organizacji-pozarzadowych'),
        partnerIds: [org('centrum-wspolpracy-op-bialystok')],
        fundingSources: [{ funderId: EOG }, { funderId: NORWAY }],
        beneficiaryTerritories: ['20', '1433'],
        amountAwarded: { amount: `${i}.00`, currency: 'EUR' },
      });
      expect(created.errors).toBeUndefined();
    }
    const two = await service.query(GRANTS, { first: 2 });
    const fifty = await service.query(GRANTS, { first: 50 });
    expect(fifty.data.grants.edges.length).toBeGreaterThan(5);
    expect(fifty.sqlStatements).toBe(two.sqlStatements);
  });

  const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
    ... on Organisation { id grants { title fundingSources { funder { name } amount { amount } } } } } }`;

  it('resolves Organisation.grants for 2 or 20 organisations with the same number of statements', async () => {
    const reps = (keys: readonly string[]) => keys.map((k) => ({ __typename: 'Organisation', id: org(k as any) }));
    const two = await service.query(ENTITIES, {
      r: reps(['klub-mysli-spolecznej-inicjatywy', 'fundacja-ogarnij-emocje']),
    });
    const twenty = await service.query(ENTITIES, { r: reps(DEMO_ORGANISATIONS.slice(0, 20)) });
    expect(two.errors).toBeUndefined();
    expect(twenty.errors).toBeUndefined();
    expect(two.data._entities.map((e: any) => e.grants.map((g: any) => g.title))).toEqual([
      ['Razem dla Regionu'],
      ['Centrum wsparcia aktywności społecznej'],
    ]);
    expect(twenty.data._entities).toHaveLength(20);
    expect(twenty.data._entities.filter((e: any) => e.grants.length > 0).length).toBeGreaterThan(2);
    expect(twenty.sqlStatements).toBe(two.sqlStatements);
  });

  it('separates the recipient and partner roles of an organisation', async () => {
    const result = await service.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organisation {
      asRecipient: grants(role: RECIPIENT) { title } asPartner: grants(role: PARTNER) { title } all: grants { title } } } }`,
      {
        r: [
          { __typename: 'Organisation', id: org('collegium-civitas') },
          { __typename: 'Organisation', id: org('klub-mysli-spolecznej-inicjatywy') },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data._entities).toEqual([
      { asRecipient: [], asPartner: [{ title: 'Razem dla Regionu' }], all: [{ title: 'Razem dla Regionu' }] },
      { asRecipient: [{ title: 'Razem dla Regionu' }], asPartner: [], all: [{ title: 'Razem dla Regionu' }] },
    ]);
  });

  it('lists the grants of a partnership through _entities', async () => {
    const liw = demoId('partnership', 'liw');
    const created = await createGrant({
      title: 'Grant dla Partnerstwa Liw',
      partnershipId: liw,
      recipientId: org('urzad-gminy-liw'),
      beneficiaryTerritories: ['1433042'],
    });
    expect(created.errors).toBeUndefined();
    const result = await service.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Partnership { id grants { title partnership { id } } } } }`,
      {
        r: [
          { __typename: 'Partnership', id: liw },
          { __typename: 'Partnership', id: demoId('partnership', 'mokotow') },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data._entities).toEqual([
      { id: liw, grants: [{ title: 'Grant dla Partnerstwa Liw', partnership: { id: liw } }] },
      { id: demoId('partnership', 'mokotow'), grants: [] },
    ]);
  });
});

describe('calls for proposals', () => {
  const shift = (days: number) => {
    const [y, m, d] = warsawToday().split('-').map(Number);
    return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
  };
  const CREATE_CALL = `mutation($input: CreateCallInput!) { createCall(input: $input) { id title isOpen budget { amount currency } funder { name } eligibleTerritories { code } } }`;
  const CALLS = `query($filter: CallFilter, $first: Int, $after: String) { calls(filter: $filter, first: $first, after: $after) {
    totalCount edges { node { title isOpen closesOn } } pageInfo { hasNextPage endCursor } } }`;
  const callTitles = (result: any): string[] => {
    expect(result.errors).toBeUndefined();
    return result.data.calls.edges.map((e: any) => e.node.title);
  };

  beforeAll(async () => {
    const calls = [
      { title: 'Konkurs zamykany dziś', opensOn: shift(-30), closesOn: shift(0) },
      {
        title: 'Konkurs do 5 dni',
        opensOn: shift(-10),
        closesOn: shift(5),
        eligibleTerritories: ['2061011'],
        budget: { amount: '150000.00', currency: 'PLN' },
      },
      { title: 'Konkurs do 40 dni', opensOn: shift(-1), closesOn: shift(40), eligibleTerritories: ['20'] },
      { title: 'Konkurs zamknięty', opensOn: shift(-60), closesOn: shift(-1) },
      { title: 'Konkurs przyszły', opensOn: shift(3), closesOn: shift(30) },
      { title: 'Nabór ciągły', opensOn: shift(-100), closesOn: null },
    ];
    for (const call of calls) {
      const result = await service.query(CREATE_CALL, { input: { funderId: BIALYSTOK, ...call } }, { admin: true });
      expect(result.errors).toBeUndefined();
    }
  });

  it('orders calls by deadline, open-ended last, and tells which are open today (Warsaw date)', async () => {
    const result = await service.query(CALLS, {});
    expect(result.errors).toBeUndefined();
    expect(result.data.calls.edges.map((e: any) => [e.node.title, e.node.isOpen])).toEqual([
      ['Konkurs zamknięty', false],
      ['Konkurs zamykany dziś', true],
      ['Konkurs do 5 dni', true],
      ['Konkurs przyszły', false],
      ['Konkurs do 40 dni', true],
      ['Nabór ciągły', true],
    ]);
  });

  it('filters open and not-open calls, and calls closing within a number of days', async () => {
    expect(callTitles(await service.query(CALLS, { filter: { open: true } }))).toEqual([
      'Konkurs zamykany dziś',
      'Konkurs do 5 dni',
      'Konkurs do 40 dni',
      'Nabór ciągły',
    ]);
    expect(callTitles(await service.query(CALLS, { filter: { open: false } }))).toEqual([
      'Konkurs zamknięty',
      'Konkurs przyszły',
    ]);
    expect(callTitles(await service.query(CALLS, { filter: { closingWithinDays: 5 } }))).toEqual([
      'Konkurs zamykany dziś',
      'Konkurs do 5 dni',
    ]);
    expect(callTitles(await service.query(CALLS, { filter: { closingWithinDays: 30 } }))).toEqual([
      'Konkurs zamykany dziś',
      'Konkurs do 5 dni',
      'Konkurs przyszły',
    ]);
    expect(callTitles(await service.query(CALLS, { filter: { closingWithinDays: 30, open: true } }))).toEqual([
      'Konkurs zamykany dziś',
      'Konkurs do 5 dni',
    ]);
  });

  it('filters by eligible territory with roll-up and by funder', async () => {
    expect(callTitles(await service.query(CALLS, { filter: { territory: '20' } }))).toEqual([
      'Konkurs do 5 dni',
      'Konkurs do 40 dni',
    ]);
    expect(callTitles(await service.query(CALLS, { filter: { territory: '2061' } }))).toEqual(['Konkurs do 5 dni']);
    expect(callTitles(await service.query(CALLS, { filter: { funder: MAZOWSZE } }))).toEqual([]);
  });

  it('pages through calls, across the open-ended ones, without repeats', async () => {
    const titlesSeen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await service.query(CALLS, { first: 4, after });
      titlesSeen.push(...callTitles(page));
      after = page.data.calls.pageInfo.hasNextPage ? page.data.calls.pageInfo.endCursor : null;
    } while (after);
    expect(titlesSeen).toHaveLength(6);
    expect(new Set(titlesSeen).size).toBe(6);
  });

  it('refuses closingWithinDays outside 1..365, a deadline before opening and an unknown programme', async () => {
    for (const days of [0, 366]) {
      const result = await service.query(CALLS, { filter: { closingWithinDays: days } });
      expect(result.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'filter.closingWithinDays',
      });
    }
    const backwards = await service.query(
      CREATE_CALL,
      { input: { title: 'Wstecz', funderId: BIALYSTOK, opensOn: '2025-05-10', closesOn: '2025-05-09' } },
      { admin: true },
    );
    expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.closesOn' });
    const unknown = await service.query(
      CREATE_CALL,
      { input: { title: 'Bez programu', programmeId: '00000000-0000-4000-8000-000000000000', opensOn: '2025-05-10' } },
      { admin: true },
    );
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.programmeId' });
  });

  it('links a grant to a call, taking the funder from it', async () => {
    const [call] = (await service.query('{ calls(filter: { territory: "2061" }) { edges { node { id } } } }')).data
      .calls.edges;
    const grant = await service.query(
      `mutation($input: CreateGrantInput!) { createGrant(input: $input) { funder { name } call { title budget { amount currency } } } }`,
      {
        input: {
          title: 'Z konkursu',
          formOfSupport: 'PUBLIC_TASK_ENTRUSTMENT',
          recipientId: org('zespol-konsultacyjny-op-bialystok'),
          callId: call.node.id,
        },
      },
      { admin: true },
    );
    expect(grant.errors).toBeUndefined();
    expect(grant.data.createGrant).toEqual({
      funder: { name: 'Miasto Białystok' },
      call: { title: 'Konkurs do 5 dni', budget: { amount: '150000.00', currency: 'PLN' } },
    });
  });
});

describe('restart', () => {
  it('keeps the demo data without duplicates when started again', async () => {
    const before = await service.query('{ funders { id } programmes { id } grants(first: 100) { totalCount } }');
    const again = await startTestSubgraph(fundingSubgraph, db.url);
    try {
      const after = await again.query('{ funders { id } programmes { id } grants(first: 100) { totalCount } }');
      expect(after.errors).toBeUndefined();
      expect(after.data).toEqual(before.data);
      expect(after.data.funders).toHaveLength(5);
    } finally {
      await again.close();
    }
  });
});

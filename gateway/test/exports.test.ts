import type { FastifyInstance } from 'fastify';
import { parse as parseCsv } from 'csv-parse/sync';
import { ancestorAt, type TerritoryLevel } from '@ngo-hub/kit';
import { postGraphQL, TEST_ADMIN_TOKEN } from '@ngo-hub/kit/testing';
import { settle, startTestGateway, startTestSubgraphs, type TestSubgraphs } from './support/hub.js';

// Whole-country scope, year windows, cooperationTies with its expansion and the CSV exports, checked
// against answers computed here from the plain public lists (as analytics.test.ts does).
let hub: TestSubgraphs;
let gateway: FastifyInstance;
let url: string;

const ask = async (query: string, variables?: Record<string, unknown>, admin = false) => {
  const result = await postGraphQL(url, query, variables, admin ? { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } : {});
  expect(result.errors).toBeUndefined();
  return result.data;
};

async function all<T>(field: string, selection: string, args = '', variables: Record<string, unknown> = {}) {
  const items: T[] = [];
  let after: string | null = null;
  do {
    const data: any = await ask(
      `query($after: String${Object.keys(variables)
        .map((k) => `, $${k}: ${k === 'level' ? 'TerritoryLevel!' : k.endsWith('Year') ? 'Int' : 'String!'}`)
        .join(
          '',
        )}) { ${field}(${args}first: 3, after: $after) { totalCount edges { node { ${selection} } } pageInfo { hasNextPage endCursor } } }`,
      { ...variables, after },
    );
    items.push(...data[field].edges.map((e: any) => e.node));
    after = data[field].pageInfo.hasNextPage ? data[field].pageInfo.endCursor : null;
  } while (after);
  return items;
}

beforeAll(async () => {
  hub = await startTestSubgraphs('exports');
  ({ app: gateway, url } = await startTestGateway(hub.subgraphs));
  await settle(hub);
  await generateNetwork();
  await settle(hub);
}, 120_000);

afterAll(async () => {
  await gateway?.close();
  await hub?.close();
});

/** A deterministic network over three voivodeships, its sources dated 2017..2024. */
async function generateNetwork(): Promise<void> {
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 48271) % 2147483647;
    return seed % n;
  };
  const places = ['1465011', '1433042', '1408011', '2061011', '2002013', '0264011', '0201011'];
  const organisations: string[] = [];
  for (let i = 0; i < 24; i++) {
    const data = await ask(
      'mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }',
      {
        input: { name: `Fundacja Eksport ${i}`, sector: 'NGO', legalForm: 'FUNDACJA', territory: places[next(7)] },
      },
      true,
    );
    organisations.push(data.createOrganisation.id);
  }
  const pick = (k: number) => [...new Set(Array.from({ length: k }, () => organisations[next(organisations.length)]!))];
  for (let p = 0; p < 6; p++) {
    const created = await ask(
      'mutation($input: CreatePartnershipInput!) { createPartnership(input: $input) { id } }',
      {
        input: { name: `Partnerstwo Eksport ${p}`, territory: '14', establishedOn: p % 3 ? `${2017 + p}-05-01` : null },
      },
      true,
    );
    for (const organisationId of pick(2 + next(3)))
      await ask(
        'mutation($input: AddMembershipInput!) { addMembership(input: $input) { id } }',
        { input: { partnershipId: created.createPartnership.id, organisationId, role: 'MEMBER' } },
        true,
      );
  }
  for (let e = 0; e < 10; e++)
    await ask(
      'mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }',
      {
        input: {
          title: `Spotkanie Eksport ${e}`,
          kind: 'MEETING',
          datePrecision: 'TIME',
          startsAt: `${2018 + next(7)}-0${1 + next(9)}-1${next(9)}T17:00:00`,
          organiserIds: pick(2 + next(2)),
        },
      },
      true,
    );
  const funders: { id: string }[] = (await ask('{ funders { id } }')).funders;
  for (let g = 0; g < 10; g++) {
    const [recipientId, ...partnerIds] = pick(2 + next(2));
    await ask(
      'mutation($input: CreateGrantInput!) { createGrant(input: $input) { id } }',
      {
        input: {
          title: `Grant Eksport ${g}`,
          recipientId,
          partnerIds,
          funderId: funders[next(funders.length)]!.id,
          formOfSupport: 'GRANT',
          ...(g % 4 === 3 ? { agreementSignedOn: `${2019 + next(5)}-02-01` } : { startsOn: `${2017 + next(8)}-03-01` }),
          amountAwarded: { amount: `${1000 + next(9000)}.50`, currency: 'PLN' },
        },
      },
      true,
    );
  }
}

type Kind = 'partnerships' | 'grants' | 'events';
interface Source {
  kind: Kind;
  id: string;
  year: number | null;
  organisationIds: string[];
}

const yearOf = (date: string | null | undefined) => (date ? Number(date.slice(0, 4)) : null);

async function plainFacts() {
  const organisations = await all<any>('organisations', 'id territory { code }');
  const partnerships = await all<any>('partnerships', 'id establishedOn memberships { isActive organisation { id } }');
  const events = await all<any>('events', 'id status startsAt organisers { id }');
  const grants = await all<any>('grants', 'id startsOn agreementSignedOn recipient { id } partners { id }');
  const warsawYear = (instant: string | null) =>
    instant
      ? Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Warsaw', year: 'numeric' }).format(new Date(instant)))
      : null;
  const sources: Source[] = [
    ...partnerships.map((p) => ({
      kind: 'partnerships' as const,
      id: p.id,
      year: yearOf(p.establishedOn),
      organisationIds: p.memberships.filter((m: any) => m.isActive).map((m: any) => m.organisation.id),
    })),
    ...events
      .filter((e) => e.status !== 'CANCELLED')
      .map((e) => ({
        kind: 'events' as const,
        id: e.id,
        year: warsawYear(e.startsAt),
        organisationIds: e.organisers.map((o: any) => o.id),
      })),
    ...grants.map((g) => ({
      kind: 'grants' as const,
      id: g.id,
      year: yearOf(g.startsOn ?? g.agreementSignedOn),
      organisationIds: [g.recipient.id, ...g.partners.map((p: any) => p.id)],
    })),
  ];
  return {
    seats: new Map<string, string | null>(organisations.map((o) => [o.id, o.territory?.code ?? null])),
    sources,
  };
}

/** Ties with the ids behind them, from the plain lists; `territory` "PL" covers every unit. */
function expectedTies(
  facts: Awaited<ReturnType<typeof plainFacts>>,
  territory: string,
  level: TerritoryLevel,
  from: number | null,
  to: number | null,
) {
  const ties = new Map<string, Record<Kind, string[]>>();
  for (const source of facts.sources) {
    if ((from !== null || to !== null) && source.year === null) continue;
    if ((from !== null && source.year! < from) || (to !== null && source.year! > to)) continue;
    const units = [
      ...new Set(
        source.organisationIds
          .map((id) => facts.seats.get(id))
          .filter((s): s is string => !!s)
          .map((seat) => ancestorAt(seat, level))
          .filter((u): u is string => !!u),
      ),
    ].sort();
    const inside = (u: string) => territory === 'PL' || u.startsWith(territory);
    for (const a of units)
      for (const b of units) {
        if (a >= b || !(inside(a) || inside(b))) continue;
        const tie = ties.get(`${a} ${b}`) ?? { partnerships: [], grants: [], events: [] };
        tie[source.kind].push(source.id);
        ties.set(`${a} ${b}`, tie);
      }
  }
  return new Map(
    [...ties].map(([k, t]) => [k, { ...t, strength: t.partnerships.length + t.grants.length + t.events.length }]),
  );
}

const TIE = `a { code } b { code } strength partnershipCount grantCount eventCount
  partnerships(first: 2) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } }
  grants(first: 100) { totalCount edges { node { id } } }
  events(first: 100) { totalCount edges { node { id } } }`;

describe('cooperationTies', () => {
  it.each([
    ['PL', 'WOJEWODZTWO', null, null],
    ['PL', 'GMINA', null, null],
    ['PL', 'POWIAT', 2019, 2022],
    ['14', 'POWIAT', null, 2020],
    ['20', 'GMINA', 2021, null],
  ] as const)(
    'in %s at %s from %s to %s: strongest first, with the sources behind each tie',
    async (territory, level, from, to) => {
      const expected = expectedTies(await plainFacts(), territory, level, from, to);
      const got = await all<any>(
        'cooperationTies',
        TIE,
        'territory: $territory, level: $level, fromYear: $fromYear, toYear: $toYear, ',
        {
          territory,
          level,
          fromYear: from,
          toYear: to,
        },
      );
      if (territory === 'PL' && !from) expect(got.length).toBeGreaterThan(2);
      // Strongest first, equal strengths by codes.
      const order = [...got].sort(
        (x, y) => y.strength - x.strength || (x.a.code + x.b.code < y.a.code + y.b.code ? -1 : 1),
      );
      expect(got.map((t) => `${t.a.code} ${t.b.code}`)).toEqual(order.map((t) => `${t.a.code} ${t.b.code}`));
      expect(new Set(got.map((t) => `${t.a.code} ${t.b.code}`))).toEqual(new Set(expected.keys()));
      for (const tie of got) {
        const want = expected.get(`${tie.a.code} ${tie.b.code}`)!;
        expect([tie.partnershipCount, tie.grantCount, tie.eventCount, tie.strength]).toEqual([
          want.partnerships.length,
          want.grants.length,
          want.events.length,
          want.strength,
        ]);
        // Expansion: the partnerships page on with their own cursors; grants and events in one page.
        const partnerships = tie.partnerships.edges.map((e: any) => e.node.id);
        let after = tie.partnerships.pageInfo.hasNextPage ? tie.partnerships.pageInfo.endCursor : null;
        while (after) {
          const page: any = (
            await ask(
              `query($t: String!, $l: TerritoryLevel!, $f: Int, $to: Int) { cooperationTies(territory: $t, level: $l, fromYear: $f, toYear: $to, first: 100) {
              edges { node { a { code } b { code } partnerships(first: 2, after: "${after}") { edges { node { id } } pageInfo { hasNextPage endCursor } } } } } }`,
              { t: territory, l: level, f: from, to },
            )
          ).cooperationTies.edges.find((e: any) => e.node.a.code === tie.a.code && e.node.b.code === tie.b.code).node;
          partnerships.push(...page.partnerships.edges.map((e: any) => e.node.id));
          after = page.partnerships.pageInfo.hasNextPage ? page.partnerships.pageInfo.endCursor : null;
        }
        expect(partnerships).toEqual([...want.partnerships].sort());
        expect(tie.partnerships.totalCount).toBe(want.partnerships.length);
        expect(tie.grants.edges.map((e: any) => e.node.id)).toEqual([...want.grants].sort());
        expect(tie.events.edges.map((e: any) => e.node.id)).toEqual([...want.events].sort());
        expect(tie.events.totalCount).toBe(want.events.length);
      }
    },
  );

  it('answers the same set as the deprecated cooperation list, with totalCount', async () => {
    const list = (
      await ask(
        '{ cooperation(territory: "PL", level: GMINA, fromYear: 2018) { a { code } b { code } partnerships grants events } }',
      )
    ).cooperation;
    const data = await ask(
      '{ cooperationTies(territory: "PL", level: GMINA, fromYear: 2018, first: 100) { totalCount edges { node { a { code } b { code } partnershipCount grantCount eventCount } } } }',
    );
    const ties = data.cooperationTies.edges.map((e: any) => ({
      a: e.node.a,
      b: e.node.b,
      partnerships: e.node.partnershipCount,
      grants: e.node.grantCount,
      events: e.node.eventCount,
    }));
    expect(ties.sort((x: any, y: any) => (x.a.code + x.b.code < y.a.code + y.b.code ? -1 : 1))).toEqual(list);
    expect(data.cooperationTies.totalCount).toBe(list.length);
  });

  it.each([
    ['fromYear: 1989', 'fromYear'],
    ['toYear: 2101', 'toYear'],
    ['fromYear: 2022, toYear: 2021', 'toYear'],
    ['first: 5, after: "WyJTVFJFTkdUSCIsIngiXQ"', 'after'],
  ])('refuses %s naming %s', async (args, field) => {
    const result = await postGraphQL(
      url,
      `{ cooperationTies(territory: "PL", level: POWIAT, ${args}) { totalCount } }`,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});

describe('fundingFlows over the whole country and a year window', () => {
  it('sums the grants of the window, a grant counting in the year of its start (else agreement)', async () => {
    const seats = new Map(
      (await all<any>('organisations', 'id territory { code }')).map((o) => [o.id, o.territory?.code]),
    );
    const grants = await all<any>('grants', 'id startsOn agreementSignedOn recipient { id } amountAwarded { amount }');
    for (const [from, to] of [
      [null, null],
      [2019, 2021],
      [2022, null],
    ] as const) {
      const inside = grants.filter((g) => {
        const year = yearOf(g.startsOn ?? g.agreementSignedOn);
        if (!seats.get(g.recipient.id)) return false;
        if (from === null && to === null) return true;
        return year !== null && (from === null || year >= from) && (to === null || year <= to);
      });
      const cents = inside.reduce((sum, g) => sum + BigInt(g.amountAwarded.amount.replace('.', '')), 0n);
      const data = await ask(
        'query($f: Int, $t: Int) { fundingFlows(territory: "PL", level: WOJEWODZTWO, groupBy: [], fromYear: $f, toYear: $t) { grants amountAwarded } }',
        {
          f: from,
          t: to,
        },
      );
      expect(data.fundingFlows).toEqual(
        inside.length
          ? [{ grants: inside.length, amountAwarded: `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}` }]
          : [],
      );
    }
  });
});

describe('CSV exports', () => {
  const get = (path: string) => fetch(`${url.replace(/\/graphql$/, '')}${path}`);
  const csv = async (path: string) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('x-feed-truncated')).toBeNull();
    return parseCsv(Buffer.from(await response.arrayBuffer()), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
  };

  it('cooperation.csv holds every tie of cooperationTies, in its order, codes as text', async () => {
    const ties = await all<any>(
      'cooperationTies',
      'level a { code name } b { code name } partnershipCount grantCount eventCount strength',
      'territory: $territory, level: $level, ',
      {
        territory: 'PL',
        level: 'GMINA',
      },
    );
    const rows = await csv('/exports/cooperation.csv?territory=PL&level=GMINA');
    expect(rows).toEqual(
      ties.map((t) => ({
        level: t.level,
        'TERC code A': t.a.code,
        'name A': t.a.name,
        'TERC code B': t.b.code,
        'name B': t.b.name,
        partnerships: String(t.partnershipCount),
        grants: String(t.grantCount),
        events: String(t.eventCount),
        strength: String(t.strength),
      })),
    );
    // Dolnośląskie's codes start with a zero, and keep it.
    expect(rows.some((r) => r['TERC code A']!.startsWith('02'))).toBe(true);
  });

  it('funding-flows.csv holds the fundingFlows answer for the same arguments', async () => {
    const flows = (
      await ask(
        '{ fundingFlows(territory: "PL", level: POWIAT, groupBy: [TERRITORY, YEAR], fromYear: 2018) { year territory { code name } currency grants grantsWithoutAmount amountAwarded ownContribution } }',
      )
    ).fundingFlows;
    const rows = await csv('/exports/funding-flows.csv?territory=PL&level=POWIAT&groupBy=TERRITORY,YEAR&fromYear=2018');
    expect(flows.length).toBeGreaterThan(1);
    expect(rows).toEqual(
      flows.map((f: any) => ({
        funder: '',
        programme: '',
        year: f.year === null ? '' : String(f.year),
        'TERC code': f.territory?.code ?? '',
        currency: f.currency ?? '',
        grants: String(f.grants),
        'grants without amount': String(f.grantsWithoutAmount),
        'amount awarded': f.amountAwarded,
        'own contribution': f.ownContribution ?? '',
      })),
    );
  });

  it('organisations.csv holds every organisation (the feed columns, no cap), pages fetched as the file is written', async () => {
    const organisations = await all<any>('organisations', 'id territory { code }');
    const feed = parseCsv(Buffer.from(await (await get('/feeds/organisations.csv')).arrayBuffer()), { bom: true });
    const rows = await csv('/exports/organisations.csv');
    expect(Object.keys(rows[0]!)).toEqual(feed[0]);
    expect(rows.map((r) => r.id)).toEqual(organisations.map((o) => o.id));
    expect(rows.map((r) => r['TERC code'])).toEqual(organisations.map((o) => o.territory?.code ?? ''));
  });

  it.each([
    ['/exports/cooperation.csv?level=GMINA', 'territory'],
    ['/exports/cooperation.csv?territory=PL&level=GMINA_PART', 'level'],
    ['/exports/cooperation.csv?territory=14&level=GMINA&fromYear=20x0', 'fromYear'],
    ['/exports/cooperation.csv?territory=14&level=GMINA&fromYear=2024&toYear=2020', 'toYear'],
    ['/exports/cooperation.csv?territory=99&level=GMINA', 'territory'],
    ['/exports/funding-flows.csv?territory=PL&level=GMINA&groupBy=FUNDER,SEX', 'groupBy'],
    ['/exports/funding-flows.csv?territory=PL&level=GMINA&toYear=1800', 'toYear'],
    ['/exports/organisations.csv?territory=2o', 'territory'],
    ['/exports/organisations.csv?teritory=20', 'teritory'],
  ])('%s is a 400 naming %s', async (path, field) => {
    const response = await get(path);
    expect(response.status).toBe(400);
    expect((await response.json()).error.field).toBe(field);
  });
});

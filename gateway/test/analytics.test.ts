import type { FastifyInstance } from 'fastify';
import { ancestorAt, type TerritoryLevel } from '@ngo-hub/kit';
import { postGraphQL, TEST_ADMIN_TOKEN } from '@ngo-hub/kit/testing';
import { settle, startTestGateway, startTestSubgraphs, type TestSubgraphs } from './support/hub.js';

// `cooperation` and `fundingFlows` against answers computed here, independently, from the plain
// public lists (partnerships with members, grants with recipients and partners, events with
// organisers, organisations with seats), on the demo data plus a larger generated network.
let hub: TestSubgraphs;
let gateway: FastifyInstance;
let url: string;

const ask = async (query: string, variables?: Record<string, unknown>, admin = false) => {
  const result = await postGraphQL(url, query, variables, admin ? { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } : {});
  expect(result.errors).toBeUndefined();
  return result.data;
};

async function all<T>(field: string, selection: string): Promise<T[]> {
  const items: T[] = [];
  let after: string | null = null;
  do {
    const data: any = await ask(
      `query($after: String) { ${field}(first: 100, after: $after) { edges { node { ${selection} } } pageInfo { hasNextPage endCursor } } }`,
      { after },
    );
    items.push(...data[field].edges.map((e: any) => e.node));
    after = data[field].pageInfo.hasNextPage ? data[field].pageInfo.endCursor : null;
  } while (after);
  return items;
}

beforeAll(async () => {
  hub = await startTestSubgraphs('analytics');
  ({ app: gateway, url } = await startTestGateway(hub.subgraphs));
  await settle(hub);
  await generateNetwork();
  await settle(hub);
}, 120_000);

afterAll(async () => {
  await gateway?.close();
  await hub?.close();
});

/** A deterministic network across gminas, parts, districts, powiats and two voivodeships. */
async function generateNetwork(): Promise<void> {
  let seed = 20260523;
  const next = (n: number) => {
    seed = (seed * 48271) % 2147483647;
    return seed % n;
  };
  const places = [
    '1433042',
    '1433011',
    '1433054',
    '1434011',
    '1408011',
    '1465058',
    '1465068',
    '1418044',
    '2061011',
    '2008013',
    '2008014',
    '2002013',
    null,
  ];
  const organisations: string[] = [];
  for (let i = 0; i < 36; i++) {
    const data = await ask(
      'mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }',
      {
        input: {
          name: `Stowarzyszenie Sieć ${i}`,
          sector: 'NGO',
          legalForm: 'STOWARZYSZENIE',
          territory: places[next(places.length)],
        },
      },
      true,
    );
    organisations.push(data.createOrganisation.id);
  }
  const pick = (k: number) => [...new Set(Array.from({ length: k }, () => organisations[next(organisations.length)]!))];
  for (let p = 0; p < 8; p++) {
    const created = await ask(
      'mutation($input: CreatePartnershipInput!) { createPartnership(input: $input) { id } }',
      { input: { name: `Partnerstwo Sieć ${p}`, territory: '14' } },
      true,
    );
    const members = pick(2 + next(4));
    for (const [i, organisationId] of members.entries()) {
      await ask(
        'mutation($input: AddMembershipInput!) { addMembership(input: $input) { id } }',
        {
          input: {
            partnershipId: created.createPartnership.id,
            organisationId,
            role: i === 0 ? 'LEAD_PARTNER' : 'MEMBER',
          },
        },
        true,
      );
    }
  }
  for (let e = 0; e < 16; e++) {
    await ask(
      'mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }',
      {
        input: {
          title: `Spotkanie Sieć ${e}`,
          kind: 'MEETING',
          datePrecision: 'TIME',
          startsAt: `2025-0${1 + next(9)}-1${next(9)}T17:00:00`,
          organiserIds: pick(1 + next(3)),
        },
      },
      true,
    );
  }
  const funders: { id: string }[] = (await ask('{ funders { id } }')).funders;
  for (let g = 0; g < 14; g++) {
    const [recipientId, ...partnerIds] = pick(1 + next(3));
    const currency = g % 5 === 4 ? 'EUR' : 'PLN';
    const amount = `${1000 + next(90000)}.${String(next(100)).padStart(2, '0')}`;
    const [a, b] = [funders[next(funders.length)]!.id, funders[next(funders.length)]!.id];
    const sources =
      g % 3 === 0
        ? []
        : a === b
          ? [{ funderId: a, amount: { amount, currency } }]
          : [
              { funderId: a, amount: { amount: '500.10', currency } },
              { funderId: b, amount: { amount: '499.90', currency } },
            ];
    await ask(
      'mutation($input: CreateGrantInput!) { createGrant(input: $input) { id } }',
      {
        input: {
          title: `Grant Sieć ${g}`,
          recipientId,
          partnerIds,
          funderId: a,
          formOfSupport: 'GRANT',
          startsOn: `${2019 + next(4)}-0${1 + next(9)}-01`,
          amountAwarded: { amount, currency },
          ownContribution: g % 2 ? { amount: `${next(500)}.05`, currency } : null,
          fundingSources: sources,
        },
      },
      true,
    );
  }
}

interface Facts {
  seats: Map<string, string | null>;
  sources: { kind: 'partnerships' | 'grants' | 'events'; id: string; organisationIds: string[] }[];
}

async function plainFacts(): Promise<Facts> {
  const organisations = await all<any>('organisations', 'id territory { code }');
  const partnerships = await all<any>('partnerships', 'id memberships { isActive organisation { id } }');
  const events = await all<any>('events', 'id status organisers { id }');
  const grants = await all<any>('grants', 'id recipient { id } partners { id }');
  return {
    seats: new Map(organisations.map((o) => [o.id, o.territory?.code ?? null])),
    sources: [
      ...partnerships.map((p) => ({
        kind: 'partnerships' as const,
        id: p.id,
        organisationIds: p.memberships.filter((m: any) => m.isActive).map((m: any) => m.organisation.id),
      })),
      ...events
        .filter((e) => e.status !== 'CANCELLED')
        .map((e) => ({ kind: 'events' as const, id: e.id, organisationIds: e.organisers.map((o: any) => o.id) })),
      ...grants.map((g) => ({
        kind: 'grants' as const,
        id: g.id,
        organisationIds: [g.recipient.id, ...g.partners.map((p: any) => p.id)],
      })),
    ],
  };
}

function expectedTies(facts: Facts, territory: string, level: TerritoryLevel) {
  const ties = new Map<string, Record<'partnerships' | 'grants' | 'events', Set<string>>>();
  for (const source of facts.sources) {
    const units = [
      ...new Set(
        source.organisationIds
          .map((id) => facts.seats.get(id))
          .filter((s): s is string => !!s)
          .map((seat) => ancestorAt(seat, level))
          .filter((u): u is string => !!u),
      ),
    ].sort();
    for (const a of units)
      for (const b of units) {
        if (a >= b || !(a.startsWith(territory) || b.startsWith(territory))) continue;
        const tie = ties.get(`${a} ${b}`) ?? { partnerships: new Set(), grants: new Set(), events: new Set() };
        tie[source.kind].add(source.id);
        ties.set(`${a} ${b}`, tie);
      }
  }
  return [...ties]
    .sort(([x], [y]) => (x < y ? -1 : 1))
    .map(([pair, t]) => {
      const [a, b] = pair.split(' ');
      return {
        a: { code: a },
        b: { code: b },
        partnerships: t.partnerships.size,
        grants: t.grants.size,
        events: t.events.size,
      };
    });
}

describe('cooperation, checked against the plain lists', () => {
  it.each([
    ['14', 'WOJEWODZTWO'],
    ['14', 'POWIAT'],
    ['14', 'GMINA'],
    ['1433', 'GMINA'],
    ['20', 'POWIAT'],
    ['20', 'GMINA'],
    ['1465', 'GMINA'],
  ] as const)('agrees for %s at %s', async (territory, level) => {
    const facts = await plainFacts();
    const data = await ask(
      'query($t: String!, $l: TerritoryLevel!) { cooperation(territory: $t, level: $l) { a { code } b { code } partnerships grants events } }',
      { t: territory, l: level },
    );
    const expected = expectedTies(facts, territory, level);
    expect(data.cooperation).toEqual(expected);
    if (territory === '14' && level === 'WOJEWODZTWO') expect(expected.length).toBeGreaterThan(0);
  });

  it('follows a change made through the gateway at once', async () => {
    const before = await ask('{ cooperation(territory: "20", level: GMINA) { a { code } b { code } events } }');
    const [x, y] = (await all<any>('organisations', 'id territory { code }')).filter(
      (o) => o.territory?.code === '2061011' || o.territory?.code === '2002013',
    );
    const pair = [x, y].filter(Boolean);
    expect(pair).toHaveLength(2);
    await ask(
      'mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }',
      {
        input: {
          title: 'Spotkanie natychmiastowe',
          kind: 'MEETING',
          datePrecision: 'TIME',
          startsAt: '2026-12-10T17:00:00',
          organiserIds: pair.map((o: any) => o.id),
        },
      },
      true,
    );
    const after = await ask('{ cooperation(territory: "20", level: GMINA) { a { code } b { code } events } }');
    expect(after).not.toEqual(before);
    expect(after.cooperation).toEqual(
      expectedTies(await plainFacts(), '20', 'GMINA').map(({ a, b, events }) => ({ a, b, events })),
    );
  });
});

describe('Organisation.cooperatesWith, checked against the plain lists', () => {
  it('gives every organisation the partners and counts the lists imply', async () => {
    const facts = await plainFacts();
    // One organisation per request: a 100 × 100 nested page is refused by the gateway's cost limit.
    for (const { id } of await all<any>('organisations', 'id')) {
      const node = {
        id,
        ...(
          await ask(
            `query($id: ID!) { organisation(id: $id) {
        cooperatesWith(first: 100) { totalCount edges { node { organisation { id } partnerships grants events } } } } }`,
            { id },
          )
        ).organisation,
      };
      const expected = new Map<string, { partnerships: number; grants: number; events: number }>();
      for (const source of facts.sources) {
        if (!source.organisationIds.includes(node.id)) continue;
        for (const other of new Set(source.organisationIds)) {
          if (other === node.id) continue;
          const counts = expected.get(other) ?? { partnerships: 0, grants: 0, events: 0 };
          counts[source.kind] += 1;
          expected.set(other, counts);
        }
      }
      const got = new Map(
        node.cooperatesWith.edges.map((e: any) => [
          e.node.organisation.id,
          { partnerships: e.node.partnerships, grants: e.node.grants, events: e.node.events },
        ]),
      );
      expect(got).toEqual(expected);
      expect(node.cooperatesWith.totalCount).toBe(expected.size);
    }
  });
});

describe('fundingFlows, checked against the plain lists', () => {
  const GROUPS = ['FUNDER', 'PROGRAMME', 'YEAR', 'TERRITORY'] as const;
  const cents = (amount: string) => BigInt(amount.replace('.', ''));
  const decimal = (c: bigint) =>
    `${c < 0n ? '-' : ''}${(c < 0n ? -c : c) / 100n}.${String((c < 0n ? -c : c) % 100n).padStart(2, '0')}`;

  async function expectedFlows(territory: string, level: TerritoryLevel, groupBy: readonly string[]) {
    const seats = new Map(
      (await all<any>('organisations', 'id territory { code }')).map((o) => [o.id, o.territory?.code ?? null]),
    );
    const grants = await all<any>(
      'grants',
      `id startsOn recipient { id } programme { id } funder { id }
      amountAwarded { amount currency } ownContribution { amount currency } fundingSources { funder { id } amount { amount currency } }`,
    );
    const flows = new Map<string, any>();
    for (const grant of grants) {
      const seat = seats.get(grant.recipient.id);
      if (!seat?.startsWith(territory)) continue;
      const parts = groupBy.includes('FUNDER')
        ? grant.fundingSources.length
          ? grant.fundingSources.map((s: any) => ({ funder: s.funder.id, money: s.amount }))
          : [{ funder: grant.funder.id, money: grant.amountAwarded }]
        : [{ funder: null, money: grant.amountAwarded }];
      for (const part of parts) {
        const keys = {
          funder: groupBy.includes('FUNDER') ? part.funder : null,
          programme: groupBy.includes('PROGRAMME') ? (grant.programme?.id ?? null) : null,
          year: groupBy.includes('YEAR') ? (grant.startsOn ? Number(grant.startsOn.slice(0, 4)) : null) : null,
          territory: groupBy.includes('TERRITORY') ? ancestorAt(seat, level) : null,
          currency: part.money?.currency ?? null,
        };
        const id = JSON.stringify(keys);
        const flow = flows.get(id) ?? { ...keys, grants: new Set(), without: new Set(), amount: 0n, own: new Map() };
        flow.grants.add(grant.id);
        if (part.money) flow.amount += cents(part.money.amount);
        else flow.without.add(grant.id);
        if (grant.ownContribution) flow.own.set(grant.id, cents(grant.ownContribution.amount));
        flows.set(id, flow);
      }
    }
    return [...flows.values()]
      .map((f) => ({
        funder: f.funder && { id: f.funder },
        programme: f.programme && { id: f.programme },
        year: f.year,
        territory: f.territory && { code: f.territory },
        currency: f.currency,
        grants: f.grants.size,
        grantsWithoutAmount: f.without.size,
        amountAwarded: decimal(f.amount),
        ownContribution: groupBy.includes('FUNDER')
          ? null
          : decimal([...f.own.values()].reduce((x: bigint, y: bigint) => x + y, 0n)),
      }))
      .sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1));
  }

  const subsets = Array.from({ length: 16 }, (_, mask) => GROUPS.filter((_, i) => mask & (1 << i)));

  it.each(subsets.map((s) => [s.join('+') || '(none)', s] as const))(
    'agrees in Mazowieckie by powiat, grouped by %s',
    async (_label, groupBy) => {
      const data = await ask(
        `query($g: [FundingGroup!]!) { fundingFlows(territory: "14", level: POWIAT, groupBy: $g) {
      funder { id } programme { id } year territory { code } currency grants grantsWithoutAmount amountAwarded ownContribution } }`,
        { g: groupBy },
      );
      const got = [...data.fundingFlows].sort((x: any, y: any) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1));
      expect(got).toEqual(await expectedFlows('14', 'POWIAT', groupBy));
    },
  );

  it('agrees for Podlaskie by gmina and never adds PLN to EUR', async () => {
    const data = await ask(`{ fundingFlows(territory: "20", level: GMINA, groupBy: [TERRITORY]) {
      funder { id } programme { id } year territory { code } currency grants grantsWithoutAmount amountAwarded ownContribution } }`);
    const got = [...data.fundingFlows].sort((x: any, y: any) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1));
    expect(got).toEqual(await expectedFlows('20', 'GMINA', ['TERRITORY']));
    const currencies = new Set(
      (await ask('{ fundingFlows(territory: "14", level: WOJEWODZTWO, groupBy: []) { currency } }')).fundingFlows.map(
        (f: any) => f.currency,
      ),
    );
    expect(currencies.has('EUR') && currencies.has('PLN')).toBe(true);
  });
});

import { randomUUID } from 'node:crypto';
import {
  createTestDatabase,
  startTestSubgraph,
  TEST_INTERNAL_TOKEN,
  type TestDatabase,
  type TestSubgraph,
} from '@ngo-hub/kit/testing';
import { demoId, demoOrganisationId, TOPICS } from '@ngo-hub/kit';
import { fundingSubgraph } from '../src/subgraph.js';

let db: TestDatabase;
let service: TestSubgraph;

const funder = (key: string) => demoId('funder', key);
const EOG = funder('mechanizm-finansowy-eog');
const NORWAY = funder('norweski-mechanizm-finansowy');
const MAZOWSZE = funder('wojewodztwo-mazowieckie');
const OGARNIJ = funder('fundacja-ogarnij-emocje');
const BIALYSTOK = funder('miasto-bialystok');
const FDOP = demoId('programme', 'fundusz-dla-organizacji-pozarzadowych');
const MF = demoId('programme', 'mf-eog-i-nmf');

type Level = 'WOJEWODZTWO' | 'POWIAT' | 'GMINA';
type Group = 'FUNDER' | 'PROGRAMME' | 'YEAR' | 'TERRITORY';
const GROUPS: Group[] = ['FUNDER', 'PROGRAMME', 'YEAR', 'TERRITORY'];

/**
 * The test's own view of each recipient's seat and of the unit holding it at every level, written
 * out by hand from the register (null: seated above that level). Mutated when a test moves a seat.
 */
interface Seat {
  code: string;
  units: Record<Level, string | null>;
}
const seat = (code: string, w: string, p: string | null, g: string | null): Seat => ({
  code,
  units: { WOJEWODZTWO: w, POWIAT: p, GMINA: g },
});
const ORG = {
  mokotow: randomUUID(), // a Warsaw district: its gmina is the city
  liw: randomUUID(),
  piaseczno: randomUUID(), // an urban-rural gmina
  piasecznoTown: randomUUID(), // its town part: same gmina
  wegrowski: randomUUID(), // seated at a powiat
  mazowsze: randomUUID(), // seated at the voivodeship
  bialystok: randomUUID(), // outside Mazowsze
  unseated: randomUUID(), // its seat deleted (the organisation is gone)
  seatless: randomUUID(), // a seat event without a code
};
const SEATS = new Map<string, Seat | null>([
  [ORG.mokotow, seat('1465058', '14', '1465', '1465011')],
  [ORG.liw, seat('1433042', '14', '1433', '1433042')],
  [ORG.piaseczno, seat('1418043', '14', '1418', '1418043')],
  [ORG.piasecznoTown, seat('1418044', '14', '1418', '1418043')],
  [ORG.wegrowski, seat('1433', '14', '1433', null)],
  [ORG.mazowsze, seat('14', '14', null, null)],
  [ORG.bialystok, seat('2061011', '20', '2061', '2061011')],
  [ORG.seatless, null],
  // Recipients of the demo grants (which have no amounts): one inside, one outside.
  [demoOrganisationId('fundacja-ogarnij-emocje'), seat('1434', '14', '1434', null)],
  [demoOrganisationId('klub-mysli-spolecznej-inicjatywy'), seat('2061011', '20', '2061', '2061011')],
]);

/** Inside `territory`: the seat's code starts with it, or (a gmina's part or district) its gmina is it. */
const inside = (s: Seat, territory: string) => s.code.startsWith(territory) || s.units.GMINA === territory;

let version = 1;
async function postSeats(entries: [string, Seat | null | 'gone'][]): Promise<void> {
  const response = await fetch(service.url.replace(/\/graphql$/, '/internal/events'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_INTERNAL_TOKEN}` },
    body: JSON.stringify({
      publisher: 'organisations',
      events: entries.map(([key, s]) => ({
        topic: TOPICS.organisationSeat.name,
        key,
        version: version++,
        payload: s === 'gone' ? null : { territoryCode: s?.code ?? null },
      })),
    }),
  });
  expect(response.status).toBe(200);
  for (const [key, s] of entries) {
    if (s === 'gone') SEATS.delete(key);
    else SEATS.set(key, s);
  }
}

const money = (amount: string | null, currency = 'PLN') => (amount === null ? null : { amount, currency });

async function createGrant(input: Record<string, unknown>): Promise<void> {
  const result = await service.query(
    'mutation($input: CreateGrantInput!) { createGrant(input: $input) { id } }',
    { input: { formOfSupport: 'GRANT', title: 'Dotacja', ...input } },
    { admin: true },
  );
  expect(result.errors).toBeUndefined();
}

beforeAll(async () => {
  db = await createTestDatabase('funding_flows');
  service = await startTestSubgraph(fundingSubgraph, db.url);
  await postSeats([...SEATS.entries()]);
  const src = (funderId: string, amount: string | null, currency = 'PLN') => ({
    funderId,
    amount: money(amount, currency),
  });
  // Co-financing in PLN, split between two funders.
  await createGrant({
    recipientId: ORG.mokotow,
    funderId: MAZOWSZE,
    programmeId: FDOP,
    startsOn: '2023-03-01',
    amountAwarded: money('100000.10'),
    ownContribution: money('5000.05'),
    fundingSources: [src(MAZOWSZE, '60000.05'), src(OGARNIJ, '40000.05')],
  });
  await createGrant({
    recipientId: ORG.liw,
    funderId: MAZOWSZE,
    startsOn: '2023-05-01',
    amountAwarded: money('2500.33'),
    partnerIds: [ORG.mokotow],
  });
  // One source's share unknown: it counts as a grant without amount for that funder only.
  await createGrant({
    recipientId: ORG.piasecznoTown,
    funderId: MAZOWSZE,
    startsOn: '2024-01-01',
    amountAwarded: money('1234.56'),
    ownContribution: money('100.00'),
    fundingSources: [src(MAZOWSZE, null), src(OGARNIJ, '1000.00')],
  });
  // In EUR: never added to PLN.
  await createGrant({
    recipientId: ORG.wegrowski,
    funderId: EOG,
    programmeId: FDOP,
    startsOn: '2024-06-01',
    amountAwarded: money('999.99', 'EUR'),
    ownContribution: money('10.01', 'EUR'),
    fundingSources: [src(EOG, '500.50', 'EUR'), src(NORWAY, '499.49', 'EUR')],
  });
  await createGrant({
    recipientId: ORG.mokotow,
    funderId: OGARNIJ,
    startsOn: '2023-11-11',
    amountAwarded: money('10.10', 'EUR'),
    fundingSources: [src(OGARNIJ, '10.10', 'EUR')],
  });
  // Only an own contribution known: PLN, but no amount awarded.
  await createGrant({ recipientId: ORG.mazowsze, funderId: BIALYSTOK, ownContribution: money('300.00') });
  await createGrant({
    recipientId: ORG.piaseczno,
    funderId: OGARNIJ,
    programmeId: MF,
    startsOn: '2023-12-31',
    amountAwarded: money('0.01'),
  });
  await createGrant({
    recipientId: ORG.piaseczno,
    funderId: OGARNIJ,
    programmeId: MF,
    startsOn: '2023-12-31',
    amountAwarded: money('999999999999999.99'),
  });
  // Not covered: seated outside, never seated, or seat unknown.
  await createGrant({
    recipientId: ORG.bialystok,
    funderId: BIALYSTOK,
    startsOn: '2023-01-01',
    amountAwarded: money('777.77'),
  });
  // A recipient with no seat row: an organisation that existed when its grant was made and is gone since.
  await postSeats([[ORG.unseated, seat('1433042', '14', '1433', '1433042')]]);
  await createGrant({
    recipientId: ORG.unseated,
    funderId: OGARNIJ,
    startsOn: '2023-01-01',
    amountAwarded: money('555.55'),
  });
  await postSeats([[ORG.unseated, 'gone']]);
  await createGrant({
    recipientId: ORG.seatless,
    funderId: OGARNIJ,
    startsOn: '2023-01-01',
    amountAwarded: money('444.44'),
  });
});

afterAll(async () => {
  await service?.close();
  await db?.drop();
});

interface PlainGrant {
  id: string;
  recipient: { id: string };
  funder: { id: string };
  programme: { id: string } | null;
  currency: string | null;
  startsOn: string | null;
  amountAwarded: { amount: string } | null;
  ownContribution: { amount: string } | null;
  fundingSources: { funder: { id: string }; amount: { amount: string } | null }[];
}

async function plainGrants(): Promise<PlainGrant[]> {
  const result = await service.query(`{ grants(first: 100) { totalCount edges { node {
    id recipient { id } funder { id } programme { id } currency startsOn amountAwarded { amount } ownContribution { amount }
    fundingSources { funder { id } amount { amount } } } } } }`);
  expect(result.errors).toBeUndefined();
  expect(result.data.grants.totalCount).toBeLessThanOrEqual(100);
  return result.data.grants.edges.map((e: { node: PlainGrant }) => e.node);
}

const cents = (value: string) => {
  const [whole, fraction = ''] = value.split('.');
  return BigInt(whole!) * 100n + BigInt(fraction.padEnd(2, '0'));
};
const decimal = (c: bigint) => `${c / 100n}.${(c % 100n).toString().padStart(2, '0')}`;

interface Flow {
  funder: { id: string } | null;
  programme: { id: string } | null;
  year: number | null;
  territory: { code: string } | null;
  currency: string | null;
  grants: number;
  grantsWithoutAmount: number;
  amountAwarded: string;
  ownContribution: string | null;
}

/** The flows as the issue defines them, from the plain grant list and the test's seats. */
function expectedFlows(grants: PlainGrant[], territory: string, level: Level, groupBy: Group[]): Flow[] {
  const by = new Set(groupBy);
  const acc = new Map<
    string,
    { keys: (string | number | null)[]; ids: Set<string>; unknown: Set<string>; amount: bigint; own: bigint }
  >();
  for (const g of grants) {
    const s = SEATS.get(g.recipient.id);
    if (!s || !inside(s, territory)) continue;
    const contributions = !by.has('FUNDER')
      ? [{ funder: null, amount: g.amountAwarded?.amount ?? null }]
      : g.fundingSources.length
        ? g.fundingSources.map((f) => ({ funder: f.funder.id, amount: f.amount?.amount ?? null }))
        : [{ funder: g.funder.id, amount: g.amountAwarded?.amount ?? null }];
    for (const c of contributions) {
      const keys = [
        c.funder,
        by.has('PROGRAMME') ? (g.programme?.id ?? null) : null,
        by.has('YEAR') && g.startsOn ? Number(g.startsOn.slice(0, 4)) : null,
        by.has('TERRITORY') ? s.units[level] : null,
        g.currency,
      ];
      const id = JSON.stringify(keys);
      const entry = acc.get(id) ?? { keys, ids: new Set(), unknown: new Set(), amount: 0n, own: 0n };
      acc.set(id, entry);
      if (!entry.ids.has(g.id) && g.ownContribution) entry.own += cents(g.ownContribution.amount);
      entry.ids.add(g.id);
      if (c.amount === null) entry.unknown.add(g.id);
      else entry.amount += cents(c.amount);
    }
  }
  const compare = (a: (string | number | null)[], b: (string | number | null)[]) => {
    for (let i = 0; i < a.length; i++) {
      if (a[i] === b[i]) continue;
      if (a[i] === null) return 1;
      if (b[i] === null) return -1;
      return a[i]! < b[i]! ? -1 : 1;
    }
    return 0;
  };
  return [...acc.values()]
    .sort((a, b) => compare(a.keys, b.keys))
    .map((e) => {
      const [f, p, y, t, currency] = e.keys as [
        string | null,
        string | null,
        number | null,
        string | null,
        string | null,
      ];
      return {
        funder: f ? { id: f } : null,
        programme: p ? { id: p } : null,
        year: y,
        territory: t ? { code: t } : null,
        currency,
        grants: e.ids.size,
        grantsWithoutAmount: e.unknown.size,
        amountAwarded: decimal(e.amount),
        ownContribution: by.has('FUNDER') ? null : decimal(e.own),
      };
    });
}

const FLOWS = `query($territory: String!, $level: TerritoryLevel!, $groupBy: [FundingGroup!]!) {
  fundingFlows(territory: $territory, level: $level, groupBy: $groupBy) {
    funder { id } programme { id } year territory { code } currency grants grantsWithoutAmount amountAwarded ownContribution
  }
}`;

async function flows(territory: string, level: Level, groupBy: Group[]) {
  const result = await service.query<{ fundingFlows: Flow[] }>(FLOWS, { territory, level, groupBy });
  expect(result.errors).toBeUndefined();
  return { flows: result.data!.fundingFlows, sqlStatements: result.sqlStatements };
}

const SUBSETS: Group[][] = Array.from({ length: 16 }, (_, mask) => GROUPS.filter((_, i) => mask & (1 << i)));

describe('fundingFlows', () => {
  it('matches the definition for every grouping, at every level, for a voivodeship and for an urban-rural gmina', async () => {
    const grants = await plainGrants();
    const scopes: [string, Level][] = [
      ['14', 'WOJEWODZTWO'],
      ['14', 'POWIAT'],
      ['14', 'GMINA'],
      ['1418043', 'GMINA'],
    ];
    for (const [territory, level] of scopes) {
      for (const groupBy of SUBSETS) {
        const { flows: actual } = await flows(territory, level, groupBy);
        expect({ territory, level, groupBy, flows: actual }).toEqual({
          territory,
          level,
          groupBy,
          flows: expectedFlows(grants, territory, level, groupBy),
        });
      }
    }
  });

  it('gives the figures a reader expects for Mazowsze, per funder and currency', async () => {
    const { flows: actual } = await flows('14', 'GMINA', ['FUNDER']);
    const row = (id: string, currency: string) => actual.find((f) => f.funder?.id === id && f.currency === currency);
    // 60000.05 (Mokotów) + 2500.33 (Liw, no sources: the awarding funder) + unknown share (Piaseczno town).
    expect(row(MAZOWSZE, 'PLN')).toMatchObject({
      grants: 3,
      grantsWithoutAmount: 1,
      amountAwarded: '62500.38',
      ownContribution: null,
    });
    expect(row(OGARNIJ, 'PLN')).toMatchObject({
      grants: 4,
      grantsWithoutAmount: 0,
      amountAwarded: '1000000000041000.05',
    });
    expect(row(OGARNIJ, 'EUR')).toMatchObject({ grants: 1, amountAwarded: '10.10' });
    expect(row(EOG, 'EUR')).toMatchObject({ grants: 1, amountAwarded: '500.50' });
    // The demo grant without any amount: its own, currency-less group.
    expect(
      actual
        .filter((f) => f.currency === null)
        .map((f) => f.funder?.id)
        .sort(),
    ).toEqual([MAZOWSZE, OGARNIJ].sort());

    const { flows: total } = await flows('14', 'POWIAT', []);
    expect(total.map((f) => [f.currency, f.grants, f.grantsWithoutAmount, f.amountAwarded, f.ownContribution])).toEqual(
      [
        ['EUR', 2, 0, '1010.09', '10.01'],
        ['PLN', 6, 1, '1000000000103734.99', '5400.05'],
        [null, 1, 1, '0.00', '0.00'],
      ],
    );

    const { flows: byGmina } = await flows('14', 'GMINA', ['TERRITORY']);
    // A Warsaw district counts for Warszawa, a town part for its gmina; seats above gmina level have no unit.
    expect(byGmina.map((f) => [f.territory?.code ?? null, f.currency])).toEqual([
      ['1418043', 'PLN'],
      ['1433042', 'PLN'],
      ['1465011', 'EUR'],
      ['1465011', 'PLN'],
      [null, 'EUR'],
      [null, 'PLN'],
      [null, null],
    ]);
  });

  it('ignores the order and repeats of groupBy', async () => {
    const plain = await flows('14', 'POWIAT', ['FUNDER', 'YEAR']);
    const repeated = await flows('14', 'POWIAT', ['YEAR', 'FUNDER', 'YEAR', 'FUNDER']);
    expect(repeated.flows).toEqual(plain.flows);
  });

  it('follows a seat change received as an event at once', async () => {
    const query: [string, Level, Group[]] = ['14', 'POWIAT', ['TERRITORY', 'FUNDER']];
    const liw = SEATS.get(ORG.liw)!;
    // Liw's office moves to Białystok: its grant leaves Mazowsze.
    await postSeats([[ORG.liw, seat('2061011', '20', '2061', '2061011')]]);
    let actual = (await flows(...query)).flows;
    expect(actual).toEqual(expectedFlows(await plainGrants(), ...query));
    expect(actual.some((f) => f.territory?.code === '1433' && f.funder?.id === MAZOWSZE)).toBe(false);

    // Moves to Mokotów: its grant now counts for Warszawa.
    await postSeats([[ORG.liw, seat('1465058', '14', '1465', '1465011')]]);
    actual = (await flows(...query)).flows;
    expect(actual).toEqual(expectedFlows(await plainGrants(), ...query));
    expect(
      actual.find((f) => f.territory?.code === '1465' && f.funder?.id === MAZOWSZE && f.currency === 'PLN')
        ?.amountAwarded,
    ).toBe('62500.38');

    // The organisation is gone: its grants are no longer covered.
    await postSeats([[ORG.liw, 'gone']]);
    expect((await flows(...query)).flows).toEqual(expectedFlows(await plainGrants(), ...query));
    await postSeats([[ORG.liw, liw]]);
    expect((await flows(...query)).flows).toEqual(expectedFlows(await plainGrants(), ...query));
  });

  it('refuses bad arguments with coded errors naming the argument', async () => {
    const cases: [string, string, string, string][] = [
      ['14x', 'POWIAT', 'BAD_USER_INPUT', 'territory'],
      ['1499', 'GMINA', 'NOT_FOUND', 'territory'],
      ['14', 'GMINA_PART', 'BAD_USER_INPUT', 'level'],
      ['14', 'CITY_DISTRICT', 'BAD_USER_INPUT', 'level'],
      ['1433', 'WOJEWODZTWO', 'BAD_USER_INPUT', 'level'],
      ['1433042', 'POWIAT', 'BAD_USER_INPUT', 'level'],
      // A gmina part lies below the GMINA level.
      ['1418044', 'GMINA', 'BAD_USER_INPUT', 'level'],
    ];
    for (const [territory, level, code, field] of cases) {
      const result = await service.query(FLOWS, { territory, level, groupBy: ['FUNDER'] });
      expect({ territory, level, error: result.errors?.[0]?.extensions }).toEqual({
        territory,
        level,
        error: expect.objectContaining({ code, field }),
      });
    }
    const message = (await service.query(FLOWS, { territory: '1433042', level: 'POWIAT', groupBy: [] })).errors?.[0]
      ?.message;
    expect(message).toBe('level POWIAT is above GMINA 1433042: no powiat lies inside it');
  });

  it('costs the same few statements however many grants there are', async () => {
    const query: [string, Level, Group[]] = ['14', 'GMINA', ['FUNDER', 'PROGRAMME', 'YEAR', 'TERRITORY']];
    const small = await flows(...query);
    const recipients = [ORG.mokotow, ORG.liw, ORG.piaseczno, ORG.piasecznoTown, ORG.wegrowski, ORG.mazowsze];
    const funders = [EOG, NORWAY, MAZOWSZE, OGARNIJ, BIALYSTOK];
    for (let i = 0; i < 25; i++) {
      await createGrant({
        recipientId: recipients[i % recipients.length],
        funderId: funders[i % funders.length],
        programmeId: i % 3 ? FDOP : MF,
        startsOn: `${2015 + (i % 7)}-02-0${1 + (i % 9)}`,
        amountAwarded: money(`${i + 1}.${String(i).padStart(2, '0')}`, i % 4 ? 'PLN' : 'EUR'),
      });
    }
    const large = await flows(...query);
    expect(large.flows.length).toBeGreaterThan(small.flows.length + 10);
    expect(large.flows).toEqual(expectedFlows(await plainGrants(), ...query));
    // The data version, one aggregate, one batch of funders, one of programmes.
    expect(small.sqlStatements).toBe(4);
    expect(large.sqlStatements).toBe(small.sqlStatements);
  });

  it('answers a repeated question from its cache, and never from a stale one', async () => {
    const query: [string, Level, Group[]] = ['14', 'POWIAT', ['FUNDER', 'YEAR']];
    const first = await flows(...query);
    const again = await flows(...query);
    expect(again.flows).toEqual(first.flows);
    expect(again.sqlStatements).toBe(first.sqlStatements - 1);
    await createGrant({
      recipientId: ORG.liw,
      funderId: MAZOWSZE,
      startsOn: '2024-03-01',
      amountAwarded: money('123.45', 'PLN'),
    });
    const changed = await flows(...query);
    expect(changed.flows).toEqual(expectedFlows(await plainGrants(), ...query));
    expect(changed.flows).not.toEqual(first.flows);
  });
});

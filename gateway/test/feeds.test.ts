import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import ICAL from 'ical.js';
import { parse as parseCsv } from 'csv-parse/sync';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { postGraphQL, startTestSubgraph, TEST_ADMIN_TOKEN } from '@ngo-hub/kit/testing';
import { fundingSubgraph } from '@ngo-hub/funding';
import { startTestGateway, startTestSubgraphs, type TestSubgraphs } from './support/hub.js';
import { collectPages, type FeedApollo } from '../src/feeds/graphql.js';

// The feeds on the whole hub (four subgraphs, one real PostgreSQL database of their own), with
// extra organisations, events and grants created through the admin mutations, read back with
// third-party parsers: ical.js for the calendar, csv-parse for the CSV, ajv for 360Giving.
let hub: TestSubgraphs;
let subgraphs: TestSubgraphs['subgraphs'];
let gateway: FastifyInstance;
let graphqlUrl: string;
let base: string;

const ask = async (query: string, variables?: Record<string, unknown>) => {
  const result = await postGraphQL(graphqlUrl, query, variables, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data;
};

const LIW = '1433042';
const ids = {} as {
  orgWithEmail: string;
  orgWithoutEmail: string;
  partnership: string;
  summer: string;
  winter: string;
  day: string;
  month: string;
  unknown: string;
  partnershipEvent: string;
  grantExact: string;
  grantBig: string;
  grantNoAmount: string;
  grantNoDate: string;
};

async function createOrganisation(input: Record<string, unknown>): Promise<string> {
  return (
    await ask('mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }', { input })
  ).createOrganisation.id;
}
async function createEvent(input: Record<string, unknown>): Promise<string> {
  return (await ask('mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }', { input })).createEvent
    .id;
}
async function createGrant(input: Record<string, unknown>): Promise<string> {
  return (await ask('mutation($input: CreateGrantInput!) { createGrant(input: $input) { id } }', { input })).createGrant
    .id;
}

beforeAll(async () => {
  // As under `npm start`: each subgraph's integration events reach the others (references are checked against them).
  hub = await startTestSubgraphs('feeds');
  subgraphs = hub.subgraphs;
  ({ app: gateway, url: graphqlUrl } = await startTestGateway(subgraphs));
  base = graphqlUrl.replace(/\/graphql$/, '');

  ids.orgWithEmail = await createOrganisation({
    name: 'Stowarzyszenie „Źródło” Gęśla Jaźń, Łódź',
    shortName: 'Źródło',
    sector: 'NGO',
    legalForm: 'STOWARZYSZENIE',
    publicBenefit: true,
    address: { streetAddress: 'ul. Żółkiewskiego 5 lok. 2', postalCode: '07-100', locality: 'Liw' },
    territory: LIW,
    website: 'https://zrodlo.example.pl',
    email: 'biuro@zrodlo.example.pl',
    phone: '+48 25 123 45 67',
    identifiers: [
      { scheme: 'KRS', value: '0000987654' },
      { scheme: 'NIP', value: '7393150822' },
      { scheme: 'REGON', value: '519238470' },
    ],
  });
  ids.orgWithoutEmail = await createOrganisation({
    name: 'Koło Gospodyń Wiejskich w Liwie',
    sector: 'NGO',
    legalForm: 'KOLO_GOSPODYN_WIEJSKICH',
    territory: LIW,
  });
  ids.partnership = (await ask('{ partnerships(first: 1) { edges { node { id } } } }')).partnerships.edges[0].node.id;

  const venue = {
    name: 'Dom Kultury',
    streetAddress: 'ul. Targowa 1',
    postalCode: '07-100',
    locality: 'Liw',
    territory: LIW,
  };
  ids.summer = await createEvent({
    title: 'Letnie warsztaty, część 1; plener',
    description: 'Warsztaty w plenerze.\nZapraszamy!',
    kind: 'WORKSHOP',
    datePrecision: 'TIME',
    startsAt: '2026-07-15T18:00:00',
    endsAt: '2026-07-15T20:30:00',
    organiserIds: [ids.orgWithEmail, ids.orgWithoutEmail],
    venue,
    url: 'https://zrodlo.example.pl/warsztaty',
    status: 'TENTATIVE',
  });
  ids.winter = await createEvent({
    title: 'Zimowe spotkanie',
    kind: 'MEETING',
    datePrecision: 'TIME',
    startsAt: '2026-01-20T09:30:00',
    organiserIds: [ids.orgWithoutEmail],
    venue,
  });
  ids.day = await createEvent({
    title: 'Festyn dwudniowy',
    kind: 'FESTIVAL',
    datePrecision: 'DAY',
    startsAt: '2026-09-12T00:00:00',
    endsAt: '2026-09-13T23:59:59.999',
    organiserIds: [ids.orgWithEmail],
    venue,
  });
  ids.month = await createEvent({
    title: 'Jesienne forum',
    kind: 'FORUM',
    datePrecision: 'MONTH',
    startsAt: '2026-10-01T00:00:00',
    organiserIds: [ids.orgWithEmail],
    venue,
  });
  ids.unknown = await createEvent({
    title: 'Spotkanie bez daty',
    kind: 'MEETING',
    datePrecision: 'UNKNOWN',
    organiserIds: [ids.orgWithEmail],
    venue,
  });
  ids.partnershipEvent = await createEvent({
    title: 'Spotkanie partnerstwa',
    kind: 'MEETING',
    datePrecision: 'TIME',
    startsAt: '2026-03-02T17:00:00',
    organiserIds: [ids.orgWithoutEmail],
    partnershipId: ids.partnership,
    venue: { locality: 'Białystok', territory: '2061011' },
  });
  await ask('mutation($id: ID!) { cancelEvent(id: $id) { id } }', { id: ids.winter });

  const funderId = (await ask('{ funders { id name } }')).funders.find((f: any) => f.name === 'Miasto Białystok').id;
  const grant = (title: string, extra: Record<string, unknown>) =>
    createGrant({
      title,
      recipientId: ids.orgWithEmail,
      funderId,
      formOfSupport: 'PUBLIC_TASK_SUPPORT',
      beneficiaryTerritories: [LIW],
      ...extra,
    });
  ids.grantExact = await grant('Grant z groszami', {
    amountAwarded: { amount: '1000.10', currency: 'PLN' },
    agreementSignedOn: '2026-02-03',
    startsOn: '2026-03-01',
    endsOn: '2026-11-30',
    description: 'Zajęcia dla seniorów',
  });
  ids.grantBig = await grant('Duży grant', {
    amountAwarded: { amount: '98765432109876.05', currency: 'PLN' },
    agreementSignedOn: '2026-02-04',
  });
  ids.grantNoAmount = await grant('Grant bez kwoty', { agreementSignedOn: '2026-02-05' });
  ids.grantNoDate = await grant('Grant bez daty umowy', { amountAwarded: { amount: '500.00', currency: 'PLN' } });
});

afterAll(async () => {
  await gateway?.close();
  await hub?.close();
});

const get = (path: string) => fetch(`${base}${path}`);

function parseCalendar(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent');
  const byUid = new Map(events.map((e) => [String(e.getFirstPropertyValue('uid')), e]));
  return { calendar, events, byUid };
}

describe('GET /feeds/events.ics', () => {
  it('is an RFC 5545 calendar with a Europe/Warsaw VTIMEZONE carrying the DST rules', async () => {
    const response = await get(`/feeds/events.ics?territory=${LIW}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(response.headers.get('content-disposition')).toBe(`inline; filename="ngo-hub-events-${LIW}.ics"`);
    const text = await response.text();
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const { calendar } = parseCalendar(text);
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//ngo-hub//events feed//PL');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('ngo-hub: wydarzenia – Liw');
    const [zone, ...more] = calendar.getAllSubcomponents('vtimezone');
    expect(more).toHaveLength(0);
    expect(zone!.getFirstPropertyValue('tzid')).toBe('Europe/Warsaw');
    const daylight = zone!.getFirstSubcomponent('daylight')!;
    const standard = zone!.getFirstSubcomponent('standard')!;
    expect(daylight.getFirstProperty('tzoffsetto')!.toJSON()[3]).toBe('+02:00');
    expect(String(daylight.getFirstPropertyValue('rrule'))).toBe('FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU');
    expect(standard.getFirstProperty('tzoffsetto')!.toJSON()[3]).toBe('+01:00');
    expect(String(standard.getFirstPropertyValue('rrule'))).toBe('FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU');
  });

  it('writes a summer and a winter event in Warsaw wall-clock time, right in UTC through the VTIMEZONE', async () => {
    const { calendar, byUid } = parseCalendar(await (await get(`/feeds/events.ics?territory=${LIW}`)).text());
    ICAL.TimezoneService.register(calendar.getFirstSubcomponent('vtimezone')!);
    const summer = byUid.get(`${ids.summer}@ngo-hub`)!;
    const start = summer.getFirstProperty('dtstart')!;
    expect(start.getParameter('tzid')).toBe('Europe/Warsaw');
    expect(start.getFirstValue().toString()).toBe('2026-07-15T18:00:00');
    expect(new Date((start.getFirstValue() as ICAL.Time).toUnixTime() * 1000).toISOString()).toBe(
      '2026-07-15T16:00:00.000Z',
    );
    expect(summer.getFirstProperty('dtend')!.getFirstValue().toString()).toBe('2026-07-15T20:30:00');

    const winter = byUid.get(`${ids.winter}@ngo-hub`)!;
    const winterStart = winter.getFirstProperty('dtstart')!;
    expect(winterStart.getParameter('tzid')).toBe('Europe/Warsaw');
    expect(winterStart.getFirstValue().toString()).toBe('2026-01-20T09:30:00');
    expect(new Date((winterStart.getFirstValue() as ICAL.Time).toUnixTime() * 1000).toISOString()).toBe(
      '2026-01-20T08:30:00.000Z',
    );
    expect(winter.getFirstProperty('dtend')).toBeNull();
  });

  it('fills SUMMARY, DESCRIPTION, LOCATION, URL, STATUS, CATEGORIES, ORGANIZER and a UTC DTSTAMP', async () => {
    const { byUid } = parseCalendar(await (await get(`/feeds/events.ics?territory=${LIW}`)).text());
    const summer = byUid.get(`${ids.summer}@ngo-hub`)!;
    expect(summer.getFirstPropertyValue('summary')).toBe('Letnie warsztaty, część 1; plener');
    expect(summer.getFirstPropertyValue('description')).toBe('Warsztaty w plenerze.\nZapraszamy!');
    expect(summer.getFirstPropertyValue('location')).toBe('Dom Kultury, ul. Targowa 1, 07-100 Liw');
    expect(summer.getFirstPropertyValue('url')).toBe('https://zrodlo.example.pl/warsztaty');
    expect(summer.getFirstPropertyValue('status')).toBe('TENTATIVE');
    expect(summer.getFirstPropertyValue('categories')).toBe('WORKSHOP');
    const organizer = summer.getFirstProperty('organizer')!;
    expect(organizer.getParameter('cn')).toBe('Stowarzyszenie „Źródło” Gęśla Jaźń, Łódź');
    expect(organizer.getFirstValue()).toBe('mailto:biuro@zrodlo.example.pl');
    const stamp = summer.getFirstPropertyValue('dtstamp') as ICAL.Time;
    expect(stamp.zone?.tzid ?? stamp.timezone).toBe('UTC');

    const winter = byUid.get(`${ids.winter}@ngo-hub`)!;
    expect(winter.getFirstPropertyValue('status')).toBe('CANCELLED');
    // No e-mail published: the organisation is named by a URN of its hub id, never an invented mailbox.
    expect(winter.getFirstProperty('organizer')!.getFirstValue()).toBe(`urn:uuid:${ids.orgWithoutEmail}`);
    expect(winter.getFirstProperty('organizer')!.getParameter('cn')).toBe('Koło Gospodyń Wiejskich w Liwie');
  });

  it('writes DAY events as all-day dates with an exclusive DTEND, and leaves out MONTH and UNKNOWN events', async () => {
    const response = await get(`/feeds/events.ics?organisation=${ids.orgWithEmail}`);
    const { byUid } = parseCalendar(await response.text());
    const day = byUid.get(`${ids.day}@ngo-hub`)!;
    const start = day.getFirstProperty('dtstart')!;
    expect(start.type).toBe('date');
    expect(start.getFirstValue().toString()).toBe('2026-09-12');
    expect(day.getFirstProperty('dtend')!.type).toBe('date');
    expect(day.getFirstProperty('dtend')!.getFirstValue().toString()).toBe('2026-09-14');
    expect(byUid.has(`${ids.month}@ngo-hub`)).toBe(false);
    expect(byUid.has(`${ids.unknown}@ngo-hub`)).toBe(false);
    expect([...byUid.keys()].sort()).toEqual([`${ids.summer}@ngo-hub`, `${ids.day}@ngo-hub`].sort());
    expect(response.headers.get('x-feed-omitted')).toBe('2');
    expect(response.headers.get('x-feed-truncated')).toBe('false');
  });

  it('keeps UIDs and the whole text stable across two fetches', async () => {
    const first = await (await get(`/feeds/events.ics?territory=${LIW}`)).text();
    const second = await (await get(`/feeds/events.ics?territory=${LIW}`)).text();
    expect(second).toBe(first);
    const uids = parseCalendar(first).events.map((e) => String(e.getFirstPropertyValue('uid')));
    expect(new Set(uids).size).toBe(uids.length);
    expect(uids).toEqual(
      expect.arrayContaining([`${ids.summer}@ngo-hub`, `${ids.winter}@ngo-hub`, `${ids.day}@ngo-hub`]),
    );
    for (const uid of uids) expect(uid).toMatch(/^[0-9a-f-]{36}@ngo-hub$/);
  });

  it('filters by territory with roll-up, by organisation and by partnership', async () => {
    const uidsOf = async (query: string) =>
      parseCalendar(await (await get(`/feeds/events.ics?${query}`)).text()).events.map((e) =>
        String(e.getFirstPropertyValue('uid')),
      );
    const mazowieckie = await uidsOf('territory=14');
    expect(mazowieckie).toEqual(expect.arrayContaining([`${ids.summer}@ngo-hub`, `${ids.day}@ngo-hub`]));
    expect(mazowieckie).not.toContain(`${ids.partnershipEvent}@ngo-hub`);
    const podlaskie = await uidsOf('territory=20');
    expect(podlaskie).toContain(`${ids.partnershipEvent}@ngo-hub`);
    expect(podlaskie).not.toContain(`${ids.summer}@ngo-hub`);
    expect(await uidsOf(`partnership=${ids.partnership}`)).toContain(`${ids.partnershipEvent}@ngo-hub`);
    expect(await uidsOf(`partnership=${ids.partnership}&territory=${LIW}`)).toEqual([]);
    expect((await uidsOf(`organisation=${ids.orgWithoutEmail}`)).sort()).toEqual(
      [`${ids.summer}@ngo-hub`, `${ids.winter}@ngo-hub`, `${ids.partnershipEvent}@ngo-hub`].sort(),
    );
  });
});

describe('GET /feeds/grants.json', () => {
  const schema = JSON.parse(
    readFileSync(new URL('./fixtures/360giving-grant-package.schema.json', import.meta.url), 'utf8'),
  );
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);

  it('is a 360Giving package that validates against our schema of the standard', async () => {
    const response = await get(`/feeds/grants.json?territory=${LIW}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(response.headers.get('content-disposition')).toBe(`inline; filename="ngo-hub-grants-${LIW}.json"`);
    const pkg = JSON.parse(await response.text());
    expect(validate(pkg)).toBe(true);
    expect(validate.errors ?? null).toBeNull();
    const exact = pkg.grants.find((g: any) => g.id === `360G-ngohub-${ids.grantExact}`);
    expect(exact).toEqual({
      id: `360G-ngohub-${ids.grantExact}`,
      title: 'Grant z groszami',
      description: 'Zajęcia dla seniorów',
      currency: 'PLN',
      amountAwarded: 1000.1,
      awardDate: '2026-02-03',
      plannedDates: [{ startDate: '2026-03-01', endDate: '2026-11-30' }],
      recipientOrganization: [{ id: 'PL-KRS-0000987654', name: 'Stowarzyszenie „Źródło” Gęśla Jaźń, Łódź' }],
      fundingOrganization: [
        { id: expect.stringMatching(/^(PL-(KRS|NIP|REGON)-\d+|360G-ngohub-[0-9a-f-]{36})$/), name: 'Miasto Białystok' },
      ],
      beneficiaryLocation: [{ name: 'Liw', countryCode: 'PL', geoCode: LIW, geoCodeType: 'TERC' }],
    });
  });

  it('writes amounts as JSON numbers digit for digit ("1000.10" stays 1000.10)', async () => {
    const text = await (await get(`/feeds/grants.json?territory=${LIW}`)).text();
    expect(text).toContain('"amountAwarded": 1000.10,');
    expect(text).toContain('"amountAwarded": 98765432109876.05,');
    const big = JSON.parse(text).grants.find((g: any) => g.id === `360G-ngohub-${ids.grantBig}`);
    expect(typeof big.amountAwarded).toBe('number');
  });

  it('leaves out grants without amountAwarded or awardDate and says how many', async () => {
    const response = await get(`/feeds/grants.json?territory=${LIW}`);
    const pkg = await response.json();
    const published = pkg.grants.map((g: any) => g.id);
    expect(published).not.toContain(`360G-ngohub-${ids.grantNoAmount}`);
    expect(published).not.toContain(`360G-ngohub-${ids.grantNoDate}`);
    expect(Number(response.headers.get('x-feed-omitted'))).toBeGreaterThanOrEqual(2);
    const all = await ask(`{ grants(first: 100, filter: { territory: "${LIW}" }) { totalCount } }`);
    expect(published.length + Number(response.headers.get('x-feed-omitted'))).toBe(all.grants.totalCount);
  });

  it('validates the whole hub too, and the schema really rejects a grant without amountAwarded', async () => {
    const pkg = await (await get('/feeds/grants.json')).json();
    expect(validate(pkg)).toBe(true);
    const broken = structuredClone(pkg);
    delete broken.grants[0].amountAwarded;
    expect(validate(broken)).toBe(false);
    expect(validate.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ keyword: 'required', params: { missingProperty: 'amountAwarded' } }),
      ]),
    );
    const asString = structuredClone(pkg);
    asString.grants[0].amountAwarded = '1000.10';
    expect(validate(asString)).toBe(false);
  });
});

describe('GET /feeds/organisations.csv', () => {
  it('is RFC 4180 CSV in UTF-8 with a BOM, a header row and Polish letters intact', async () => {
    const response = await get(`/feeds/organisations.csv?territory=${LIW}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="ngo-hub-organisations-${LIW}.csv"`);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('\r\n');
    const rows: string[][] = parseCsv(bytes, { bom: true, relax_column_count: false });
    expect(rows[0]).toEqual([
      'id',
      'name',
      'short name',
      'sector',
      'legal form',
      'KRS',
      'NIP',
      'REGON',
      'public benefit',
      'street',
      'postal code',
      'locality',
      'TERC code',
      'territory name',
      'website',
      'email',
      'phone',
    ]);
    const records: Record<string, string>[] = parseCsv(bytes, { bom: true, columns: true });
    const zrodlo = records.find((r) => r.id === ids.orgWithEmail)!;
    expect(zrodlo).toEqual({
      id: ids.orgWithEmail,
      name: 'Stowarzyszenie „Źródło” Gęśla Jaźń, Łódź',
      'short name': 'Źródło',
      sector: 'NGO',
      'legal form': 'STOWARZYSZENIE',
      KRS: '0000987654',
      NIP: '7393150822',
      REGON: '519238470',
      'public benefit': 'true',
      street: 'ul. Żółkiewskiego 5 lok. 2',
      'postal code': '07-100',
      locality: 'Liw',
      'TERC code': LIW,
      'territory name': 'Liw',
      website: 'https://zrodlo.example.pl',
      email: 'biuro@zrodlo.example.pl',
      phone: '+48 25 123 45 67',
    });
    expect(records.find((r) => r.id === ids.orgWithoutEmail)).toMatchObject({
      name: 'Koło Gospodyń Wiejskich w Liwie',
      KRS: '',
      email: '',
    });
    // The territory filter: every row lies in Liw.
    expect(records.every((r) => r['TERC code'].startsWith(LIW))).toBe(true);
  });

  it('pages through the whole directory (more than one page of 100)', async () => {
    const all = await ask('{ organisations(first: 1) { totalCount } }');
    const records = parseCsv(Buffer.from(await (await get('/feeds/organisations.csv')).arrayBuffer()), {
      bom: true,
      columns: true,
    });
    expect(records).toHaveLength(all.organisations.totalCount);
    expect(new Set(records.map((r: any) => r.id)).size).toBe(records.length);
  });
});

describe('bad input', () => {
  it.each([
    ['/feeds/events.ics?territory=2o', 'BAD_USER_INPUT', 'territory'],
    ['/feeds/events.ics?territory=9999999', 'NOT_FOUND', 'territory'],
    ['/feeds/events.ics?organisation=boris', 'BAD_USER_INPUT', 'organisation'],
    ['/feeds/events.ics?partnership=123', 'BAD_USER_INPUT', 'partnership'],
    ['/feeds/events.ics?organisation=00000000-0000-4000-8000-000000000000', 'NOT_FOUND', 'organisation'],
    ['/feeds/events.ics?territory=14&territory=20', 'BAD_USER_INPUT', 'territory'],
    ['/feeds/events.ics?teritory=14', 'BAD_USER_INPUT', 'teritory'],
    ['/feeds/grants.json?territory=abc', 'BAD_USER_INPUT', 'territory'],
    ['/feeds/grants.json?territory=99', 'NOT_FOUND', 'territory'],
    ['/feeds/organisations.csv?territory=1', 'BAD_USER_INPUT', 'territory'],
    ['/feeds/organisations.csv?territory=9999', 'NOT_FOUND', 'territory'],
  ])('%s → 400 %s on %s', async (path, code, field) => {
    const response = await get(path);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await response.json();
    expect(body).toEqual({ error: { code, field, message: expect.any(String) } });
    expect(body.error.message.length).toBeGreaterThan(0);
  });
});

describe('paging', () => {
  // A stand-in for the gateway's Apollo Server that serves a list of 250 numbers in pages.
  const fakeApollo = (total: number, seen: { first: number; after: string | null }[]) =>
    ({
      executeOperation: async ({ variables }: { variables: { first: number; after: string | null } }) => {
        seen.push({ first: variables.first, after: variables.after });
        const from = variables.after ? Number(variables.after) : 0;
        const nodes = Array.from({ length: Math.max(0, Math.min(variables.first, total - from)) }, (_, i) => from + i);
        const data = {
          list: {
            edges: nodes.map((n) => ({ node: n })),
            pageInfo: { hasNextPage: from + nodes.length < total, endCursor: String(from + nodes.length) },
          },
        };
        return { body: { kind: 'single', singleResult: { data } } };
      },
    }) as unknown as FeedApollo;

  it('asks for pages of 100 with the previous endCursor until the list ends', async () => {
    const seen: { first: number; after: string | null }[] = [];
    const result = await collectPages<any, number>(fakeApollo(250, seen), 'q', {}, (d) => d.list, {});
    expect(result.items).toHaveLength(250);
    expect(result.truncated).toBe(false);
    expect(seen).toEqual([
      { first: 100, after: null },
      { first: 100, after: '100' },
      { first: 100, after: '200' },
    ]);
  });

  it('stops at the cap and says the feed is truncated', async () => {
    const seen: { first: number; after: string | null }[] = [];
    const result = await collectPages<any, number>(fakeApollo(250, seen), 'q', {}, (d) => d.list, {}, 150);
    expect(result.items).toHaveLength(150);
    expect(result.truncated).toBe(true);
    expect(seen).toEqual([
      { first: 100, after: null },
      { first: 50, after: '100' },
    ]);
  });
});

describe('a subgraph that is down', () => {
  it('makes the feed a 503 with a coded error, never a partial feed', async () => {
    await subgraphs.funding.close();
    try {
      const response = await get('/feeds/grants.json');
      expect(response.status).toBe(503);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect((await response.json()).error).toMatchObject({
        code: 'SUBGRAPH_UNAVAILABLE',
        message: expect.stringContaining('funding'),
      });
    } finally {
      subgraphs.funding = await startTestSubgraph(fundingSubgraph, hub.db.url);
    }
  });
});

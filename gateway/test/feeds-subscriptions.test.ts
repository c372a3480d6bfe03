import { request as httpRequest } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { postGraphQL, TEST_ADMIN_TOKEN } from '@ngo-hub/kit/testing';
import { startTestGateway, startTestSubgraphs, type TestSubgraphs } from './support/hub.js';

// The subscription feeds as a city portal or a council's calendar uses them: Atom for calls and
// events, the calendar's filters and its cut at the cap, conditional requests and compression, on
// the whole hub (a real PostgreSQL database of its own), read back with fast-xml-parser and ical.js.
let hub: TestSubgraphs;
let gateway: FastifyInstance;
/** The same hub behind a gateway whose feeds stop at 3 items. */
let capped: FastifyInstance;
let base: string;
let cappedBase: string;
let graphqlUrl: string;

const ask = async (query: string, variables?: Record<string, unknown>) => {
  const result = await postGraphQL(graphqlUrl, query, variables, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data;
};

const CAP = 3;
const now = DateTime.now().setZone('Europe/Warsaw').startOf('minute');
const at = (days: number) => now.plus({ days }).toISO({ includeOffset: true })!;
const ids = {} as {
  org: string;
  funder: string;
  otherFunder: string;
  events: Record<'past400' | 'past60' | 'past5' | 'next10' | 'next40', string>;
  calls: Record<'old' | 'open' | 'future' | 'noUrl', string>;
};

async function createEvent(input: Record<string, unknown>): Promise<string> {
  return (await ask('mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }', { input })).createEvent
    .id;
}
async function createCall(input: Record<string, unknown>): Promise<string> {
  return (await ask('mutation($input: CreateCallInput!) { createCall(input: $input) { id } }', { input })).createCall
    .id;
}

beforeAll(async () => {
  hub = await startTestSubgraphs('feeds-subscriptions');
  ({ app: gateway, url: graphqlUrl } = await startTestGateway(hub.subgraphs, {
    rateLimits: { anonymousPerMinute: 10_000, authenticatedPerMinute: 10_000 },
  }));
  base = graphqlUrl.replace(/\/graphql$/, '');
  const small = await startTestGateway(hub.subgraphs, { feedItemCap: CAP });
  capped = small.app;
  cappedBase = small.url.replace(/\/graphql$/, '');

  ids.org = (
    await ask('mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }', {
      input: { name: 'Fundacja Kalendarz', sector: 'NGO', legalForm: 'FUNDACJA', territory: '2061011' },
    })
  ).createOrganisation.id;
  const event = (title: string, days: number, kind = 'MEETING') =>
    createEvent({
      title,
      kind,
      datePrecision: 'TIME',
      startsAt: at(days),
      organiserIds: [ids.org],
      venue: { locality: 'Białystok', territory: '2061011' },
    });
  ids.events = {
    past400: await event('Dawne spotkanie', -400),
    past60: await event('Warsztaty sprzed dwóch miesięcy', -60, 'WORKSHOP'),
    past5: await event('Spotkanie sprzed pięciu dni', -5),
    next10: await event('Warsztaty za dziesięć dni', 10, 'WORKSHOP'),
    next40: await event('Konferencja za czterdzieści dni', 40, 'CONFERENCE'),
  };

  const funders = (await ask('{ funders { id name } }')).funders as { id: string; name: string }[];
  ids.funder = funders.find((f) => f.name === 'Miasto Białystok')!.id;
  ids.otherFunder = funders.find((f) => f.name !== 'Miasto Białystok')!.id;
  const day = (days: number) => now.plus({ days }).toISODate()!;
  ids.calls = {
    old: await createCall({
      title: 'Konkurs zeszłoroczny',
      funderId: ids.funder,
      opensOn: day(-300),
      closesOn: day(-270),
      eligibleTerritories: ['2061011'],
      url: 'https://bialystok.example.pl/konkursy/1',
    }),
    open: await createCall({
      title: 'Konkurs „Seniorzy & sąsiedzi” <2026>',
      description: 'Zadania publiczne dla seniorów.',
      funderId: ids.funder,
      opensOn: day(-10),
      closesOn: day(20),
      eligibleTerritories: ['2061011', '14'],
      budget: { amount: '150000.00', currency: 'PLN' },
      url: 'https://bialystok.example.pl/konkursy/2?a=1&b=2',
    }),
    future: await createCall({
      title: 'Nabór przyszły',
      funderId: ids.otherFunder,
      opensOn: day(30),
      eligibleTerritories: ['20'],
      url: 'https://example.org/nabor',
    }),
    noUrl: await createCall({
      title: 'Konkurs bez strony',
      funderId: ids.funder,
      opensOn: day(-2),
      closesOn: day(5),
      eligibleTerritories: ['2061011'],
    }),
  };
});

afterAll(async () => {
  await gateway?.close();
  await capped?.close();
  await hub?.close();
});

const get = (path: string, headers: Record<string, string> = {}, at = base) => fetch(`${at}${path}`, { headers });

/** A request through node:http, which (unlike fetch) leaves the body as sent: compressed or not. */
function raw(
  method: 'GET' | 'POST',
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${base}${path}`, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () =>
        resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    });
    request.on('error', reject);
    request.end(body);
  });
}

const decode = (encoding: string | string[] | undefined, body: Buffer) =>
  (encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body).toString('utf8');

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** Parses an Atom document and checks what RFC 4287 requires of a feed and its entries. */
function parseAtom(text: string) {
  expect(XMLValidator.validate(text)).toBe(true);
  const parsed = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    textNodeName: '#text',
    isArray: (name) => ['entry', 'link', 'category'].includes(name),
  }).parse(text);
  const feed = parsed.feed;
  expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
  const text_ = (node: any) => (typeof node === 'object' ? node['#text'] : node);
  expect(String(text_(feed.id))).toMatch(/^tag:ngo-hub,2026:feeds\//);
  expect(String(text_(feed.title)).length).toBeGreaterThan(0);
  expect(feed.updated).toMatch(RFC3339);
  expect(feed.author.name).toBe('ngo-hub');
  expect(feed.link.find((l: any) => l['@rel'] === 'self')['@href']).toMatch(/^http:\/\//);
  const entries = asArray<any>(feed.entry).map((entry) => {
    expect(String(entry.id)).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(String(text_(entry.title)).length).toBeGreaterThan(0);
    expect(entry.updated).toMatch(RFC3339);
    const alternate = asArray<any>(entry.link).find((l) => (l['@rel'] ?? 'alternate') === 'alternate');
    // RFC 4287 §4.1.1.1: an entry without content must have an alternate link.
    if (!entry.content) expect(alternate?.['@href']).toBeTruthy();
    return {
      id: String(entry.id).replace('urn:uuid:', ''),
      title: String(text_(entry.title)),
      updated: entry.updated as string,
      link: (alternate?.['@href'] as string | undefined) ?? null,
      summary: String(text_(entry.summary)),
      content: entry.content ? String(text_(entry.content)) : null,
    };
  });
  return { feed, subtitle: String(text_(feed.subtitle)), entries };
}

function calendarUids(text: string): string[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar
    .getAllSubcomponents('vevent')
    .map((e) => String(e.getFirstPropertyValue('uid')).replace('@ngo-hub', ''));
}

/** The ids the GraphQL API lists for an events filter, all pages, that a calendar can show (TIME or DAY). */
async function apiEventIds(filter: Record<string, unknown>): Promise<string[]> {
  const found: string[] = [];
  let after: string | null = null;
  for (;;) {
    const page: any = (
      await ask(
        `query($filter: EventFilter, $after: String) { events(first: 100, after: $after, filter: $filter) {
          edges { node { id datePrecision } } pageInfo { hasNextPage endCursor } } }`,
        { filter, after },
      )
    ).events;
    for (const { node } of page.edges)
      if (node.datePrecision === 'TIME' || node.datePrecision === 'DAY') found.push(node.id);
    if (!page.pageInfo.hasNextPage) return found;
    after = page.pageInfo.endCursor;
  }
}

async function apiCallIds(filter: Record<string, unknown>): Promise<string[]> {
  const data = await ask(
    'query($filter: CallFilter) { calls(first: 100, sort: NEWEST, filter: $filter) { edges { node { id } } totalCount } }',
    { filter },
  );
  expect(data.calls.totalCount).toBeLessThanOrEqual(100);
  return data.calls.edges.map((e: any) => e.node.id);
}

describe('GET /feeds/calls.atom', () => {
  it('is valid Atom: newest call first, stable ids, Polish summaries with funder, dates and territories', async () => {
    const response = await get(`/feeds/calls.atom?funder=${ids.funder}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(response.headers.get('x-feed-truncated')).toBe('false');
    const { feed, entries } = parseAtom(await response.text());
    expect(String(feed.title['#text'] ?? feed.title)).toBe('ngo-hub: konkursy – Miasto Białystok');

    const ours = entries.filter((e) => Object.values(ids.calls).includes(e.id)).map((e) => e.id);
    expect(ours).toEqual([ids.calls.noUrl, ids.calls.open, ids.calls.old]);
    const updated = entries.map((e) => Date.parse(e.updated));
    expect(updated).toEqual([...updated].sort((a, b) => b - a));

    const open = entries.find((e) => e.id === ids.calls.open)!;
    expect(open.title).toBe('Konkurs „Seniorzy & sąsiedzi” <2026>');
    expect(open.link).toBe('https://bialystok.example.pl/konkursy/2?a=1&b=2');
    const opens = now.plus({ days: -10 }).setLocale('pl').toFormat('d MMMM yyyy');
    const closes = now.plus({ days: 20 }).setLocale('pl').toFormat('d MMMM yyyy');
    expect(open.summary).toContain('Grantodawca: Miasto Białystok');
    expect(open.summary).toContain(`Nabór wniosków od ${opens} do ${closes}`);
    expect(open.summary).toMatch(/Mogą startować organizacje z: (Białystok, mazowieckie|mazowieckie, Białystok)\./i);
    expect(open.summary).toContain('Budżet: 150\u00a0000,00 PLN');
    expect(open.summary).toContain('Zadania publiczne dla seniorów.');
    // Without a web page the entry carries its text as content instead of a link.
    const noUrl = entries.find((e) => e.id === ids.calls.noUrl)!;
    expect(noUrl.link).toBeNull();
    expect(noUrl.content).toBe(noUrl.summary);
  });

  it.each([
    ['territory=20', { territory: '20' }],
    ['territory=2061011&open=true', { territory: '2061011', open: true }],
    ['open=false', { open: false }],
  ])('?%s lists exactly the calls the API lists for the same filter, in its NEWEST order', async (query, filter) => {
    const { entries } = parseAtom(await (await get(`/feeds/calls.atom?${query}`)).text());
    expect(entries.map((e) => e.id)).toEqual(await apiCallIds(filter));
  });

  it('filters by funder and by open', async () => {
    const ofFunder = parseAtom(await (await get(`/feeds/calls.atom?funder=${ids.otherFunder}`)).text());
    expect(ofFunder.entries.map((e) => e.id)).toContain(ids.calls.future);
    expect(ofFunder.entries.map((e) => e.id)).not.toContain(ids.calls.open);
    const open = parseAtom(await (await get(`/feeds/calls.atom?funder=${ids.funder}&open=true`)).text());
    expect(open.entries.map((e) => e.id)).toEqual(expect.arrayContaining([ids.calls.open, ids.calls.noUrl]));
    expect(open.entries.map((e) => e.id)).not.toContain(ids.calls.old);
  });

  it('is offered as JSON Feed 1.1 too, with the same items', async () => {
    const response = await get(`/feeds/calls.json?funder=${ids.funder}`);
    expect(response.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
    const json = await response.json();
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect(json.feed_url).toBe(`${base}/feeds/calls.json?funder=${ids.funder}`);
    const atom = parseAtom(await (await get(`/feeds/calls.atom?funder=${ids.funder}`)).text());
    expect(json.items.map((i: any) => i.id)).toEqual(atom.entries.map((e) => `urn:uuid:${e.id}`));
    expect(json.items.find((i: any) => i.id === `urn:uuid:${ids.calls.open}`)).toMatchObject({
      title: 'Konkurs „Seniorzy & sąsiedzi” <2026>',
      url: 'https://bialystok.example.pl/konkursy/2?a=1&b=2',
      content_text: expect.stringContaining('Grantodawca: Miasto Białystok'),
    });
    expect(json._ngo_hub).toEqual({ truncated: false });
  });

  it('at the cap keeps the newest calls and says it was cut, in the header and the subtitle', async () => {
    const response = await get('/feeds/calls.atom', {}, cappedBase);
    expect(response.headers.get('x-feed-truncated')).toBe('true');
    const { entries, subtitle } = parseAtom(await response.text());
    expect(entries.map((e) => e.id)).toEqual((await apiCallIds({})).slice(0, CAP));
    expect(subtitle).toContain(`skrócona do ${CAP}`);
  });
});

describe('GET /feeds/events.atom', () => {
  it('is valid Atom with the latest events first', async () => {
    const response = await get(`/feeds/events.atom?organisation=${ids.org}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const { entries } = parseAtom(await response.text());
    const e = ids.events;
    expect(entries.map((x) => x.id)).toEqual([e.next40, e.next10, e.past5, e.past60, e.past400]);
    const workshop = entries.find((x) => x.id === e.next10)!;
    expect(workshop.summary).toContain('warsztaty, ');
    expect(workshop.summary).toContain('Miejsce: Białystok');
    expect(workshop.summary).toContain('Organizatorzy: Fundacja Kalendarz');
  });

  it('takes the calendar filters too', async () => {
    const { entries } = parseAtom(
      await (await get(`/feeds/events.atom?organisation=${ids.org}&kind=workshop&upcoming=true`)).text(),
    );
    expect(entries.map((x) => x.id)).toEqual([ids.events.next10]);
  });
});

describe('GET /feeds/events.ics filters', () => {
  const from = now.plus({ days: -70 }).toISODate()!;
  const to = now.plus({ days: 20 }).toISODate()!;
  it.each([
    ['upcoming=true', { upcoming: true }],
    ['upcoming=false', { upcoming: false }],
    ['kind=WORKSHOP', { kind: 'WORKSHOP' }],
    [`from=${from}`, { from: DateTime.fromISO(from, { zone: 'Europe/Warsaw' }).toISO() }],
    [`to=${to}`, { to: DateTime.fromISO(to, { zone: 'Europe/Warsaw' }).endOf('day').toISO() }],
  ])('?%s (alone and for one organisation) gives the events the API gives', async (query, filter) => {
    expect(calendarUids(await (await get(`/feeds/events.ics?${query}`)).text()).sort()).toEqual(
      (await apiEventIds(filter)).sort(),
    );
    expect(calendarUids(await (await get(`/feeds/events.ics?${query}&organisation=${ids.org}`)).text()).sort()).toEqual(
      (await apiEventIds({ ...filter, organiser: ids.org })).sort(),
    );
  });

  it('narrows to what a subscriber asked for', async () => {
    const e = ids.events;
    const uids = async (query: string) =>
      calendarUids(await (await get(`/feeds/events.ics?organisation=${ids.org}&${query}`)).text()).sort();
    expect(await uids('upcoming=true')).toEqual([e.next10, e.next40].sort());
    expect(await uids('upcoming=false')).toEqual([e.past400, e.past60, e.past5].sort());
    expect(await uids('kind=WORKSHOP')).toEqual([e.past60, e.next10].sort());
    expect(await uids(`from=${from}&to=${to}`)).toEqual([e.past60, e.past5, e.next10].sort());
    expect(await uids(`from=${from}&to=${to}&kind=workshop`)).toEqual([e.past60, e.next10].sort());
  });

  it('at the cap keeps the upcoming events and the most recent past ones, and says it was cut', async () => {
    const response = await get(`/feeds/events.ics?organisation=${ids.org}`, {}, cappedBase);
    expect(response.headers.get('x-feed-truncated')).toBe('true');
    const e = ids.events;
    const text = await response.text();
    expect(calendarUids(text)).toEqual([e.next10, e.next40, e.past5]);
    expect(new ICAL.Component(ICAL.parse(text)).getFirstPropertyValue('x-wr-caldesc')).toContain(`skrócone do ${CAP}`);
    // A subscriber who asked for the past only gets its most recent events.
    const past = await get(`/feeds/events.ics?organisation=${ids.org}&upcoming=false`, {}, cappedBase);
    expect(calendarUids(await past.text())).toEqual([e.past5, e.past60, e.past400]);
    expect(past.headers.get('x-feed-truncated')).toBe('false');
    const uncut = await get(`/feeds/events.ics?organisation=${ids.org}`);
    expect(uncut.headers.get('x-feed-truncated')).toBe('false');
    expect(calendarUids(await uncut.text())).toHaveLength(5);
  });
});

describe('bad input on the new feeds and parameters', () => {
  it.each([
    ['/feeds/calls.atom?territory=2o', 'BAD_USER_INPUT', 'territory'],
    ['/feeds/calls.atom?territory=9999999', 'NOT_FOUND', 'territory'],
    ['/feeds/calls.atom?funder=boris', 'BAD_USER_INPUT', 'funder'],
    ['/feeds/calls.atom?funder=00000000-0000-4000-8000-000000000000', 'NOT_FOUND', 'funder'],
    ['/feeds/calls.atom?open=yes', 'BAD_USER_INPUT', 'open'],
    ['/feeds/calls.json?open=maybe', 'BAD_USER_INPUT', 'open'],
    ['/feeds/calls.atom?sort=NEWEST', 'BAD_USER_INPUT', 'sort'],
    ['/feeds/events.atom?upcoming=1', 'BAD_USER_INPUT', 'upcoming'],
    ['/feeds/events.ics?upcoming=soon', 'BAD_USER_INPUT', 'upcoming'],
    ['/feeds/events.ics?kind=PICNIC', 'BAD_USER_INPUT', 'kind'],
    ['/feeds/events.ics?from=yesterday', 'BAD_USER_INPUT', 'from'],
    ['/feeds/events.ics?to=2026-02-30', 'BAD_USER_INPUT', 'to'],
    ['/feeds/events.ics?from=2026-05-01&to=2026-04-01', 'BAD_USER_INPUT', 'to'],
  ])('%s → 400 %s on %s', async (path, code, field) => {
    const response = await get(path);
    expect(response.status).toBe(400);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ error: { code, field, message: expect.any(String) } });
  });
});

describe('conditional requests', () => {
  it.each([
    '/feeds/events.ics',
    '/feeds/events.atom',
    '/feeds/calls.atom',
    '/feeds/calls.json',
    '/feeds/grants.json',
    '/feeds/organisations.csv',
  ])('%s has ETag, Last-Modified and Cache-Control, and answers 304 to a current copy', async (path) => {
    const first = await get(path);
    expect(first.status).toBe(200);
    const body = await first.text();
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    expect(Number.isNaN(Date.parse(lastModified))).toBe(false);
    expect(first.headers.get('cache-control')).toBe('public, max-age=300');

    const again = await get(path, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    expect((await get(path, { 'if-none-match': `"other", ${etag.replace('W/', '')}` })).status).toBe(304);
    expect((await get(path, { 'if-modified-since': lastModified })).status).toBe(304);

    const stale = await get(path, { 'if-none-match': 'W/"stale"' });
    expect(stale.status).toBe(200);
    expect(await stale.text()).toBe(body);
    const older = new Date(Date.parse(lastModified) - 60_000).toUTCString();
    expect((await get(path, { 'if-modified-since': older })).status).toBe(200);
    // If-None-Match decides when both are given (RFC 9110 §13.2.2).
    expect((await get(path, { 'if-none-match': 'W/"stale"', 'if-modified-since': lastModified })).status).toBe(200);
  });

  it('a change to the feed gives a new ETag and a later Last-Modified, so the old copy is sent again', async () => {
    const path = `/feeds/events.ics?organisation=${ids.org}&upcoming=true`;
    const before = await get(path);
    const etag = before.headers.get('etag')!;
    const lastModified = before.headers.get('last-modified')!;
    const added = await createEvent({
      title: 'Nowe spotkanie',
      kind: 'MEETING',
      datePrecision: 'TIME',
      startsAt: at(3),
      organiserIds: [ids.org],
    });
    const after = await get(path, { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(calendarUids(await after.text())).toContain(added);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(Date.parse(after.headers.get('last-modified')!)).toBeGreaterThan(Date.parse(lastModified));
    expect((await get(path, { 'if-modified-since': lastModified })).status).toBe(200);
  });
});

describe('compression', () => {
  it.each(['br', 'gzip'])(
    'sends the feeds %s-compressed to a client that accepts it, the same body decoded',
    async (encoding) => {
      for (const path of ['/feeds/calls.atom', '/feeds/events.ics', '/feeds/organisations.csv']) {
        const plain = await raw('GET', path, { 'accept-encoding': 'identity' });
        expect(plain.headers['content-encoding']).toBeUndefined();
        expect(plain.body.length).toBeGreaterThan(1024);
        const packed = await raw('GET', path, { 'accept-encoding': encoding });
        expect(packed.status).toBe(200);
        expect(packed.headers['content-encoding']).toBe(encoding);
        expect(packed.headers.vary).toMatch(/accept-encoding/i);
        expect(packed.body.length).toBeLessThan(plain.body.length);
        expect(decode(encoding, packed.body)).toBe(plain.body.toString('utf8'));
        expect(packed.headers.etag).toBe(plain.headers.etag);
      }
    },
  );

  it('compresses /graphql answers, keeping the cost and rate-limit headers', async () => {
    const query = JSON.stringify({ query: '{ organisations(first: 50) { edges { node { id name } } } }' });
    const headers = { 'content-type': 'application/json' };
    const plain = await raw('POST', '/graphql', { ...headers, 'accept-encoding': 'identity' }, query);
    for (const encoding of ['br', 'gzip']) {
      const packed = await raw('POST', '/graphql', { ...headers, 'accept-encoding': encoding }, query);
      expect(packed.status).toBe(200);
      expect(packed.headers['content-encoding']).toBe(encoding);
      expect(JSON.parse(decode(encoding, packed.body))).toEqual(JSON.parse(plain.body.toString('utf8')));
      expect(Number(packed.headers['x-sql-statements'])).toBeGreaterThan(0);
      expect(Number(packed.headers['x-subgraph-fetches'])).toBeGreaterThan(0);
      expect(packed.headers['x-ratelimit-limit']).toBe('10000');
      expect(packed.headers['x-ratelimit-remaining']).toBeDefined();
    }
  });

  it('keeps GraphQL errors and tiny bodies readable', async () => {
    const bad = await raw(
      'POST',
      '/graphql',
      { 'content-type': 'application/json', 'accept-encoding': 'br, gzip' },
      JSON.stringify({ query: '{ organisations(first: 5) { nope } }' }),
    );
    expect(bad.status).toBe(400);
    const body = JSON.parse(decode(bad.headers['content-encoding'], bad.body));
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    // A body under 1 KiB gains nothing from compression and is sent as is.
    expect(bad.headers['content-encoding']).toBeUndefined();
    const feedError = await raw('GET', '/feeds/calls.atom?open=maybe', { 'accept-encoding': 'gzip' });
    expect(feedError.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(feedError.body.toString('utf8')).error.field).toBe('open');
  });
});

import { randomUUID } from 'node:crypto';
import pg from 'pg';
import {
  announce,
  createTestDatabase,
  DEMO_ORGANISATION_IDS,
  startTestSubgraph,
  type TestDatabase,
  type TestSubgraph,
} from '@ngo-hub/kit/testing';
import { demoId, demoOrganisationId } from '@ngo-hub/kit';
import { eventsSubgraph } from '../src/subgraph.js';

let db: TestDatabase;
let service: TestSubgraph;
let sql: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase('events');
  service = await startTestSubgraph(eventsSubgraph, db.url);
  // What organisations and partnerships would publish about the demo data they seed.
  await announce(service, 'organisation', DEMO_ORGANISATION_IDS);
  await announce(service, 'partnership', [demoId('partnership', 'liw')]);
  sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
});

afterAll(async () => {
  await sql?.end();
  await service?.close();
  await db?.drop();
});

const GONIADZ = demoId('event', 'zespol-konsultacyjny-goniadz-2008');
const CONFERENCE = demoId('event', 'razem-dla-regionu-konferencja-podsumowujaca');
const FORUM = demoId('event', 'forum-inicjatyw-pozarzadowych-bialystok');

const LIST = `query($filter: EventFilter, $first: Int, $after: String) {
  events(filter: $filter, first: $first, after: $after) {
    totalCount
    edges { cursor node { id title startsAt venue { locality territory { code } } organisers { id } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const titles = (result: any) => result.data.events.edges.map((e: any) => e.node.title);

async function tableCounts(): Promise<{ events: number; organisers: number }> {
  const { rows } = await sql.query(
    `select (select count(*)::int from events.event) as events, (select count(*)::int from events.event_organiser) as organisers`,
  );
  return rows[0];
}

describe('demo events', () => {
  it('shows dates with the Warsaw offset of their season and keeps unknown dates null', async () => {
    const result = await service.query(
      `query($g: ID!, $c: ID!) {
      goniadz: event(id: $g) { title kind startsAt endsAt datePrecision allDay status venue { locality territory { code } } partnership { id } organisers { id } }
      conference: event(id: $c) { startsAt endsAt datePrecision allDay }
    }`,
      { g: GONIADZ, c: CONFERENCE },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.goniadz).toEqual({
      title: 'Wyjazdowe spotkanie Zespołu Konsultacyjnego Organizacji Pozarządowych w Goniądzu',
      kind: 'MEETING',
      startsAt: '2008-01-12T00:00:00.000+01:00',
      endsAt: '2008-01-13T23:59:59.999+01:00',
      datePrecision: 'DAY',
      allDay: true,
      status: 'CONFIRMED',
      venue: { locality: 'Goniądz', territory: { code: '2008013' } },
      partnership: { id: demoId('partnership', 'zespol-konsultacyjny-bialystok') },
      organisers: [{ id: demoOrganisationId('zespol-konsultacyjny-op-bialystok') }],
    });
    expect(result.data.conference).toEqual({
      startsAt: '2009-05-01T00:00:00.000+02:00',
      endsAt: null,
      datePrecision: 'MONTH',
      allDay: true,
    });
  });

  it('lists dated events by start and events without a date last', async () => {
    const result = await service.query(LIST, { first: 100 });
    expect(result.data.events.totalCount).toBe(9);
    const starts = result.data.events.edges.map((e: any) => e.node.startsAt);
    expect(starts.slice(0, 2)).toEqual(['2008-01-12T00:00:00.000+01:00', '2009-05-01T00:00:00.000+02:00']);
    expect(starts.slice(2).every((s: string | null) => s === null)).toBe(true);
    expect(titles(result)).toEqual(
      expect.arrayContaining([
        'Animacja środowiska lokalnego',
        'Partnerstwo lokalne (formy partnerstw, warunki prawne)',
        'Zadanie publiczne – skuteczne narzędzie rozwiązywania problemów społecznych',
        'Autoprezentacja, prezentacja, kształtowanie wizerunku organizacji',
        'Komunikacja i negocjacje społeczne',
      ]),
    );
  });

  it('lists the lead organiser first', async () => {
    const result = await service.query(LIST, { filter: { search: 'animacja' } });
    expect(result.data.events.edges[0].node.organisers).toEqual([
      { id: demoOrganisationId('technologie-netzwerk-berlin') },
      { id: demoOrganisationId('klub-mysli-spolecznej-inicjatywy') },
    ]);
  });

  it('refuses an unknown event id with NOT_FOUND and a malformed one with BAD_USER_INPUT', async () => {
    const unknown = await service.query('{ event(id: "00000000-0000-4000-8000-000000000000") { title } }');
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    const notUuid = await service.query('{ event(id: "nope") { title } }');
    expect(notUuid.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });
});

describe('filters', () => {
  it('finds events running within a date range, including whole days and months', async () => {
    const lastDayOfMeeting = await service.query(LIST, {
      filter: { from: '2008-01-13T18:00:00', to: '2008-12-31T23:59:59' },
    });
    expect(titles(lastDayOfMeeting)).toEqual([
      'Wyjazdowe spotkanie Zespołu Konsultacyjnego Organizacji Pozarządowych w Goniądzu',
    ]);
    const lateMay = await service.query(LIST, {
      filter: { from: '2009-05-20T00:00:00+02:00', to: '2009-06-30T00:00:00+02:00' },
    });
    expect(titles(lateMay)).toEqual(['Konferencja podsumowująca projekt „Razem dla Regionu”']);
    const june = await service.query(LIST, { filter: { from: '2009-06-01T00:00:00+02:00' } });
    expect(june.data.events.totalCount).toBe(0);
    const until2008 = await service.query(LIST, { filter: { to: '2008-12-31T00:00:00' } });
    expect(until2008.data.events.totalCount).toBe(1);
  });

  it('matches a range at its edges the same way for every sort and for the count', async () => {
    // Powiat bolesławiecki holds no seed event; Warsaw is +02:00 in summer, +01:00 in winter.
    const rows: [string, string | null, string | null, string][] = [
      ['A czas z końcem', '2019-06-10T10:00:00+02:00', '2019-06-10T12:00:00+02:00', 'TIME'],
      ['B chwila', '2019-06-12T09:00:00+02:00', null, 'TIME'],
      ['C dzień', '2019-06-15T00:00:00+02:00', null, 'DAY'],
      ['D miesiąc', '2019-07-01T00:00:00+02:00', null, 'MONTH'],
      ['E bez daty', null, null, 'UNKNOWN'],
      ['F luty', '2019-02-01T00:00:00+01:00', null, 'MONTH'],
    ];
    for (const [title, startsAt, endsAt, precision] of rows) {
      await sql.query(
        `insert into events.event (id, title, kind, starts_at, ends_at, date_precision, venue_territory_code)
         values ($1, $2, 'SPORTS', $3, $4, $5, '0201011')`,
        [randomUUID(), title, startsAt, endsAt, precision],
      );
    }
    const RANGE = `query($filter: EventFilter, $sort: EventSort, $after: String) {
      events(filter: $filter, sort: $sort, first: 2, after: $after) { totalCount edges { node { title } } pageInfo { hasNextPage endCursor } } }`;
    /** Every title of the range, two per page (so the cursor crosses both parts of a split page). */
    async function inRange(
      from: string | null,
      to: string | null,
      sort: string,
    ): Promise<{ titles: string[]; totalCount: number }> {
      const found: string[] = [];
      let after: string | null = null;
      let totalCount = -1;
      for (;;) {
        const result: any = await service.query(RANGE, {
          filter: { territory: '0201', kind: 'SPORTS', from, to },
          sort,
          after,
        });
        expect(result.errors).toBeUndefined();
        totalCount = result.data.events.totalCount;
        found.push(...result.data.events.edges.map((e: any) => e.node.title.slice(0, 1)));
        if (!result.data.events.pageInfo.hasNextPage) return { titles: found, totalCount };
        after = result.data.events.pageInfo.endCursor;
      }
    }
    const cases: [string | null, string | null, string[]][] = [
      ['2019-06-10T12:00:00+02:00', '2019-06-10T12:00:00+02:00', ['A']], // the end instant is inside
      ['2019-06-10T12:00:00.001+02:00', '2019-06-12T09:00:00+02:00', ['B']], // an instant event at `to`
      ['2019-06-15T23:59:59.999+02:00', null, ['C', 'D']], // a DAY runs to the end of its Warsaw day
      ['2019-06-16T00:00:00+02:00', '2019-07-01T00:00:00+02:00', ['D']], // a MONTH starts at `to`
      ['2019-06-16T00:00:00+02:00', '2019-06-30T23:59:59.999+02:00', []],
      ['2019-07-31T23:59:59.999+02:00', null, ['D']], // ... and runs to the end of its month
      ['2019-08-01T00:00:00+02:00', null, []],
      ['2019-02-28T23:59:59.999+01:00', '2019-03-01T00:00:00+01:00', ['F']], // a winter month
      ['2019-03-01T00:00:00+01:00', '2019-05-31T00:00:00+02:00', []],
      ['2019-06-15T12:00:00+02:00', '2019-07-15T00:00:00+02:00', ['C', 'D']], // one running at `from`, one starting after
      ['2019-06-15T00:00:00+02:00', '2019-06-15T00:00:00+02:00', ['C']], // starting exactly at `from`: listed once
      [null, '2030-01-01T00:00:00Z', ['F', 'A', 'B', 'C', 'D']], // undated never matches a range
      ['2000-01-01T00:00:00Z', null, ['F', 'A', 'B', 'C', 'D']],
    ];
    for (const [from, to, expected] of cases) {
      const label = `${from} … ${to}`;
      expect({ label, ...(await inRange(from, to, 'STARTS_AT')) }).toEqual({
        label,
        titles: expected,
        totalCount: expected.length,
      });
      expect({ label, ...(await inRange(from, to, 'STARTS_AT_DESC')) }).toEqual({
        label,
        titles: [...expected].reverse(),
        totalCount: expected.length,
      });
      expect({ label, ...(await inRange(from, to, 'TITLE')) }).toEqual({
        label,
        titles: [...expected].sort(),
        totalCount: expected.length,
      });
    }
  });

  it('refuses `to` before `from`, naming filter.to', async () => {
    const result = await service.query(LIST, { filter: { from: '2009-01-01T00:00:00', to: '2008-01-01T00:00:00' } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.to' });
  });

  it('rolls a territory filter up over the units inside it', async () => {
    const podlaskie = await service.query(LIST, { filter: { territory: '20' } });
    const localities = podlaskie.data.events.edges.map((e: any) => e.node.venue.locality);
    expect(podlaskie.data.events.totalCount).toBe(8);
    expect(new Set(localities)).toEqual(new Set(['Białystok', 'Goniądz']));
    const bialystok = await service.query(LIST, { filter: { territory: '2061' } });
    expect(bialystok.data.events.totalCount).toBe(7);
    expect(bialystok.data.events.edges.every((e: any) => e.node.venue.territory.code === '2061011')).toBe(true);
    const warszawa = await service.query(LIST, { filter: { territory: '14' } });
    expect(titles(warszawa)).toEqual([
      'Cykl szkoleniowo-coachingowy dla działaczy organizacji pozarządowych z Podlasia',
    ]);
    const malformed = await service.query(LIST, { filter: { territory: '20x' } });
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.territory' });
  });

  it('filters by organiser, partnership, kind and title words', async () => {
    const civitas = await service.query(LIST, { filter: { organiser: demoOrganisationId('collegium-civitas') } });
    expect(titles(civitas)).toEqual([
      'Cykl szkoleniowo-coachingowy dla działaczy organizacji pozarządowych z Podlasia',
    ]);
    const klub = await service.query(LIST, {
      filter: { organiser: demoOrganisationId('klub-mysli-spolecznej-inicjatywy') },
    });
    expect(klub.data.events.totalCount).toBe(7);
    const klubWorkshops = await service.query(LIST, {
      filter: { organiser: demoOrganisationId('klub-mysli-spolecznej-inicjatywy'), kind: 'WORKSHOP' },
    });
    expect(klubWorkshops.data.events.totalCount).toBe(5);
    const zespol = await service.query(LIST, {
      filter: { partnership: demoId('partnership', 'zespol-konsultacyjny-bialystok') },
    });
    expect(zespol.data.events.edges.map((e: any) => e.node.id)).toEqual([GONIADZ, FORUM]);
    const search = await service.query(LIST, { filter: { search: 'SKUTECZNE narzedzie' } });
    expect(titles(search)).toEqual(['Zadanie publiczne – skuteczne narzędzie rozwiązywania problemów społecznych']);
    const badOrganiser = await service.query(LIST, { filter: { organiser: 'nope' } });
    expect(badOrganiser.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.organiser' });
  });
});

describe('pagination', () => {
  it('pages with cursors across the dated and undated events without skipping or repeating', async () => {
    const all = await service.query(LIST, { first: 100 });
    const ids: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await service.query(LIST, { first: 2, after });
      expect(page.errors).toBeUndefined();
      ids.push(...page.data.events.edges.map((e: any) => e.node.id));
      after = page.data.events.pageInfo.hasNextPage ? page.data.events.pageInfo.endCursor : null;
    } while (after);
    expect(ids).toEqual(all.data.events.edges.map((e: any) => e.node.id));
  });

  it('refuses a page over 100 and a cursor it did not issue', async () => {
    const big = await service.query(LIST, { first: 1000 });
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const foreign = await service.query(LIST, {
      after: Buffer.from(JSON.stringify(['Zebra', 'x'])).toString('base64url'),
    });
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('costs the same number of SQL statements for a small and a large page with organisers', async () => {
    const two = await service.query(LIST, { first: 2 });
    const nine = await service.query(LIST, { first: 50 });
    expect(nine.data.events.edges.length).toBeGreaterThan(two.data.events.edges.length);
    expect(nine.sqlStatements).toBe(two.sqlStatements);
  });
});

describe('events of federated organisations and partnerships', () => {
  const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
    ... on Organisation { id events(first: 5) { totalCount edges { node { title } } pageInfo { hasNextPage } } }
    ... on Partnership { id events(first: 5) { totalCount edges { node { title } } } }
  } }`;
  const organisations = Array.from({ length: 20 }, () => randomUUID());
  const partnerships = Array.from({ length: 20 }, () => randomUUID());

  beforeAll(async () => {
    // Organisation i organises i + 1 events (organisation 0 one, organisation 19 twenty), partnership i likewise.
    for (const [i, organisationId] of organisations.entries()) {
      for (let n = 0; n <= i; n += 1) {
        const id = randomUUID();
        await sql.query(
          `insert into events.event (id, title, kind, starts_at, date_precision, partnership_id)
           values ($1, $2, 'MEETING', $3, 'TIME', $4)`,
          [id, `Spotkanie ${i}-${String(n).padStart(2, '0')}`, new Date(Date.UTC(2030, 0, 1 + n, 9)), partnerships[i]],
        );
        await sql.query('insert into events.event_organiser (event_id, organisation_id, position) values ($1, $2, 0)', [
          id,
          organisationId,
        ]);
      }
    }
  });

  it('costs the same statements for 2 and 20 organisations, each with its own page and total', async () => {
    const two = await service.query(ENTITIES, {
      r: organisations.slice(0, 2).map((id) => ({ __typename: 'Organisation', id })),
    });
    const twenty = await service.query(ENTITIES, {
      r: organisations.map((id) => ({ __typename: 'Organisation', id })),
    });
    expect(twenty.errors).toBeUndefined();
    expect(twenty.data._entities.map((o: any) => o.events.totalCount)).toEqual(organisations.map((_, i) => i + 1));
    const last = twenty.data._entities[19].events;
    expect(last.edges.map((e: any) => e.node.title)).toEqual([
      'Spotkanie 19-00',
      'Spotkanie 19-01',
      'Spotkanie 19-02',
      'Spotkanie 19-03',
      'Spotkanie 19-04',
    ]);
    expect(last.pageInfo.hasNextPage).toBe(true);
    expect(twenty.data._entities[1].events.edges).toHaveLength(2);
    expect(twenty.sqlStatements).toBe(two.sqlStatements);
    expect(twenty.sqlStatements).toBe(2);
  });

  it('does the same for partnerships, and a demo organisation sees its events', async () => {
    const two = await service.query(ENTITIES, {
      r: partnerships.slice(0, 2).map((id) => ({ __typename: 'Partnership', id })),
    });
    const twenty = await service.query(ENTITIES, { r: partnerships.map((id) => ({ __typename: 'Partnership', id })) });
    expect(twenty.data._entities.map((p: any) => p.events.totalCount)).toEqual(partnerships.map((_, i) => i + 1));
    expect(twenty.sqlStatements).toBe(two.sqlStatements);
    const civitas = await service.query(ENTITIES, {
      r: [{ __typename: 'Organisation', id: demoOrganisationId('collegium-civitas') }],
    });
    expect(civitas.data._entities[0].events.edges).toEqual([
      { node: { title: 'Cykl szkoleniowo-coachingowy dla działaczy organizacji pozarządowych z Podlasia' } },
    ]);
  });
});

describe('mutations', () => {
  const CREATE = `mutation($input: CreateEventInput!) { createEvent(input: $input) {
    id title startsAt endsAt datePrecision allDay status venue { locality territory { code } } organisers { id } partnership { id }
  } }`;
  const organiser = demoOrganisationId('boris');
  const valid = {
    title: 'Spotkanie Partnerstwa Lokalnego w Liwie',
    kind: 'MEETING',
    datePrecision: 'TIME',
    startsAt: '2031-07-01T17:00:00',
    endsAt: '2031-07-01T19:00:00',
    venue: { locality: 'Liw', territory: '1433042' },
    organiserIds: [organiser],
    partnershipId: demoId('partnership', 'liw'),
  };

  it('needs a credential', async () => {
    const result = await service.query(CREATE, { input: valid });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('creates an event that the filters and its organiser then find', async () => {
    const created = await service.query(CREATE, { input: valid }, { admin: true });
    expect(created.errors).toBeUndefined();
    expect(created.data.createEvent).toMatchObject({
      startsAt: '2031-07-01T17:00:00.000+02:00',
      endsAt: '2031-07-01T19:00:00.000+02:00',
      allDay: false,
      status: 'CONFIRMED',
      venue: { locality: 'Liw', territory: { code: '1433042' } },
      organisers: [{ id: organiser }],
    });
    const upcoming = await service.query(LIST, { filter: { upcoming: true, territory: '14' } });
    expect(titles(upcoming)).toEqual(['Spotkanie Partnerstwa Lokalnego w Liwie']);
    const past = await service.query(LIST, { filter: { upcoming: false, territory: '20' } });
    expect(past.data.events.edges.map((e: any) => e.node.id)).toEqual([GONIADZ, CONFERENCE]);
    const byOrganiser = await service.query(LIST, { filter: { organiser } });
    expect(byOrganiser.data.events.edges.map((e: any) => e.node.id)).toEqual([created.data.createEvent.id]);
  });

  it('rejects inconsistent input, naming the field, and writes nothing', async () => {
    const before = await tableCounts();
    const cases: [Record<string, unknown>, string][] = [
      [{ endsAt: '2031-07-01T16:00:00' }, 'input.endsAt'],
      [{ datePrecision: 'UNKNOWN' }, 'input.startsAt'],
      [{ datePrecision: 'DAY' }, 'input.startsAt'],
      [{ datePrecision: 'MONTH', startsAt: '2031-07-02T00:00:00', endsAt: null }, 'input.startsAt'],
      [{ startsAt: null, endsAt: null }, 'input.startsAt'],
      [{ allDay: true }, 'input.allDay'],
      [{ venue: { locality: 'Nigdzie', territory: '1499999' } }, 'input.venue.territory'],
      [{ organiserIds: [organiser, 'nope'] }, 'input.organiserIds.1'],
      [{ organiserIds: [] }, 'input.organiserIds'],
      [{ partnershipId: 'liw' }, 'input.partnershipId'],
    ];
    for (const [change, field] of cases) {
      const result = await service.query(CREATE, { input: { ...valid, ...change } }, { admin: true });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await tableCounts()).toEqual(before);
  });

  it('refuses organisers and a partnership the hub does not know, all in one NOT_FOUND error, and writes nothing', async () => {
    const before = await tableCounts();
    const [ghost1, ghost2, ghostPartnership] = [randomUUID(), randomUUID(), randomUUID()];
    const result = await service.query(
      CREATE,
      { input: { ...valid, organiserIds: [organiser, ghost1, ghost2], partnershipId: ghostPartnership } },
      { admin: true },
    );
    expect(result.data).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions).toMatchObject({
      code: 'NOT_FOUND',
      field: 'input.organiserIds.1',
      problems: [
        { field: 'input.organiserIds.1', message: `Organisation ${ghost1} does not exist` },
        { field: 'input.organiserIds.2', message: `Organisation ${ghost2} does not exist` },
        { field: 'input.partnershipId', message: `Partnership ${ghostPartnership} does not exist` },
      ],
    });
    expect(await tableCounts()).toEqual(before);
  });

  it('takes an organisation once its owner has published it, and refuses it again once it is gone', async () => {
    const newcomer = randomUUID();
    const input = {
      ...valid,
      title: 'Spotkanie z nowym członkiem',
      organiserIds: [newcomer, organiser],
      partnershipId: null,
    };
    expect((await service.query(CREATE, { input }, { admin: true })).errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      field: 'input.organiserIds.0',
    });
    await announce(service, 'organisation', [newcomer]);
    const created = await service.query(CREATE, { input }, { admin: true });
    expect(created.errors).toBeUndefined();
    expect(created.data.createEvent.organisers).toEqual([{ id: newcomer }, { id: organiser }]);
    await announce(service, 'organisation', [newcomer], { gone: true });
    expect((await service.query(CREATE, { input }, { admin: true })).errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      field: 'input.organiserIds.0',
    });
    // Its event stays, listing only the organisers the hub still knows (never an id nobody can resolve).
    const event = await service.query('query($id: ID!) { event(id: $id) { organisers { id } } }', {
      id: created.data.createEvent.id,
    });
    expect(event.data.event.organisers).toEqual([{ id: organiser }]);
  });

  it('accepts a month-precision event without an end', async () => {
    const result = await service.query(
      CREATE,
      {
        input: {
          ...valid,
          title: 'Festyn w Liwie',
          kind: 'FESTIVAL',
          datePrecision: 'MONTH',
          startsAt: '2031-08-01T00:00:00',
          endsAt: null,
        },
      },
      { admin: true },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.createEvent).toMatchObject({
      startsAt: '2031-08-01T00:00:00.000+02:00',
      datePrecision: 'MONTH',
      allDay: true,
    });
  });

  it('rolls the event back when storing an organiser fails', async () => {
    const refused = randomUUID();
    await announce(service, 'organisation', [refused]);
    await sql.query(`create function events.test_refuse_organiser() returns trigger language plpgsql as $$
      begin if new.organisation_id = '${refused}' then raise exception 'refused by the test'; end if; return new; end $$`);
    await sql.query(
      'create trigger test_refuse_organiser before insert on events.event_organiser for each row execute function events.test_refuse_organiser()',
    );
    try {
      const before = await tableCounts();
      const result = await service.query(
        CREATE,
        { input: { ...valid, title: 'Wycofane', organiserIds: [organiser, refused] } },
        { admin: true },
      );
      expect(result.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(await tableCounts()).toEqual(before);
    } finally {
      await sql.query('drop trigger test_refuse_organiser on events.event_organiser');
      await sql.query('drop function events.test_refuse_organiser()');
    }
  });

  it('cancels an event, and an unknown one is NOT_FOUND', async () => {
    const CANCEL = 'mutation($id: ID!) { cancelEvent(id: $id) { id status } }';
    const cancelled = await service.query(CANCEL, { id: FORUM }, { admin: true });
    expect(cancelled.data.cancelEvent).toEqual({ id: FORUM, status: 'CANCELLED' });
    const unknown = await service.query(CANCEL, { id: randomUUID() }, { admin: true });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });

  it('keeps the demo data, and edits to it, when started again', async () => {
    const before = await tableCounts();
    const again = await startTestSubgraph(eventsSubgraph, db.url);
    try {
      expect(await tableCounts()).toEqual(before);
      const forum = await again.query('query($id: ID!) { event(id: $id) { status } }', { id: FORUM });
      expect(forum.data.event.status).toBe('CANCELLED');
    } finally {
      await again.close();
    }
  });
});

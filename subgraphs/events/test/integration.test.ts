import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import {
  announce,
  createTestDatabase,
  startTestSubgraph,
  TEST_INTERNAL_TOKEN,
  type TestDatabase,
  type TestSubgraph,
} from '@ngo-hub/kit/testing';
import { demoId, demoOrganisationId, TOPICS, type IntegrationBatch } from '@ngo-hub/kit';
import { migrations } from '../src/migrations/index.js';
import { eventsSubgraph } from '../src/subgraph.js';

const CREATE = 'mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }';
const CANCEL = 'mutation($id: ID!) { cancelEvent(id: $id) { id status } }';
const BORIS = demoOrganisationId('boris');
const LIW = demoOrganisationId('urzad-gminy-liw');
const valid = {
  title: 'Spotkanie Partnerstwa Lokalnego w Liwie',
  kind: 'MEETING',
  datePrecision: 'TIME',
  startsAt: '2031-07-01T17:00:00',
  endsAt: '2031-07-01T19:00:00',
  venue: { locality: 'Liw', territory: '1433042' },
  organiserIds: [BORIS, LIW],
};

type OutboxRow = { key: string; payload: { organisationIds: string[] } | null; version: string };

async function withClient<T>(url: string, run: (sql: pg.Client) => Promise<T>): Promise<T> {
  const sql = new pg.Client({ connectionString: url });
  await sql.connect();
  try {
    return await run(sql);
  } finally {
    await sql.end();
  }
}

const outbox = (url: string) =>
  withClient(url, async (sql) => {
    const { rows } = await sql.query(
      `select key, payload, version from events.outbox where topic = '${TOPICS.eventOrganisers.name}' order by key`,
    );
    return rows as OutboxRow[];
  });
const outboxEntry = async (url: string, key: string) => (await outbox(url)).find((r) => r.key === key);

describe(`${TOPICS.eventOrganisers.name} in the outbox`, () => {
  let db: TestDatabase;
  let service: TestSubgraph;

  beforeAll(async () => {
    db = await createTestDatabase('events_outbox');
    service = await startTestSubgraph(eventsSubgraph, db.url);
    await announce(service, 'organisation', [BORIS, LIW]);
  });

  afterAll(async () => {
    await service?.close();
    await db?.drop();
  });

  it('publishes every demo event with its distinct organisers, lead first', async () => {
    const rows = await outbox(db.url);
    expect(rows).toHaveLength(9);
    expect(rows.every((r) => r.payload !== null)).toBe(true);
    expect(
      (await outboxEntry(db.url, demoId('event', 'razem-dla-regionu-cykl-szkoleniowo-coachingowy')))?.payload,
    ).toEqual({
      organisationIds: [
        demoOrganisationId('collegium-civitas'),
        demoOrganisationId('klub-mysli-spolecznej-inicjatywy'),
      ],
      // The seed document gives no date for this cycle.
      year: null,
    });
    expect((await outboxEntry(db.url, demoId('event', 'forum-inicjatyw-pozarzadowych-bialystok')))?.payload).toEqual({
      organisationIds: [demoOrganisationId('zespol-konsultacyjny-op-bialystok')],
      year: null,
    });
  });

  it('records the organisers of a created event in the same transaction', async () => {
    const created = await service.query(
      CREATE,
      { input: { ...valid, organiserIds: [BORIS, LIW.toUpperCase()] } },
      { admin: true },
    );
    expect(created.errors).toBeUndefined();
    // The year of its start in Warsaw: what analytics' year windows count it under.
    expect((await outboxEntry(db.url, created.data.createEvent.id))?.payload).toEqual({
      organisationIds: [BORIS, LIW],
      year: 2031,
    });
  });

  it('records nothing for a rejected or rolled back event', async () => {
    const before = await outbox(db.url);
    const invalid = await service.query(
      CREATE,
      { input: { ...valid, endsAt: '2031-07-01T16:00:00' } },
      { admin: true },
    );
    expect(invalid.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const anonymous = await service.query(CREATE, { input: valid });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const forbidden = await service.query(CREATE, { input: valid }, { as: { role: 'PORTAL' } });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // The outbox row is written before the organisers are flushed; a failing organiser must take it back.
    const refused = randomUUID();
    await announce(service, 'organisation', [refused]);
    await withClient(db.url, async (sql) => {
      await sql.query(`create function events.test_refuse_organiser() returns trigger language plpgsql as $$
        begin if new.organisation_id = '${refused}' then raise exception 'refused by the test'; end if; return new; end $$`);
      await sql.query(
        'create trigger test_refuse_organiser before insert on events.event_organiser for each row execute function events.test_refuse_organiser()',
      );
    });
    try {
      const failed = await service.query(
        CREATE,
        { input: { ...valid, organiserIds: [BORIS, refused] } },
        { admin: true },
      );
      expect(failed.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await withClient(db.url, async (sql) => {
        await sql.query('drop trigger test_refuse_organiser on events.event_organiser');
        await sql.query('drop function events.test_refuse_organiser()');
      });
    }
    expect(await outbox(db.url)).toEqual(before);
  });

  it('withdraws a cancelled event with a null payload, once', async () => {
    const created = await service.query(CREATE, { input: valid }, { admin: true });
    const id = created.data.createEvent.id;
    const published = await outboxEntry(db.url, id);
    expect((await service.query(CANCEL, { id }, { admin: true })).data.cancelEvent.status).toBe('CANCELLED');
    const withdrawn = await outboxEntry(db.url, id);
    expect(withdrawn?.payload).toBeNull();
    expect(Number(withdrawn?.version)).toBeGreaterThan(Number(published?.version));
    await service.query(CANCEL, { id }, { admin: true });
    expect(await outboxEntry(db.url, id)).toEqual(withdrawn);
    // An unknown event records nothing.
    const before = await outbox(db.url);
    expect((await service.query(CANCEL, { id: randomUUID() }, { admin: true })).errors?.[0]?.extensions?.code).toBe(
      'NOT_FOUND',
    );
    expect(await outbox(db.url)).toEqual(before);
  });

  it('neither duplicates nor re-records anything when started again', async () => {
    const before = await outbox(db.url);
    const again = await startTestSubgraph(eventsSubgraph, db.url);
    await again.close();
    expect(await outbox(db.url)).toEqual(before);
  });
});

describe('backfill of a database from before integration events', () => {
  let db: TestDatabase;
  const meeting = randomUUID();
  const cancelled = randomUUID();

  beforeAll(async () => {
    db = await createTestDatabase('events_backfill');
    // The subgraph as it was: no outbox migration, no integration, no sync.
    const old = await startTestSubgraph(
      {
        ...eventsSubgraph,
        sync: undefined,
        integration: undefined,
        database: { ...eventsSubgraph.database, migrations: migrations.slice(0, -1) },
      },
      db.url,
      { demoData: false },
    );
    await old.close();
    await withClient(db.url, async (sql) => {
      await sql.query(
        `insert into events.event (id, title, kind, date_precision, status) values
        ($1, 'Spotkanie', 'MEETING', 'UNKNOWN', 'CONFIRMED'), ($2, 'Odwołane', 'MEETING', 'UNKNOWN', 'CANCELLED')`,
        [meeting, cancelled],
      );
      await sql.query(
        `insert into events.event_organiser (event_id, organisation_id, position) values
        ($1, $2, 1), ($1, $3, 0), ($4, $2, 0)`,
        [meeting, BORIS, LIW, cancelled],
      );
    });
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('records existing events at start, cancelled ones as null, and keeps them on the next start', async () => {
    const service = await startTestSubgraph(eventsSubgraph, db.url, { demoData: false });
    await service.close();
    const rows = await outbox(db.url);
    expect(rows.map(({ key, payload }) => ({ key, payload }))).toEqual(
      expect.arrayContaining([
        { key: meeting, payload: { organisationIds: [LIW, BORIS], year: null } },
        { key: cancelled, payload: null },
      ]),
    );
    expect(rows).toHaveLength(2);
    const again = await startTestSubgraph(eventsSubgraph, db.url);
    await again.close();
    const after = await outbox(db.url);
    // Only the demo events are added; the backfilled rows keep their version.
    expect(after).toHaveLength(11);
    expect(after.filter((r) => r.key === meeting || r.key === cancelled)).toEqual(rows);
  });
});

describe('delivery to subscribers', () => {
  let db: TestDatabase;
  let service: TestSubgraph;
  let receiver: Server;
  const received: IntegrationBatch[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('events_delivery');
    service = await startTestSubgraph(eventsSubgraph, db.url, { demoData: false });
    await announce(service, 'organisation', [BORIS, LIW]);
    // A stand-in subscriber that accepts everything carrying the shared secret.
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        if (request.url !== '/internal/events' || request.headers.authorization !== `Bearer ${TEST_INTERNAL_TOKEN}`) {
          response.writeHead(403).end();
          return;
        }
        received.push(JSON.parse(body));
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"applied":0}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    service.delivery!.setSubscribers([`http://127.0.0.1:${(receiver.address() as AddressInfo).port}`]);
  });

  afterAll(async () => {
    await service?.close();
    await new Promise((resolve) => receiver?.close(resolve));
    await db?.drop();
  });

  const delivered = (topic: string = TOPICS.eventOrganisers.name) =>
    received.flatMap((b) =>
      b.events
        .filter((e) => e.topic === topic)
        .map((e) => ({ publisher: b.publisher, topic: e.topic, key: e.key, payload: e.payload })),
    );

  it('pushes a created and then a cancelled event, and their audit entries, before the mutation answers', async () => {
    const created = await service.query(CREATE, { input: valid }, { admin: true });
    const id = created.data.createEvent.id;
    expect(delivered()).toEqual([
      {
        publisher: 'events',
        topic: TOPICS.eventOrganisers.name,
        key: id,
        payload: { organisationIds: [BORIS, LIW], year: 2031 },
      },
    ]);
    await service.query(CANCEL, { id }, { admin: true });
    expect(delivered().slice(1)).toEqual([
      { publisher: 'events', topic: TOPICS.eventOrganisers.name, key: id, payload: null },
    ]);
    const audits = delivered(TOPICS.auditEntry.name).map((e) => e.payload as { operation: string; entityId: string });
    expect(audits.map((a) => [a.operation, a.entityId])).toEqual([
      ['createEvent', id],
      ['cancelEvent', id],
    ]);
    // Nothing is pending any more, so a further flush sends nothing.
    await service.delivery!.flush();
    expect(received.flatMap((b) => b.events)).toHaveLength(4);
  });
});

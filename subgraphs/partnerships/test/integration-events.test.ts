import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoId, demoOrganisationId, TOPICS, warsawToday, type IntegrationBatch } from '@ngo-hub/kit';
import {
  announce,
  createTestDatabase,
  DEMO_ORGANISATION_IDS,
  startTestSubgraph,
  TEST_INTERNAL_TOKEN,
  type TestDatabase,
  type TestSubgraph,
} from '@ngo-hub/kit/testing';
import { partnershipsSubgraph } from '../src/subgraph.js';

let db: TestDatabase;
let service: TestSubgraph;

beforeAll(async () => {
  db = await createTestDatabase('partnerships_events');
  service = await startTestSubgraph(partnershipsSubgraph, db.url);
  await announce(service, 'organisation', DEMO_ORGANISATION_IDS);
});

afterAll(async () => {
  await service?.close();
  await db?.drop();
});

async function restart(): Promise<void> {
  await service.close();
  service = await startTestSubgraph(partnershipsSubgraph, db.url);
}

const sql = (statement: string, params: unknown[] = []) => service.orm.em.fork().execute(statement, params);

/** The outbox as a map: partnership id → published organisation ids (sorted) and version. */
async function outbox(): Promise<Map<string, { ids: string[]; version: number }>> {
  const rows = await sql(`select key, payload, version from partnerships.outbox where topic = ?`, [
    TOPICS.partnershipMembers.name,
  ]);
  return new Map(
    rows.map((r: any) => [r.key, { ids: [...r.payload.organisationIds].sort(), version: Number(r.version) }]),
  );
}

const published = async (partnershipId: string) => (await outbox()).get(partnershipId)?.ids;

const CREATE = 'mutation($input: CreatePartnershipInput!) { createPartnership(input: $input) { id } }';
const ADD = 'mutation($input: AddMembershipInput!) { addMembership(input: $input) { id } }';
const END = 'mutation($id: ID!, $leftOn: String!) { endMembership(id: $id, leftOn: $leftOn) { id } }';

async function create(name: string): Promise<string> {
  const result = await service.query(CREATE, { input: { name, territory: '1433042' } }, { admin: true });
  expect(result.errors).toBeUndefined();
  return result.data.createPartnership.id;
}

async function add(partnershipId: string, organisation: string, role: string, leftOn?: string): Promise<string> {
  const result = await service.query(
    ADD,
    { input: { partnershipId, organisationId: demoOrganisationId(organisation as any), role, leftOn } },
    { admin: true },
  );
  expect(result.errors).toBeUndefined();
  return result.data.addMembership.id;
}

const org = (key: string) => demoOrganisationId(key as any);
const sorted = (keys: string[]) => keys.map(org).sort();

describe(`${TOPICS.partnershipMembers.name} from the demo data`, () => {
  it('publishes the active members of every seeded partnership', async () => {
    const rows = await outbox();
    expect(rows.size).toBe(14);
    expect(rows.get(demoId('partnership', 'liw'))!.ids).toEqual(sorted(['urzad-gminy-liw', 'boris']));
    expect(rows.get(demoId('partnership', 'zespol-konsultacyjny-bialystok'))!.ids).toEqual(
      sorted(['centrum-wspolpracy-op-bialystok', 'urzad-miejski-bialystok']),
    );
  });

  it('records nothing again when the service restarts', async () => {
    const before = await outbox();
    await restart();
    expect(await outbox()).toEqual(before);
  });
});

describe(`${TOPICS.partnershipMembers.name} after mutations`, () => {
  it('publishes an empty set for a new partnership, then each change of its active members', async () => {
    const id = await create('Partnerstwo testowe zdarzeń');
    expect(await published(id)).toEqual([]);

    await add(id, 'urzad-gminy-liw', 'LEAD_PARTNER');
    const boris = await add(id, 'boris', 'MEMBER');
    expect(await published(id)).toEqual(sorted(['urzad-gminy-liw', 'boris']));

    // A membership recorded as already over is not an active one.
    await add(id, 'collegium-civitas', 'MEMBER', '2020-01-31');
    expect(await published(id)).toEqual(sorted(['urzad-gminy-liw', 'boris']));

    // Ending on a future date keeps the member active until then.
    const civitas = await add(id, 'collegium-civitas', 'MEMBER');
    const endLater = await service.query(END, { id: civitas, leftOn: '2999-12-31' }, { admin: true });
    expect(endLater.errors).toBeUndefined();
    expect(await published(id)).toEqual(sorted(['urzad-gminy-liw', 'boris', 'collegium-civitas']));

    const endToday = await service.query(END, { id: boris, leftOn: warsawToday() }, { admin: true });
    expect(endToday.errors).toBeUndefined();
    expect(await published(id)).toEqual(sorted(['urzad-gminy-liw', 'collegium-civitas']));
  });

  it('records nothing for a rejected mutation', async () => {
    const id = await create('Partnerstwo odrzuconych zmian');
    const lead = await add(id, 'urzad-gminy-liw', 'LEAD_PARTNER');
    const before = await outbox();

    const secondLead = await service.query(
      ADD,
      { input: { partnershipId: id, organisationId: org('boris'), role: 'LEAD_PARTNER' } },
      { admin: true },
    );
    expect(secondLead.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const badDate = await service.query(
      ADD,
      { input: { partnershipId: id, organisationId: org('boris'), role: 'MEMBER', leftOn: '2024-02-30' } },
      { admin: true },
    );
    expect(badDate.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badEnd = await service.query(END, { id: lead, leftOn: '2024-02-30' }, { admin: true });
    expect(badEnd.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badCreate = await service.query(
      CREATE,
      { input: { name: 'Partnerstwo bez gminy', territory: '1433999' } },
      { admin: true },
    );
    expect(badCreate.errors?.[0]?.extensions?.code).toBeDefined();
    const anonymous = await service.query(ADD, {
      input: { partnershipId: id, organisationId: org('boris'), role: 'MEMBER' },
    });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    expect(await outbox()).toEqual(before);
  });
});

describe('sync at start', () => {
  it('publishes partnerships missing from the outbox, such as data from before events existed', async () => {
    const liw = demoId('partnership', 'liw');
    await sql(`delete from partnerships.outbox where key = ?`, [liw]);
    const others = await outbox();
    await restart();
    const after = await outbox();
    expect(after.get(liw)!.ids).toEqual(sorted(['urzad-gminy-liw', 'boris']));
    for (const [key, row] of others) expect(after.get(key)).toEqual(row);
  });

  it('re-publishes a partnership whose published set went stale as a leftOn passed, and only it', async () => {
    const id = await create('Partnerstwo z końcem w przyszłości');
    await add(id, 'urzad-gminy-liw', 'LEAD_PARTNER');
    await add(id, 'boris', 'MEMBER', '2999-12-31');
    expect(await published(id)).toEqual(sorted(['urzad-gminy-liw', 'boris']));
    // The calendar moves past the end date: no mutation happens, the row simply ends in the past now.
    await sql(
      `update partnerships.membership set left_on = date '2021-06-30' where partnership_id = ? and organisation_id = ?`,
      [id, org('boris')],
    );
    const before = await outbox();
    await restart();
    const after = await outbox();
    expect(after.get(id)!.ids).toEqual(sorted(['urzad-gminy-liw']));
    expect(after.get(id)!.version).toBeGreaterThan(before.get(id)!.version);
    for (const [key, row] of before) if (key !== id) expect(after.get(key)).toEqual(row);
  });
});

describe('delivery', () => {
  let receiver: Server;
  const batches: { authorization?: string; batch: IntegrationBatch }[] = [];

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        if (request.url === '/internal/events')
          batches.push({ authorization: request.headers.authorization, batch: JSON.parse(body) });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"applied":0}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('pushes the new member set to subscribers before the mutation answers', async () => {
    service.delivery!.setSubscribers([`http://127.0.0.1:${(receiver.address() as AddressInfo).port}`]);
    // The backlog (seeded and earlier sets) goes out first.
    await service.delivery!.flush();
    expect(batches.flatMap((b) => b.batch.events).map((e) => e.key)).toContain(demoId('partnership', 'mokotow'));
    batches.length = 0;

    const id = await create('Partnerstwo dostarczone');
    await add(id, 'fundacja-ogarnij-emocje', 'MEMBER');
    const events = batches.flatMap((b) => b.batch.events).filter((e) => e.key === id);
    expect(
      batches.every((b) => b.batch.publisher === 'partnerships' && b.authorization === `Bearer ${TEST_INTERNAL_TOKEN}`),
    ).toBe(true);
    // Each state once, newest last; the receiver keeps the latest version per key.
    expect(events.map((e) => [e.topic, e.payload])).toEqual([
      [TOPICS.partnershipMembers.name, { organisationIds: [], year: null }],
      [TOPICS.partnershipMembers.name, { organisationIds: [org('fundacja-ogarnij-emocje')], year: null }],
    ]);
    expect(events[1]!.version).toBeGreaterThan(events[0]!.version);
  });
});

describe('schema', () => {
  it('nulls only Territory.partnerships when this service is down, not the whole territory', async () => {
    const result = await service.query(`{ __type(name: "Territory") { fields { name type { kind } } } }`);
    const field = result.data.__type.fields.find((f: any) => f.name === 'partnerships');
    expect(field.type.kind).toBe('OBJECT');
  });
});

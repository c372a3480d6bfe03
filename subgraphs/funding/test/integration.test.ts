import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import {
  announce,
  createTestDatabase,
  DEMO_ORGANISATION_IDS,
  startTestSubgraph,
  TEST_INTERNAL_TOKEN,
  type TestDatabase,
  type TestSubgraph,
} from '@ngo-hub/kit/testing';
import { demoId, demoOrganisationId, TOPICS, type IntegrationBatch } from '@ngo-hub/kit';
import { fundingSubgraph } from '../src/subgraph.js';

let db: TestDatabase;
let service: TestSubgraph;
let receiver: Server;
let receiverUrl: string;
const received: IntegrationBatch[] = [];

beforeAll(async () => {
  db = await createTestDatabase('funding_integration');
  service = await startTestSubgraph(fundingSubgraph, db.url);
  await announce(service, 'organisation', DEMO_ORGANISATION_IDS);
  // A stand-in subscriber that records every batch it is sent.
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push(JSON.parse(body) as IntegrationBatch);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"applied":0}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await service?.close();
  await new Promise((resolve) => receiver?.close(resolve));
  await db?.drop();
});

const org = demoOrganisationId;
const OGARNIJ = demoId('funder', 'fundacja-ogarnij-emocje');

async function outbox(): Promise<Map<string, { payload: unknown; version: number }>> {
  const rows = await service.orm.em
    .fork()
    .execute(`select key, payload, version from funding.outbox where topic = '${TOPICS.grantParticipants.name}'`);
  return new Map(rows.map((r) => [r.key as string, { payload: r.payload, version: Number(r.version) }]));
}

const CREATE = `mutation($input: CreateGrantInput!) { createGrant(input: $input) { id } }`;

describe(TOPICS.grantParticipants.name, () => {
  it('publishes the demo grants from the seeder: recipient first, then partners', async () => {
    const rows = await outbox();
    expect(rows.get(demoId('grant', 'razem-dla-regionu'))?.payload).toEqual({
      organisationIds: [
        org('klub-mysli-spolecznej-inicjatywy'),
        org('collegium-civitas'),
        org('technologie-netzwerk-berlin'),
      ],
      year: null,
    });
    expect(rows.get(demoId('grant', 'centrum-wsparcia-aktywnosci-spolecznej'))?.payload).toEqual({
      organisationIds: [org('fundacja-ogarnij-emocje')],
      year: 2021,
    });
    expect(rows.size).toBe(2);
  });

  it('records a created grant in its transaction and pushes it to subscribers before the mutation answers', async () => {
    service.delivery!.setSubscribers([receiverUrl]);
    const result = await service.query(
      CREATE,
      {
        input: {
          title: 'Wspólne działanie',
          formOfSupport: 'GRANT',
          recipientId: org('boris'),
          funderId: OGARNIJ,
          partnerIds: [org('collegium-civitas'), org('fundacja-ogarnij-emocje')],
        },
      },
      { admin: true },
    );
    expect(result.errors).toBeUndefined();
    const id = result.data.createGrant.id as string;
    const expected = {
      organisationIds: [org('boris'), org('collegium-civitas'), org('fundacja-ogarnij-emocje')],
      year: null,
    };
    expect((await outbox()).get(id)?.payload).toEqual(expected);
    // No flush here: delivery happens inside the mutation request.
    const events = received.flatMap((b) => b.events.map((e) => ({ publisher: b.publisher, ...e })));
    expect(events).toContainEqual(
      expect.objectContaining({
        publisher: 'funding',
        topic: TOPICS.grantParticipants.name,
        key: id,
        payload: expected,
      }),
    );
    service.delivery!.setSubscribers([]);
  });

  it('records nothing for a refused grant, even one refused after its rows were written', async () => {
    const before = await outbox();
    // Sources over budget are detected on the stored rows, then the whole transaction rolls back.
    const result = await service.query(
      CREATE,
      {
        input: {
          title: 'Za dużo',
          formOfSupport: 'GRANT',
          recipientId: org('boris'),
          partnerIds: [org('collegium-civitas')],
          amountAwarded: { amount: '10.00', currency: 'PLN' },
          fundingSources: [{ funderId: OGARNIJ, amount: { amount: '10.01', currency: 'PLN' } }],
        },
      },
      { admin: true },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.fundingSources' });
    expect(await outbox()).toEqual(before);
  });

  it('backfills at start (sync) every grant missing from the outbox, and only those', async () => {
    const em = service.orm.em.fork();
    // A grant written before integration events existed: rows only, no outbox entry.
    const old = randomUUID();
    const recipient = randomUUID();
    const partners = [randomUUID(), randomUUID()];
    await em.execute(
      `insert into funding.grant_award (id, title, form_of_support, recipient_id, funder_id) values (?, 'Dawny', 'GRANT', ?, ?)`,
      [old, recipient, OGARNIJ],
    );
    await em.execute(
      `insert into funding.grant_partner (grant_id, organisation_id, position) values (?, ?, 1), (?, ?, 0)`,
      [old, partners[0], old, partners[1]],
    );
    const before = await outbox();
    await em.execute(`delete from funding.outbox where key = ?`, [demoId('grant', 'razem-dla-regionu')]);

    await fundingSubgraph.sync!(service.orm);
    const after = await outbox();
    expect(after.get(old)?.payload).toEqual({ organisationIds: [recipient, partners[1], partners[0]], year: null });
    expect(after.get(demoId('grant', 'razem-dla-regionu'))?.payload).toEqual(
      before.get(demoId('grant', 'razem-dla-regionu'))!.payload,
    );
    // Rows already there are left as they were.
    for (const [key, row] of before)
      if (key !== demoId('grant', 'razem-dla-regionu')) expect(after.get(key)).toEqual(row);

    await fundingSubgraph.sync!(service.orm);
    expect(await outbox()).toEqual(after);
  });
});

describe(TOPICS.organisationSeat.name, () => {
  let version = 1000;
  const post = (events: { key: string; payload: unknown; version?: number }[]) =>
    fetch(service.url.replace(/\/graphql$/, '/internal/events'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_INTERNAL_TOKEN}` },
      body: JSON.stringify({
        publisher: 'organisations',
        events: events.map((e) => ({ topic: TOPICS.organisationSeat.name, version: e.version ?? version++, ...e })),
      }),
    });
  const seats = async () =>
    Object.fromEntries(
      (
        await service.orm.em.fork().execute('select organisation_id, territory_code from funding.organisation_seat')
      ).map((r) => [r.organisation_id as string, r.territory_code as string | null]),
    );

  it('upserts seats, stores a seatless organisation as null and deletes a removed one', async () => {
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    expect(
      (
        await post([
          { key: a, payload: { territoryCode: '1433042' } },
          { key: b, payload: { territoryCode: null } },
          { key: c, payload: { territoryCode: '14' } },
        ])
      ).status,
    ).toBe(200);
    // (The demo organisations were announced with no seat at the start of this file.)
    const mine = async () => Object.fromEntries(Object.entries(await seats()).filter(([id]) => [a, b, c].includes(id)));
    expect(await mine()).toEqual({ [a]: '1433042', [b]: null, [c]: '14' });

    expect(
      (
        await post([
          { key: a, payload: { territoryCode: '1465058' } },
          { key: c, payload: null },
        ])
      ).status,
    ).toBe(200);
    expect(await mine()).toEqual({ [a]: '1465058', [b]: null });
    // The same events keep the replica of known organisations: c is gone.
    const known = (
      await service.orm.em
        .fork()
        .execute(`select id from funding.known_id where kind = 'organisation' and id = any(?::uuid[])`, [
          `{${a},${b},${c}}`,
        ])
    )
      .map((r) => r.id as string)
      .sort();
    expect(known).toEqual([a, b].sort());

    // An older state arriving late is ignored.
    await post([{ key: a, payload: { territoryCode: '2061011' }, version: 1 }]);
    expect((await seats())[a]).toBe('1465058');
  });

  it('refuses a batch without the shared secret', async () => {
    const key = randomUUID();
    const response = await fetch(service.url.replace(/\/graphql$/, '/internal/events'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        publisher: 'organisations',
        events: [{ topic: TOPICS.organisationSeat.name, key, payload: { territoryCode: '14' }, version: 5000 }],
      }),
    });
    expect(response.status).toBe(403);
    expect((await seats())[key]).toBeUndefined();
  });
});

import { randomUUID } from 'node:crypto';
import pg from 'pg';
import {
  announce,
  createTestDatabase,
  startTestSubgraph,
  type TestDatabase,
  type TestSubgraph,
  coordinatorOf,
  editorOf,
  PORTAL_IDENTITY,
} from '@ngo-hub/kit/testing';
import { TOPICS, type Identity } from '@ngo-hub/kit';
import { eventsSubgraph } from '../src/subgraph.js';

// Who may create and cancel events (docs/access.md): ADMIN, an ORGANISATION_EDITOR of one of the
// organisers, the COORDINATOR of the event's partnership; each write leaves one audit entry.
let db: TestDatabase;
let service: TestSubgraph;
let sql: pg.Client;

const [A, B, C] = [randomUUID(), randomUUID(), randomUUID()];
const [P, Q] = [randomUUID(), randomUUID()];

const PORTAL = PORTAL_IDENTITY;

const CREATE = 'mutation($input: CreateEventInput!) { createEvent(input: $input) { id status } }';
const CANCEL = 'mutation($id: ID!) { cancelEvent(id: $id) { id status } }';
const input = (title: string, changes: Record<string, unknown> = {}) => ({
  title,
  kind: 'MEETING',
  datePrecision: 'DAY',
  startsAt: '2031-09-01T00:00:00',
  organiserIds: [A, B],
  partnershipId: P,
  ...changes,
});

interface AuditRow {
  actor: { subject: string; name: string; role: string };
  operation: string;
  entityType: string;
  entityId: string;
  changedFields: string[];
}

const audits = async (): Promise<AuditRow[]> =>
  (
    await sql.query(`select payload from events.outbox where topic = $1 order by version`, [TOPICS.auditEntry.name])
  ).rows.map((r) => r.payload);
const eventCount = async () => Number((await sql.query('select count(*) from events.event')).rows[0].count);
const statusOf = async (id: string) =>
  (await service.query('query($id: ID!) { event(id: $id) { status } }', { id })).data.event.status;

async function created(title: string, as?: Partial<Identity>): Promise<string> {
  const result = await service.query(CREATE, { input: input(title) }, as ? { as } : { admin: true });
  expect(result.errors).toBeUndefined();
  return result.data.createEvent.id;
}

beforeAll(async () => {
  db = await createTestDatabase('events_access');
  service = await startTestSubgraph(eventsSubgraph, db.url, { demoData: false });
  await announce(service, 'organisation', [A, B, C]);
  await announce(service, 'partnership', [P, Q]);
  sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
});

afterAll(async () => {
  await sql?.end();
  await service?.close();
  await db?.drop();
});

describe('createEvent', () => {
  it.each([
    ['ADMIN', undefined],
    ['the editor of its second organiser', editorOf(B)],
    ['the coordinator of its partnership', coordinatorOf(P)],
  ])('lets %s create an event, with an audit entry naming the actor and the given fields', async (_, as) => {
    const before = await audits();
    const id = await created(`Spotkanie ${randomUUID()}`, as);
    const added = (await audits()).slice(before.length);
    expect(added).toEqual([
      {
        at: expect.any(String),
        actor: as
          ? { subject: as.subject, name: as.name, role: as.role }
          : { subject: 'admin-token', name: 'ADMIN_TOKEN', role: 'ADMIN' },
        operation: 'createEvent',
        entityType: 'Event',
        entityId: id,
        changedFields: ['datePrecision', 'kind', 'organiserIds', 'partnershipId', 'startsAt', 'title'],
        // What webhooks and notices are told: public facts only.
        summary: expect.objectContaining({ title: expect.stringMatching(/^Spotkanie /), status: 'CONFIRMED' }),
      },
    ]);
  });

  it.each([
    ['the editor of an organisation that does not organise it', editorOf(C), 'FORBIDDEN', 'input.organiserIds'],
    ['the coordinator of another partnership', coordinatorOf(Q), 'FORBIDDEN', 'input.partnershipId'],
    ['a portal key', PORTAL, 'FORBIDDEN', 'input.organiserIds'],
    ['an anonymous caller', undefined, 'UNAUTHENTICATED', undefined],
  ])('refuses %s and writes nothing', async (_, as, code, field) => {
    const [events, entries] = [await eventCount(), (await audits()).length];
    const result = await service.query(CREATE, { input: input('Odmowa') }, as ? { as } : {});
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code, ...(field ? { field } : {}) });
    if (code === 'FORBIDDEN') {
      expect(result.errors?.[0]?.message).toBe(
        `createEvent needs ADMIN or an ORGANISATION_EDITOR of one of its organisers or the COORDINATOR of its partnership; this credential is ${as!.role}${as!.organisationId ? ` of organisation ${as!.organisationId}` : as!.partnershipId ? ` of partnership ${as!.partnershipId}` : ''}`,
      );
    }
    expect(await eventCount()).toBe(events);
    expect(await audits()).toHaveLength(entries);
  });

  it('refuses a coordinator creating an event without its partnership', async () => {
    const result = await service.query(
      CREATE,
      { input: input('Bez partnerstwa', { partnershipId: null }) },
      { as: coordinatorOf(P) },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.partnershipId' });
  });
});

describe('cancelEvent', () => {
  let event: string;
  beforeAll(async () => {
    event = await created('Do odwołania');
  });

  it.each([
    ['the editor of an organisation that does not organise it', editorOf(C), 'FORBIDDEN'],
    ['the coordinator of another partnership', coordinatorOf(Q), 'FORBIDDEN'],
    ['a portal key', PORTAL, 'FORBIDDEN'],
    ['an anonymous caller', undefined, 'UNAUTHENTICATED'],
  ])('refuses %s and leaves the event as it was', async (_, as, code) => {
    const entries = (await audits()).length;
    const result = await service.query(CANCEL, { id: event }, as ? { as } : {});
    expect(result.errors?.[0]?.extensions).toMatchObject({ code });
    if (code === 'FORBIDDEN')
      expect(result.errors?.[0]?.extensions?.needs).toBe(
        'ADMIN or an ORGANISATION_EDITOR of one of its organisers or the COORDINATOR of its partnership',
      );
    expect(await statusOf(event)).toBe('CONFIRMED');
    expect(await audits()).toHaveLength(entries);
  });

  it.each([
    ['ADMIN', undefined],
    ['the editor of one of its organisers', editorOf(B)],
    ['the coordinator of its partnership', coordinatorOf(P)],
  ])('lets %s cancel an event, with an audit entry for its status', async (_, as) => {
    const id = await created(`Odwołane ${randomUUID()}`);
    const before = (await audits()).length;
    const result = await service.query(CANCEL, { id }, as ? { as } : { admin: true });
    expect(result.errors).toBeUndefined();
    expect(await statusOf(id)).toBe('CANCELLED');
    expect((await audits()).slice(before)).toMatchObject([
      {
        actor: { role: as?.role ?? 'ADMIN' },
        operation: 'cancelEvent',
        entityType: 'Event',
        entityId: id,
        changedFields: ['status'],
      },
    ]);
  });

  it('decides on the stored organisers, even one the hub no longer knows', async () => {
    const gone = randomUUID();
    await announce(service, 'organisation', [gone]);
    const result = await service.query(
      CREATE,
      { input: input('Organizator zniknie', { organiserIds: [gone], partnershipId: null }) },
      { admin: true },
    );
    const id = result.data.createEvent.id;
    await announce(service, 'organisation', [gone], { gone: true });
    expect((await service.query(CANCEL, { id }, { as: editorOf(A) })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await service.query(CANCEL, { id }, { as: editorOf(gone) })).data.cancelEvent.status).toBe('CANCELLED');
  });

  it('answers an anonymous caller UNAUTHENTICATED even for an unknown event, a credential NOT_FOUND', async () => {
    const unknown = randomUUID();
    expect((await service.query(CANCEL, { id: unknown })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await service.query(CANCEL, { id: unknown }, { as: PORTAL })).errors?.[0]?.extensions?.code).toBe(
      'NOT_FOUND',
    );
  });
});

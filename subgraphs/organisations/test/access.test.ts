import { randomUUID } from 'node:crypto';
import pg from 'pg';
import {
  createTestDatabase,
  startTestSubgraph,
  TEST_INTERNAL_TOKEN,
  type TestDatabase,
  type TestSubgraph,
  coordinatorOf,
  editorOf,
  PORTAL_IDENTITY,
} from '@ngo-hub/kit/testing';
import { TOPICS } from '@ngo-hub/kit';
import { organisationsSubgraph } from '../src/subgraph.js';

// Who may write organisations and who reads their contact person (docs/access.md). Memberships reach
// this subgraph as the partnerships subgraph sends them: `partnership.members` on /internal/events.
let db: TestDatabase;
let service: TestSubgraph;
let sql: pg.Client;
let version = 0;

const [P, Q] = [randomUUID(), randomUUID()];
let X: string; // a member of P
let Y: string; // a member of no partnership

const PORTAL = PORTAL_IDENTITY;

const CREATE = 'mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }';
const UPDATE =
  'mutation($id: ID!, $input: UpdateOrganisationInput!) { updateOrganisation(id: $id, input: $input) { id name } }';
const CONTACT = 'query($id: ID!) { organisation(id: $id) { contactPerson { name email phone } } }';

/** Sets the active members of a partnership, as the partnerships subgraph's outbox would. */
async function members(partnershipId: string, organisationIds: string[]): Promise<void> {
  const response = await fetch(service.url.replace('/graphql', '/internal/events'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_INTERNAL_TOKEN}` },
    body: JSON.stringify({
      publisher: TOPICS.partnershipMembers.publisher,
      events: [
        { topic: TOPICS.partnershipMembers.name, key: partnershipId, payload: { organisationIds }, version: ++version },
      ],
    }),
  });
  expect(response.status).toBe(200);
}

async function create(name: string, contactPerson: Record<string, unknown> | null = null): Promise<string> {
  const result = await service.query(
    CREATE,
    { input: { name, sector: 'NGO', legalForm: 'STOWARZYSZENIE', contactPerson } },
    { admin: true },
  );
  expect(result.errors).toBeUndefined();
  return result.data.createOrganisation.id;
}

interface AuditRow {
  actor: { subject: string; name: string; role: string };
  operation: string;
  entityType: string;
  entityId: string;
  changedFields: string[];
}
const audits = async (): Promise<AuditRow[]> =>
  (
    await sql.query('select payload from organisations.outbox where topic = $1 order by version', [
      TOPICS.auditEntry.name,
    ])
  ).rows.map((r) => r.payload);
const organisationCount = async () =>
  Number((await sql.query('select count(*) from organisations.organisation')).rows[0].count);
const nameOf = async (id: string) =>
  (await service.query('query($id: ID!) { organisation(id: $id) { name } }', { id })).data.organisation.name;

beforeAll(async () => {
  db = await createTestDatabase('organisations_access');
  service = await startTestSubgraph(organisationsSubgraph, db.url, { demoData: false });
  sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
  X = await create('Stowarzyszenie X', { name: 'Anna Kowalska', email: 'anna@example.org', phone: '+48 600 100 200' });
  Y = await create('Fundacja Y', { name: 'Jan Nowak' });
  await members(P, [X]);
  await members(Q, [Y]);
});

afterAll(async () => {
  await sql?.end();
  await service?.close();
  await db?.drop();
});

describe('createOrganisation', () => {
  it('is for ADMIN, with an audit entry naming the actor and the given fields', async () => {
    const before = (await audits()).length;
    const id = await create('Fundacja Nowa', { name: 'Ewa Lis' });
    expect((await audits()).slice(before)).toEqual([
      {
        at: expect.any(String),
        actor: { subject: 'admin-token', name: 'ADMIN_TOKEN', role: 'ADMIN' },
        operation: 'createOrganisation',
        entityType: 'Organisation',
        entityId: id,
        changedFields: ['contactPerson', 'legalForm', 'name', 'sector'],
        // Register data for webhooks and notices; the contact person never travels.
        summary: { title: expect.any(String), territoryCode: null, url: null },
      },
    ]);
  });

  it.each([
    ['an editor', () => editorOf(X), 'FORBIDDEN'],
    ['a coordinator', () => coordinatorOf(P), 'FORBIDDEN'],
    ['a portal key', () => PORTAL, 'FORBIDDEN'],
    ['an anonymous caller', () => undefined, 'UNAUTHENTICATED'],
  ])('refuses %s and writes nothing', async (_, who, code) => {
    const as = who();
    const [count, entries] = [await organisationCount(), (await audits()).length];
    const result = await service.query(
      CREATE,
      { input: { name: 'Odmowa', sector: 'NGO', legalForm: 'FUNDACJA' } },
      as ? { as } : {},
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code, ...(code === 'FORBIDDEN' ? { needs: 'ADMIN' } : {}) });
    expect(await organisationCount()).toBe(count);
    expect(await audits()).toHaveLength(entries);
  });
});

describe('updateOrganisation', () => {
  it.each([
    ['ADMIN', () => undefined],
    ['the editor of the organisation', () => editorOf(X)],
  ])('lets %s change it, with an audit entry of the given fields', async (_, who) => {
    const as = who();
    const before = (await audits()).length;
    const name = `Stowarzyszenie X ${randomUUID().slice(0, 8)}`;
    const result = await service.query(
      UPDATE,
      { id: X, input: { name, website: null } },
      as ? { as } : { admin: true },
    );
    expect(result.errors).toBeUndefined();
    expect(await nameOf(X)).toBe(name);
    expect((await audits()).slice(before)).toMatchObject([
      {
        actor: { role: as?.role ?? 'ADMIN', subject: as?.subject ?? 'admin-token' },
        operation: 'updateOrganisation',
        entityType: 'Organisation',
        entityId: X,
        changedFields: ['name', 'website'],
        summary: expect.objectContaining({ title: expect.any(String) }),
      },
    ]);
  });

  it.each([
    ['the editor of another organisation', () => editorOf(Y), 'FORBIDDEN'],
    ['the coordinator of a partnership it is a member of', () => coordinatorOf(P), 'FORBIDDEN'],
    ['a portal key', () => PORTAL, 'FORBIDDEN'],
    ['an anonymous caller', () => undefined, 'UNAUTHENTICATED'],
  ])('refuses %s and changes nothing', async (_, who, code) => {
    const as = who();
    const [name, entries] = [await nameOf(X), (await audits()).length];
    const result = await service.query(UPDATE, { id: X, input: { name: 'Przejęte' } }, as ? { as } : {});
    expect(result.errors?.[0]?.extensions).toMatchObject({ code });
    if (code === 'FORBIDDEN') {
      expect(result.errors?.[0]?.extensions).toMatchObject({
        field: 'id',
        needs: `ADMIN or the ORGANISATION_EDITOR of organisation ${X}`,
      });
    }
    expect(await nameOf(X)).toBe(name);
    expect(await audits()).toHaveLength(entries);
  });
});

describe('contactPerson', () => {
  const anna = { name: 'Anna Kowalska', email: 'anna@example.org', phone: '+48 600 100 200' };

  it.each([
    ['ADMIN', () => ({ admin: true }), anna],
    ['the editor of the organisation', () => ({ as: editorOf(X) }), anna],
    ['the coordinator of a partnership it is an active member of', () => ({ as: coordinatorOf(P) }), anna],
    ['the editor of another organisation', () => ({ as: editorOf(Y) }), null],
    ['the coordinator of another partnership', () => ({ as: coordinatorOf(Q) }), null],
    ['a portal key', () => ({ as: PORTAL }), null],
    ['an anonymous caller', () => ({}), null],
  ])('is shown to %s only when allowed, without an error', async (_, options, expected) => {
    const result = await service.query(CONTACT, { id: X }, options());
    expect(result.errors).toBeUndefined();
    expect(result.data.organisation.contactPerson).toEqual(expected);
  });

  it('is hidden again from the coordinator once the organisation leaves the partnership', async () => {
    const other = await create('Koło Gospodyń Z', { name: 'Zofia Wiśniewska' });
    await members(P, [X, other]);
    const coordinator = { as: coordinatorOf(P) };
    expect((await service.query(CONTACT, { id: other }, coordinator)).data.organisation.contactPerson).toEqual({
      name: 'Zofia Wiśniewska',
      email: null,
      phone: null,
    });
    await members(P, [X]);
    expect((await service.query(CONTACT, { id: other }, coordinator)).data.organisation.contactPerson).toBeNull();
  });

  it('is replaced as a whole, cleared with null, and validated naming the field', async () => {
    const id = await create('Fundacja Kontaktowa', anna);
    const replaced = await service.query(
      UPDATE,
      { id, input: { contactPerson: { name: '  Piotr Zieliński ' } } },
      { as: editorOf(id) },
    );
    expect(replaced.errors).toBeUndefined();
    expect((await service.query(CONTACT, { id }, { admin: true })).data.organisation.contactPerson).toEqual({
      name: 'Piotr Zieliński',
      email: null,
      phone: null,
    });
    for (const [contactPerson, field] of [
      [{ name: 'Piotr', email: 'nie-email' }, 'input.contactPerson.email'],
      [{ name: 'Piotr', phone: 'abc' }, 'input.contactPerson.phone'],
      [{ name: ' ' }, 'input.contactPerson.name'],
    ] as const) {
      const bad = await service.query(UPDATE, { id, input: { contactPerson } }, { admin: true });
      expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    await service.query(UPDATE, { id, input: { contactPerson: null } }, { admin: true });
    expect((await service.query(CONTACT, { id }, { admin: true })).data.organisation.contactPerson).toBeNull();
  });

  const PAGE = `query($first: Int) { organisations(first: $first) { edges { node { id contactPerson { name } } } } }`;

  it("costs a coordinator's page the same SQL statements for 2 or 20 organisations", async () => {
    const many: string[] = [];
    for (let i = 0; i < 20; i++)
      many.push(await create(`Organizacja ${String(i).padStart(2, '0')}`, { name: `Osoba ${i}` }));
    await members(P, [X, ...many.filter((_, i) => i % 2 === 0)]);
    const coordinator = { as: coordinatorOf(P) };
    const small = await service.query(PAGE, { first: 2 }, coordinator);
    const large = await service.query(PAGE, { first: 20 }, coordinator);
    expect(large.errors).toBeUndefined();
    const shown = (r: typeof large) =>
      r.data.organisations.edges.filter((e: any) => e.node.contactPerson).map((e: any) => e.node.id);
    expect(shown(large).length).toBeGreaterThan(1);
    expect(shown(large).every((id: string) => id === X || many.indexOf(id) % 2 === 0)).toBe(true);
    expect(large.sqlStatements).toBe(small.sqlStatements);
    // For any other caller the rule needs no SQL at all: the page costs what it costs without the field.
    const editor = { as: editorOf(X) };
    const withField = await service.query(PAGE, { first: 20 }, editor);
    const without = await service.query('query { organisations(first: 20) { edges { node { id } } } }', {}, editor);
    expect(withField.sqlStatements).toBe(without.sqlStatements);
    expect(large.sqlStatements).toBe(without.sqlStatements + 1);
  });
});

import { demoId, TOPICS, warsawToday, type Identity } from '@ngo-hub/kit';
import {
  announce,
  createTestDatabase,
  startTestSubgraph,
  type TestDatabase,
  type TestSubgraph,
  PORTAL_IDENTITY,
} from '@ngo-hub/kit/testing';
import { partnershipsSubgraph } from '../src/subgraph.js';

let db: TestDatabase;
let service: TestSubgraph;

const ORG_A = '2c0f6d1e-7a43-4f0e-9a53-2d7d1f0c9a01';
const ORG_B = '2c0f6d1e-7a43-4f0e-9a53-2d7d1f0c9a02';
const ORG_C = '2c0f6d1e-7a43-4f0e-9a53-2d7d1f0c9a03';
const ORG_D = '2c0f6d1e-7a43-4f0e-9a53-2d7d1f0c9a04';
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

const editor = (organisationId: string): Partial<Identity> => ({
  subject: `key:editor-${organisationId.slice(-2)}`,
  name: 'Editor key',
  role: 'ORGANISATION_EDITOR',
  organisationId,
});
const coordinator = (partnershipId: string): Partial<Identity> => ({
  subject: `key:coordinator-${partnershipId.slice(0, 8)}`,
  name: 'Coordinator key',
  role: 'COORDINATOR',
  partnershipId,
});
const PORTAL = PORTAL_IDENTITY;

const sql = (statement: string, params: unknown[] = []) => service.orm.em.fork().execute(statement, params);

const CREATE = `mutation($input: CreatePartnershipInput!) { createPartnership(input: $input) { id } }`;
const UPDATE = `mutation($id: ID!, $input: UpdatePartnershipInput!) { updatePartnership(id: $id, input: $input) {
  id name description territory { code } additionalTerritories { code } themes contactPerson { name email phone } } }`;
const FIELDS = `id status signedOn decidedOn reason note createdAt partnership { id } organisation { id }
  membership { id role isActive declarationSignedOn joinedOn leftOn organisation { id } partnership { id } }`;
const SUBMIT = `mutation($input: SubmitDeclarationInput!) { submitDeclaration(input: $input) { ${FIELDS} } }`;
const ACCEPT = `mutation($id: ID!) { acceptDeclaration(id: $id) { ${FIELDS} } }`;
const REJECT = `mutation($id: ID!, $reason: String!) { rejectDeclaration(id: $id, reason: $reason) { ${FIELDS} } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawDeclaration(id: $id) { ${FIELDS} } }`;
const ONE = `query($id: ID!) { declaration(id: $id) { id status } }`;
const ADD = `mutation($input: AddMembershipInput!) { addMembership(input: $input) { id } }`;
const END = `mutation($id: ID!, $leftOn: String!) { endMembership(id: $id, leftOn: $leftOn) { id isActive leftOn } }`;

async function createPartnership(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const result = await service.query(CREATE, { input: { name, territory: '1433042', ...extra } }, { admin: true });
  expect(result.errors).toBeUndefined();
  return result.data.createPartnership.id;
}

async function submit(partnershipId: string, organisationId: string, signedOn = '2024-03-01'): Promise<any> {
  const result = await service.query(
    SUBMIT,
    { input: { partnershipId, organisationId, signedOn } },
    { as: editor(organisationId) },
  );
  expect(result.errors).toBeUndefined();
  return result.data.submitDeclaration;
}

/** The stored declarations of a partnership (straight from the table, not through the API). */
const declarationRows = (partnershipId: string) =>
  sql(
    `select organisation_id::text as organisation, status, decided_on::text as decided, reason, membership_id::text as membership
     from partnerships.declaration where partnership_id = ? order by created_at, id`,
    [partnershipId],
  );
const membershipRows = (partnershipId: string) =>
  sql(
    `select organisation_id::text as organisation, left_on::text as left from partnerships.membership where partnership_id = ?`,
    [partnershipId],
  );
const auditEntries = async (): Promise<any[]> =>
  (await sql(`select payload from partnerships.outbox where topic = ? order by version`, [TOPICS.auditEntry.name])).map(
    (r: any) => r.payload,
  );

beforeAll(async () => {
  db = await createTestDatabase('partnerships_declarations');
  service = await startTestSubgraph(partnershipsSubgraph, db.url);
  // What the organisations subgraph would publish about these organisations.
  await announce(service, 'organisation', [ORG_A, ORG_B, ORG_C, ORG_D]);
});

afterAll(async () => {
  await service?.close();
  await db?.drop();
});

describe('declaration lifecycle', () => {
  let partnershipId: string;
  let other: string;
  beforeAll(async () => {
    partnershipId = await createPartnership('Partnerstwo Deklaracji');
    other = await createPartnership('Partnerstwo Sąsiednie');
  });

  it('submits a declaration, and accepting it makes the organisation a member from today', async () => {
    const result = await service.query(
      SUBMIT,
      { input: { partnershipId, organisationId: ORG_A, signedOn: '2024-03-01', note: '  Chcemy działać razem.  ' } },
      { as: editor(ORG_A) },
    );
    expect(result.errors).toBeUndefined();
    const submitted = result.data.submitDeclaration;
    expect(submitted).toMatchObject({
      status: 'SUBMITTED',
      signedOn: '2024-03-01',
      decidedOn: null,
      reason: null,
      note: 'Chcemy działać razem.',
      membership: null,
      partnership: { id: partnershipId },
      organisation: { id: ORG_A },
    });
    expect(await membershipRows(partnershipId)).toEqual([]);

    const accepted = await service.query(ACCEPT, { id: submitted.id }, { as: coordinator(partnershipId) });
    expect(accepted.errors).toBeUndefined();
    const today = warsawToday();
    expect(accepted.data.acceptDeclaration).toMatchObject({
      id: submitted.id,
      status: 'ACCEPTED',
      decidedOn: today,
      membership: {
        role: 'MEMBER',
        isActive: true,
        declarationSignedOn: '2024-03-01',
        joinedOn: today,
        leftOn: null,
        organisation: { id: ORG_A },
        partnership: { id: partnershipId },
      },
    });
    expect(await membershipRows(partnershipId)).toEqual([{ organisation: ORG_A, left: null }]);
    // The same member set other subgraphs learn of as after addMembership.
    const [published] = await sql(`select payload from partnerships.outbox where topic = ? and key = ?`, [
      TOPICS.partnershipMembers.name,
      partnershipId,
    ]);
    expect(published.payload).toEqual({ organisationIds: [ORG_A], year: null });

    // Decided once: neither a second acceptance nor a withdrawal changes it.
    const again = await service.query(ACCEPT, { id: submitted.id }, { admin: true });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'id' });
    const withdrawn = await service.query(WITHDRAW, { id: submitted.id }, { as: editor(ORG_A) });
    expect(withdrawn.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'id' });
    expect(await membershipRows(partnershipId)).toHaveLength(1);

    // Already a member: a new declaration is refused.
    const member = await service.query(
      SUBMIT,
      { input: { partnershipId, organisationId: ORG_A, signedOn: '2024-05-01' } },
      { as: editor(ORG_A) },
    );
    expect(member.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.organisationId' });
  });

  it('rejects a declaration with a reason; the organisation may then declare again', async () => {
    const submitted = await submit(partnershipId, ORG_B);
    const blank = await service.query(REJECT, { id: submitted.id, reason: '   ' }, { as: coordinator(partnershipId) });
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const long = await service.query(
      REJECT,
      { id: submitted.id, reason: 'x'.repeat(2001) },
      { as: coordinator(partnershipId) },
    );
    expect(long.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });

    const rejected = await service.query(
      REJECT,
      { id: submitted.id, reason: 'Brak uchwały zarządu.' },
      { as: coordinator(partnershipId) },
    );
    expect(rejected.errors).toBeUndefined();
    expect(rejected.data.rejectDeclaration).toMatchObject({
      status: 'REJECTED',
      decidedOn: warsawToday(),
      reason: 'Brak uchwały zarządu.',
      membership: null,
    });
    const twice = await service.query(REJECT, { id: submitted.id, reason: 'Znowu.' }, { admin: true });
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'id' });
    expect((await membershipRows(partnershipId)).map((m: any) => m.organisation)).not.toContain(ORG_B);

    // The rejected one is closed, so a new one may be submitted.
    const next = await submit(partnershipId, ORG_B, '2024-06-01');
    expect(next.status).toBe('SUBMITTED');
  });

  it('lets the organisation withdraw its open declaration', async () => {
    const submitted = await submit(partnershipId, ORG_C);
    const withdrawn = await service.query(WITHDRAW, { id: submitted.id }, { as: editor(ORG_C) });
    expect(withdrawn.errors).toBeUndefined();
    expect(withdrawn.data.withdrawDeclaration).toMatchObject({
      status: 'WITHDRAWN',
      decidedOn: warsawToday(),
      reason: null,
      membership: null,
    });
    const accept = await service.query(ACCEPT, { id: submitted.id }, { as: coordinator(partnershipId) });
    expect(accept.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'id' });
  });

  it('keeps one open declaration per organisation and partnership, in the service and in the table', async () => {
    const first = await submit(other, ORG_D);
    const second = await service.query(
      SUBMIT,
      { input: { partnershipId: other, organisationId: ORG_D, signedOn: '2024-04-01' } },
      { as: editor(ORG_D) },
    );
    expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.organisationId' });
    // Any other writer meets the partial unique index.
    await expect(
      sql(
        `insert into partnerships.declaration (id, partnership_id, organisation_id, status, signed_on)
         values (gen_random_uuid(), ?, ?, 'SUBMITTED', date '2024-04-01')`,
        [other, ORG_D],
      ),
    ).rejects.toThrow(/declaration_one_open_idx/);
    expect((await declarationRows(other)).filter((d: any) => d.organisation === ORG_D)).toHaveLength(1);
    expect(first.status).toBe('SUBMITTED');
  });

  it('validates a submission: existing partnership and organisation, a real date not in the future, a short note', async () => {
    const base = { partnershipId: other, organisationId: ORG_C, signedOn: '2024-03-01' };
    const tomorrow = new Date(Date.now() + 36 * 3600 * 1000).toISOString().slice(0, 10);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ partnershipId: UNKNOWN }, 'NOT_FOUND', 'input.partnershipId'],
      [{ signedOn: '2024-02-30' }, 'BAD_USER_INPUT', 'input.signedOn'],
      [{ signedOn: tomorrow }, 'BAD_USER_INPUT', 'input.signedOn'],
      [{ note: 'x'.repeat(2001) }, 'BAD_USER_INPUT', 'input.note'],
      [{ partnershipId: 'liw' }, 'BAD_USER_INPUT', 'input.partnershipId'],
    ];
    for (const [change, code, field] of cases) {
      const result = await service.query(SUBMIT, { input: { ...base, ...change } }, { as: editor(ORG_C) });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code, field });
    }
    const ghost = '2c0f6d1e-7a43-4f0e-9a53-2d7d1f0c9aff';
    const unknownOrganisation = await service.query(
      SUBMIT,
      { input: { ...base, organisationId: ghost } },
      { admin: true },
    );
    expect(unknownOrganisation.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      field: 'input.organisationId',
    });
    expect((await declarationRows(other)).map((d: any) => d.organisation)).toEqual([ORG_D]);
  });

  it('answers NOT_FOUND for an unknown declaration', async () => {
    for (const [query, variables] of [
      [ACCEPT, { id: UNKNOWN }],
      [REJECT, { id: UNKNOWN, reason: 'Nie.' }],
      [WITHDRAW, { id: UNKNOWN }],
      [ONE, { id: UNKNOWN }],
    ] as const) {
      const result = await service.query(query, variables, { admin: true });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    }
  });

  it('refuses the wrong editor, the wrong coordinator, a portal and anonymous callers, writing nothing', async () => {
    const open = await submit(other, ORG_B);
    const before = await declarationRows(other);
    const membersBefore = await membershipRows(other);
    const audits = (await auditEntries()).length;

    const refusals: [string, Record<string, unknown>, Partial<Identity> | null, string][] = [
      [
        SUBMIT,
        { input: { partnershipId: other, organisationId: ORG_C, signedOn: '2024-03-01' } },
        editor(ORG_A),
        'FORBIDDEN',
      ],
      [
        SUBMIT,
        { input: { partnershipId: other, organisationId: ORG_C, signedOn: '2024-03-01' } },
        coordinator(other),
        'FORBIDDEN',
      ],
      [SUBMIT, { input: { partnershipId: other, organisationId: ORG_C, signedOn: '2024-03-01' } }, PORTAL, 'FORBIDDEN'],
      [
        SUBMIT,
        { input: { partnershipId: other, organisationId: ORG_C, signedOn: '2024-03-01' } },
        null,
        'UNAUTHENTICATED',
      ],
      [ACCEPT, { id: open.id }, coordinator(partnershipId), 'FORBIDDEN'],
      [ACCEPT, { id: open.id }, editor(ORG_B), 'FORBIDDEN'],
      [ACCEPT, { id: open.id }, PORTAL, 'FORBIDDEN'],
      [ACCEPT, { id: open.id }, null, 'UNAUTHENTICATED'],
      [REJECT, { id: open.id, reason: 'Nie.' }, coordinator(partnershipId), 'FORBIDDEN'],
      [REJECT, { id: open.id, reason: 'Nie.' }, editor(ORG_B), 'FORBIDDEN'],
      [REJECT, { id: open.id, reason: 'Nie.' }, null, 'UNAUTHENTICATED'],
      [WITHDRAW, { id: open.id }, editor(ORG_A), 'FORBIDDEN'],
      [WITHDRAW, { id: open.id }, coordinator(other), 'FORBIDDEN'],
      [WITHDRAW, { id: open.id }, PORTAL, 'FORBIDDEN'],
      [WITHDRAW, { id: open.id }, null, 'UNAUTHENTICATED'],
    ];
    for (const [query, variables, as, code] of refusals) {
      const result = await service.query(query, variables, as ? { as } : {});
      expect(result.errors?.[0]?.extensions?.code).toBe(code);
    }
    const forbidden = await service.query(ACCEPT, { id: open.id }, { as: editor(ORG_B) });
    expect(forbidden.errors?.[0]?.extensions).toMatchObject({
      field: 'id',
      needs: `ADMIN or the COORDINATOR of partnership ${other}`,
    });

    expect(await declarationRows(other)).toEqual(before);
    expect(await membershipRows(other)).toEqual(membersBefore);
    expect(await auditEntries()).toHaveLength(audits);
  });

  it('lets only one of two simultaneous decisions on a declaration pass', async () => {
    const open = await submit(other, ORG_C);
    const [accept, reject] = await Promise.all([
      service.query(ACCEPT, { id: open.id }, { as: coordinator(other) }),
      service.query(REJECT, { id: open.id, reason: 'Równocześnie.' }, { admin: true }),
    ]);
    const codes = [accept, reject].map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    const [row] = (await declarationRows(other)).filter((d: any) => d.organisation === ORG_C);
    expect(['ACCEPTED', 'REJECTED']).toContain(row.status);
    const joined = (await membershipRows(other)).some((m: any) => m.organisation === ORG_C);
    expect(joined).toBe(row.status === 'ACCEPTED');
  });
});

describe('reading declarations', () => {
  let partnershipId: string;
  let other: string;
  let declarationId: string;
  beforeAll(async () => {
    partnershipId = await createPartnership('Partnerstwo Odczytu');
    other = await createPartnership('Partnerstwo Obok');
    declarationId = (await submit(partnershipId, ORG_A, '2024-01-10')).id;
    const second = await submit(partnershipId, ORG_B, '2024-01-11');
    await service.query(WITHDRAW, { id: second.id }, { as: editor(ORG_B) });
    await submit(partnershipId, ORG_C, '2024-01-12');
    await submit(other, ORG_A, '2024-01-13');
  });

  it('shows one declaration to admins, its coordinators and its organisation editors only', async () => {
    for (const as of [undefined, coordinator(partnershipId), editor(ORG_A)]) {
      const result = await service.query(ONE, { id: declarationId }, as ? { as } : { admin: true });
      expect(result.errors).toBeUndefined();
      expect(result.data.declaration).toEqual({ id: declarationId, status: 'SUBMITTED' });
    }
    for (const as of [coordinator(other), editor(ORG_B), PORTAL]) {
      const result = await service.query(ONE, { id: declarationId }, { as });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'id' });
      expect(result.data?.declaration ?? null).toBeNull();
    }
    const anonymous = await service.query(ONE, { id: declarationId });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  const OF_PARTNERSHIP = `query($id: ID!, $status: DeclarationStatus, $first: Int, $after: String) { partnership(id: $id) {
    declarations(status: $status, first: $first, after: $after) { totalCount edges { node { organisation { id } status } }
    pageInfo { hasNextPage endCursor } } } }`;

  it('lists a partnership’s declarations, newest first, to admins and its coordinators; null to others', async () => {
    const admin = await service.query(OF_PARTNERSHIP, { id: partnershipId }, { admin: true });
    expect(admin.errors).toBeUndefined();
    expect(admin.data.partnership.declarations.totalCount).toBe(3);
    expect(admin.data.partnership.declarations.edges.map((e: any) => e.node.organisation.id)).toEqual([
      ORG_C,
      ORG_B,
      ORG_A,
    ]);
    const open = await service.query(
      OF_PARTNERSHIP,
      { id: partnershipId, status: 'SUBMITTED' },
      { as: coordinator(partnershipId) },
    );
    expect(open.data.partnership.declarations).toMatchObject({
      totalCount: 2,
      edges: [{ node: { organisation: { id: ORG_C } } }, { node: { organisation: { id: ORG_A } } }],
    });
    // Paged with cursors like every list.
    const page1 = await service.query(OF_PARTNERSHIP, { id: partnershipId, first: 2 }, { admin: true });
    const after = page1.data.partnership.declarations.pageInfo.endCursor;
    expect(page1.data.partnership.declarations.pageInfo.hasNextPage).toBe(true);
    const page2 = await service.query(OF_PARTNERSHIP, { id: partnershipId, first: 2, after }, { admin: true });
    expect(page2.data.partnership.declarations.edges.map((e: any) => e.node.organisation.id)).toEqual([ORG_A]);

    for (const as of [coordinator(other), editor(ORG_A), PORTAL]) {
      const hidden = await service.query(OF_PARTNERSHIP, { id: partnershipId }, { as });
      expect(hidden.errors).toBeUndefined();
      expect(hidden.data.partnership.declarations).toBeNull();
    }
    const anonymous = await service.query(OF_PARTNERSHIP, { id: partnershipId });
    expect(anonymous.errors).toBeUndefined();
    expect(anonymous.data.partnership.declarations).toBeNull();
  });

  const OF_ORGANISATIONS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organisation {
    id declarations { totalCount edges { node { partnership { id } status } } } } } }`;
  const reps = (ids: string[]) => ids.map((id) => ({ __typename: 'Organisation', id }));

  it('lists an organisation’s declarations to admins and its editors; null to others', async () => {
    const admin = await service.query(OF_ORGANISATIONS, { r: reps([ORG_A, ORG_B]) }, { admin: true });
    expect(admin.errors).toBeUndefined();
    const [a, b] = admin.data._entities;
    expect(a.declarations.totalCount).toBeGreaterThanOrEqual(2);
    expect(a.declarations.edges.slice(0, 2).map((e: any) => e.node.partnership.id)).toEqual([other, partnershipId]);
    expect(b.declarations.edges[0].node).toEqual({ partnership: { id: partnershipId }, status: 'WITHDRAWN' });

    const own = await service.query(OF_ORGANISATIONS, { r: reps([ORG_A, ORG_B]) }, { as: editor(ORG_A) });
    expect(own.data._entities[0].declarations.totalCount).toBe(a.declarations.totalCount);
    expect(own.data._entities[1].declarations).toBeNull();
    for (const as of [coordinator(partnershipId), PORTAL]) {
      const hidden = await service.query(OF_ORGANISATIONS, { r: reps([ORG_A]) }, { as });
      expect(hidden.data._entities[0].declarations).toBeNull();
    }
  });

  it('costs the same number of SQL statements for 2 or 14 partnerships with their declarations', async () => {
    const query = `query($first: Int) { partnerships(first: $first) { edges { node {
      declarations { totalCount edges { node { status partnership { name } membership { id } } } } } } } }`;
    const two = await service.query(query, { first: 2 }, { admin: true });
    const many = await service.query(query, { first: 14 }, { admin: true });
    expect(two.errors).toBeUndefined();
    expect(many.data.partnerships.edges.length).toBeGreaterThan(2);
    expect(many.sqlStatements).toBe(two.sqlStatements);
  });
});

describe('partnership writes by its coordinators', () => {
  let partnershipId: string;
  let other: string;
  beforeAll(async () => {
    partnershipId = await createPartnership('Partnerstwo Zmian', {
      description: 'Opis początkowy.',
      additionalTerritories: ['1433053'],
      contactPerson: { name: 'Anna Kowalska', email: 'anna@example.org', phone: '+48 600 100 200' },
    });
    other = await createPartnership('Partnerstwo Cudze');
  });

  const partnership = async (id: string) =>
    (
      await sql(
        `select name, description, territory_code, themes, contact_name, contact_email, contact_phone
         from partnerships.partnership where id = ?`,
        [id],
      )
    )[0];

  it('lets ADMIN and the partnership’s COORDINATOR change only the given fields', async () => {
    const byCoordinator = await service.query(
      UPDATE,
      { id: partnershipId, input: { name: 'Partnerstwo Zmienione', themes: ['sport', 'sport'] } },
      { as: coordinator(partnershipId) },
    );
    expect(byCoordinator.errors).toBeUndefined();
    expect(byCoordinator.data.updatePartnership).toMatchObject({
      name: 'Partnerstwo Zmienione',
      description: 'Opis początkowy.',
      themes: ['sport'],
      territory: { code: '1433042' },
      additionalTerritories: [{ code: '1433053' }],
      contactPerson: { name: 'Anna Kowalska', email: 'anna@example.org', phone: '+48 600 100 200' },
    });
    const byAdmin = await service.query(
      UPDATE,
      { id: partnershipId, input: { description: null, contactPerson: { name: 'Jan Nowak' } } },
      { admin: true },
    );
    expect(byAdmin.data.updatePartnership).toMatchObject({
      name: 'Partnerstwo Zmienione',
      description: null,
      contactPerson: { name: 'Jan Nowak', email: null, phone: null },
    });
  });

  it('refuses other coordinators, editors, portals and anonymous callers, changing nothing', async () => {
    const before = await partnership(partnershipId);
    const input = { name: 'Przejęte' };
    for (const as of [coordinator(other), editor(ORG_A), PORTAL]) {
      const result = await service.query(UPDATE, { id: partnershipId, input }, { as });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'id' });
    }
    const anonymous = await service.query(UPDATE, { id: partnershipId, input });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await partnership(partnershipId)).toEqual(before);
  });

  it('validates an update as a creation, against the stored territories too', async () => {
    const before = await partnership(partnershipId);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ name: null }, 'BAD_USER_INPUT', 'input.name'],
      [{ territory: '1499999' }, 'BAD_USER_INPUT', 'input.territory'],
      // 1433053 is stored as an additional territory.
      [{ territory: '1433053' }, 'BAD_USER_INPUT', 'input.territory'],
      [{ establishedOn: '2999-01-01' }, 'BAD_USER_INPUT', 'input.establishedOn'],
      [{ contactPerson: { name: '' } }, 'BAD_USER_INPUT', 'input.contactPerson.name'],
      [{ contactPerson: { name: 'Anna', email: 'not-an-email' } }, 'BAD_USER_INPUT', 'input.contactPerson.email'],
      [{ contactPerson: { name: 'Anna', phone: 'call me' } }, 'BAD_USER_INPUT', 'input.contactPerson.phone'],
    ];
    for (const [input, code, field] of cases) {
      const result = await service.query(UPDATE, { id: partnershipId, input }, { admin: true });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code, field });
    }
    const unknown = await service.query(UPDATE, { id: UNKNOWN, input: { name: 'X' } }, { admin: true });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    expect(await partnership(partnershipId)).toEqual(before);
  });

  it('lets the COORDINATOR of the membership’s partnership end it, and nobody else but ADMIN', async () => {
    const add = await service.query(
      ADD,
      { input: { partnershipId, organisationId: ORG_D, role: 'MEMBER', joinedOn: '2023-01-01' } },
      { admin: true },
    );
    const id = add.data.addMembership.id;
    for (const as of [coordinator(other), editor(ORG_D), PORTAL]) {
      const refused = await service.query(END, { id, leftOn: '2024-01-01' }, { as });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'id' });
    }
    const anonymous = await service.query(END, { id, leftOn: '2024-01-01' });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await membershipRows(partnershipId)).toEqual([{ organisation: ORG_D, left: null }]);

    const ended = await service.query(END, { id, leftOn: '2024-01-01' }, { as: coordinator(partnershipId) });
    expect(ended.errors).toBeUndefined();
    expect(ended.data.endMembership).toEqual({ id, isActive: false, leftOn: '2024-01-01' });
  });
});

describe('contact person', () => {
  const CONTACT = `query($id: ID!) { partnership(id: $id) { name contactPerson { name email phone } } }`;
  let partnershipId: string;
  beforeAll(async () => {
    partnershipId = await createPartnership('Partnerstwo Kontaktu', {
      contactPerson: { name: '  Ewa Zielińska ', email: 'ewa@example.org' },
    });
  });

  it('is shown to ADMIN and the partnership’s COORDINATOR only', async () => {
    const person = { name: 'Ewa Zielińska', email: 'ewa@example.org', phone: null };
    const admin = await service.query(CONTACT, { id: partnershipId }, { admin: true });
    expect(admin.data.partnership.contactPerson).toEqual(person);
    const own = await service.query(CONTACT, { id: partnershipId }, { as: coordinator(partnershipId) });
    expect(own.data.partnership.contactPerson).toEqual(person);
    for (const as of [coordinator(demoId('partnership', 'liw')), editor(ORG_A), PORTAL]) {
      const hidden = await service.query(CONTACT, { id: partnershipId }, { as });
      expect(hidden.errors).toBeUndefined();
      expect(hidden.data.partnership).toEqual({ name: 'Partnerstwo Kontaktu', contactPerson: null });
    }
    const anonymous = await service.query(CONTACT, { id: partnershipId });
    expect(anonymous.errors).toBeUndefined();
    expect(anonymous.data.partnership).toEqual({ name: 'Partnerstwo Kontaktu', contactPerson: null });
  });

  it('refuses a contact person with a bad e-mail on creation, creating nothing', async () => {
    const result = await service.query(
      CREATE,
      { input: { name: 'Partnerstwo Złego Maila', territory: '1433042', contactPerson: { name: 'X', email: 'x@' } } },
      { admin: true },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.contactPerson.email',
    });
    expect(await sql(`select 1 from partnerships.partnership where name = 'Partnerstwo Złego Maila'`)).toEqual([]);
  });
});

describe('audit trail', () => {
  it('records who changed what in the outbox for a write, and nothing for a refused one', async () => {
    const partnershipId = await createPartnership('Partnerstwo Audytu');
    const created = (await auditEntries()).at(-1);
    expect(created).toMatchObject({
      actor: { subject: 'admin-token', name: 'ADMIN_TOKEN', role: 'ADMIN' },
      operation: 'createPartnership',
      entityType: 'Partnership',
      entityId: partnershipId,
      changedFields: ['name', 'territory'],
    });
    expect(Date.parse(created.at)).not.toBeNaN();

    const submitted = await submit(partnershipId, ORG_A);
    const count = (await auditEntries()).length;
    const refused = await service.query(ACCEPT, { id: submitted.id }, { as: editor(ORG_A) });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const conflicting = await service.query(
      SUBMIT,
      { input: { partnershipId, organisationId: ORG_A, signedOn: '2024-03-01' } },
      { as: editor(ORG_A) },
    );
    expect(conflicting.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await auditEntries()).toHaveLength(count);

    const accepted = await service.query(ACCEPT, { id: submitted.id }, { as: coordinator(partnershipId) });
    const entries = (await auditEntries()).slice(count);
    expect(entries).toEqual([
      expect.objectContaining({
        actor: { subject: coordinator(partnershipId).subject, name: 'Coordinator key', role: 'COORDINATOR' },
        operation: 'acceptDeclaration',
        entityType: 'Membership',
        entityId: accepted.data.acceptDeclaration.membership.id,
      }),
      expect.objectContaining({
        operation: 'acceptDeclaration',
        entityType: 'Declaration',
        entityId: submitted.id,
        changedFields: ['decidedOn', 'membership', 'status'],
      }),
    ]);
  });
});

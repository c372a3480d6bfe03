import { randomUUID } from 'node:crypto';
import {
  announce,
  createTestDatabase,
  startTestSubgraph,
  TEST_INTERNAL_TOKEN,
  type TestDatabase,
  type TestSubgraph,
} from '@ngo-hub/kit/testing';
import { demoId, TOPICS, type Identity } from '@ngo-hub/kit';
import { fundingSubgraph } from '../src/subgraph.js';

/**
 * Who may announce calls and record grants (docs/access.md): ADMIN, or a FUNDER_OFFICER of the
 * funder, limited to its territories (the call's territory, the recipient's seat). Every refusal
 * leaves the tables and the audit trail as they were.
 */

let db: TestDatabase;
let service: TestSubgraph;

const BIALYSTOK = demoId('funder', 'miasto-bialystok');
const MAZOWSZE = demoId('funder', 'wojewodztwo-mazowieckie');
const BIALYSTOK_GMINA = '2061011';
const WARSAW_GMINA = '1465011';

/** Recipients seated in Białystok, in Warsaw, and one whose seat organisations never published. */
const inBialystok = randomUUID();
const otherInBialystok = randomUUID();
const inWarsaw = randomUUID();
const seatless = randomUUID();

const officer: Partial<Identity> = {
  subject: 'key:bialystok-officer',
  name: 'Wydział Spraw Społecznych UM Białystok',
  role: 'FUNDER_OFFICER',
  funderId: BIALYSTOK,
  territories: ['2061'],
};
const mazowszeOfficer: Partial<Identity> = { role: 'FUNDER_OFFICER', funderId: MAZOWSZE, territories: ['14'] };
const portal: Partial<Identity> = { role: 'PORTAL' };

beforeAll(async () => {
  db = await createTestDatabase('funding_access');
  service = await startTestSubgraph(fundingSubgraph, db.url);
  // Organisations' seats as the organisations subgraph publishes them (and, with them, that they exist).
  const response = await fetch(service.url.replace(/\/graphql$/, '/internal/events'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_INTERNAL_TOKEN}` },
    body: JSON.stringify({
      publisher: 'organisations',
      events: [
        [inBialystok, BIALYSTOK_GMINA],
        [otherInBialystok, BIALYSTOK_GMINA],
        [inWarsaw, WARSAW_GMINA],
      ].map(([key, territoryCode], i) => ({
        topic: TOPICS.organisationSeat.name,
        key,
        version: 10 + i,
        payload: { territoryCode },
      })),
    }),
  });
  expect(response.status).toBe(200);
  await announce(service, 'organisation', [seatless]);
});

afterAll(async () => {
  await service?.close();
  await db?.drop();
});

const sql = (query: string, params: unknown[] = []) => service.orm.em.fork().execute(query, params);

/** The audit entries funding has recorded, oldest first. */
async function auditEntries(): Promise<{ key: string; payload: any }[]> {
  return sql(`select key, payload from funding.outbox where topic = ? order by version`, [TOPICS.auditEntry.name]);
}

const CALL_FIELDS = `id title description opensOn closesOn budget { amount currency } url
  territory { code } eligibleTerritories { code } funder { id }`;
const CREATE_CALL = `mutation($input: CreateCallInput!) { createCall(input: $input) { ${CALL_FIELDS} } }`;
const UPDATE_CALL = `mutation($id: ID!, $input: UpdateCallInput!) { updateCall(id: $id, input: $input) { ${CALL_FIELDS} } }`;
const CALL = `query($id: ID!) { call(id: $id) { ${CALL_FIELDS} } }`;

const GRANT_FIELDS = `id title description startsOn endsOn currency amountAwarded { amount currency } ownContribution { amount }
  agreementNumber recipient { id } partners { id } funder { id } beneficiaryTerritories { code }`;
const CREATE_GRANT = `mutation($input: CreateGrantInput!) { createGrant(input: $input) { ${GRANT_FIELDS} } }`;
const UPDATE_GRANT = `mutation($id: ID!, $input: UpdateGrantInput!) { updateGrant(id: $id, input: $input) { ${GRANT_FIELDS} } }`;
const GRANT = `query($id: ID!) { grant(id: $id) { ${GRANT_FIELDS} } }`;

const errorOf = (result: { errors?: { extensions?: Record<string, unknown> }[] }) => result.errors?.[0]?.extensions;

const callInput = (fields: Record<string, unknown> = {}) => ({
  title: 'Otwarty konkurs ofert: wspieranie seniorów',
  funderId: BIALYSTOK,
  opensOn: '2026-01-10',
  closesOn: '2026-02-10',
  territory: BIALYSTOK_GMINA,
  ...fields,
});

const grantInput = (fields: Record<string, unknown> = {}) => ({
  title: 'Klub seniora',
  formOfSupport: 'PUBLIC_TASK_SUPPORT',
  funderId: BIALYSTOK,
  recipientId: inBialystok,
  ...fields,
});

async function counts(): Promise<{ calls: number; grants: number; audit: number }> {
  const [row] = await sql(`select (select count(*) from funding.call)::int as calls,
    (select count(*) from funding.grant_award)::int as grants,
    (select count(*) from funding.outbox where topic = '${TOPICS.auditEntry.name}')::int as audit`);
  return row as { calls: number; grants: number; audit: number };
}

/** Runs a write that must be refused with `code` on `field`, and checks it wrote nothing. */
async function refused(
  query: string,
  variables: Record<string, unknown>,
  as: Partial<Identity> | undefined,
  expected: { code: string; field?: string },
) {
  const before = await counts();
  const result = await service.query(query, variables, as ? { as } : {});
  expect(result.data ?? null).toBeNull();
  expect(errorOf(result)).toMatchObject(expected);
  expect(await counts()).toEqual(before);
  return result;
}

describe('createCall', () => {
  it("lets the funder's officer announce a call in its territory, recorded in the audit trail", async () => {
    const before = (await auditEntries()).length;
    const result = await service.query(CREATE_CALL, { input: callInput() }, { as: officer });
    expect(result.errors).toBeUndefined();
    const call = result.data.createCall;
    expect(call).toMatchObject({ territory: { code: BIALYSTOK_GMINA }, funder: { id: BIALYSTOK } });

    const entries = await auditEntries();
    expect(entries).toHaveLength(before + 1);
    expect(entries.at(-1)!.payload).toMatchObject({
      actor: { subject: 'key:bialystok-officer', name: officer.name, role: 'FUNDER_OFFICER' },
      operation: 'createCall',
      entityType: 'Call',
      entityId: call.id,
      changedFields: ['closesOn', 'funderId', 'opensOn', 'territory', 'title'],
    });
  });

  it("refuses another funder's officer, naming the funder", async () => {
    const result = await refused(CREATE_CALL, { input: callInput() }, mazowszeOfficer, {
      code: 'FORBIDDEN',
      field: 'input.funderId',
    });
    expect(result.errors![0]!.message).toContain(`funder ${BIALYSTOK}`);
  });

  it('refuses the officer outside its territories, and without a territory when it is limited', async () => {
    await refused(CREATE_CALL, { input: callInput({ territory: WARSAW_GMINA }) }, officer, {
      code: 'FORBIDDEN',
      field: 'input.territory',
    });
    await refused(CREATE_CALL, { input: callInput({ territory: null }) }, officer, {
      code: 'FORBIDDEN',
      field: 'input.territory',
    });
    // An officer with no territorial limit may announce anywhere, or nowhere in particular.
    const unlimited = await service.query(
      CREATE_CALL,
      { input: callInput({ territory: null, title: 'Konkurs bez obszaru' }) },
      { as: { ...officer, territories: [] } },
    );
    expect(unlimited.errors).toBeUndefined();
    expect(unlimited.data.createCall.territory).toBeNull();
  });

  it('refuses a PORTAL key (FORBIDDEN) and an anonymous caller (UNAUTHENTICATED)', async () => {
    await refused(CREATE_CALL, { input: callInput() }, portal, { code: 'FORBIDDEN' });
    await refused(CREATE_CALL, { input: callInput() }, undefined, { code: 'UNAUTHENTICATED' });
  });

  it('validates the territory against the register', async () => {
    await refused(CREATE_CALL, { input: callInput({ territory: '2099999' }) }, officer, {
      code: 'BAD_USER_INPUT',
      field: 'input.territory',
    });
  });
});

describe('updateCall', () => {
  let id: string;
  beforeAll(async () => {
    const result = await service.query(
      CREATE_CALL,
      {
        input: callInput({
          title: 'Konkurs: kultura',
          description: 'Zadania z zakresu kultury.',
          budget: { amount: '80000.00', currency: 'PLN' },
          eligibleTerritories: ['2061011'],
          url: 'https://bip.um.bialystok.pl/konkurs',
        }),
      },
      { as: officer },
    );
    expect(result.errors).toBeUndefined();
    id = result.data.createCall.id;
  });

  it('changes only the fields given; null clears an optional one; audited with those fields', async () => {
    const before = (await service.query(CALL, { id })).data.call;
    const result = await service.query(
      UPDATE_CALL,
      { id, input: { title: 'Konkurs: kultura i sztuka', closesOn: null } },
      { as: officer },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.updateCall).toEqual({ ...before, title: 'Konkurs: kultura i sztuka', closesOn: null });
    expect((await service.query(CALL, { id })).data.call).toEqual(result.data.updateCall);
    expect((await auditEntries()).at(-1)!.payload).toMatchObject({
      operation: 'updateCall',
      entityType: 'Call',
      entityId: id,
      changedFields: ['closesOn', 'title'],
    });

    const lists = await service.query(
      UPDATE_CALL,
      { id, input: { eligibleTerritories: ['20'], budget: null } },
      { as: officer },
    );
    expect(lists.errors).toBeUndefined();
    expect(lists.data.updateCall).toMatchObject({
      title: 'Konkurs: kultura i sztuka',
      eligibleTerritories: [{ code: '20' }],
      budget: null,
      url: 'https://bip.um.bialystok.pl/konkurs',
    });
  });

  it('validates like createCall, against the stored dates too', async () => {
    await refused(UPDATE_CALL, { id, input: { closesOn: '2025-12-31' } }, officer, {
      code: 'BAD_USER_INPUT',
      field: 'input.closesOn',
    });
    await refused(UPDATE_CALL, { id, input: { territory: '2099999' } }, officer, {
      code: 'BAD_USER_INPUT',
      field: 'input.territory',
    });
    await refused(UPDATE_CALL, { id, input: { title: null } }, officer, {
      code: 'BAD_USER_INPUT',
      field: 'input.title',
    });
    await refused(UPDATE_CALL, { id: randomUUID(), input: { title: 'X' } }, officer, {
      code: 'NOT_FOUND',
      field: 'id',
    });
  });

  it('refuses moving the call outside the officer’s territories, and leaves it as it was', async () => {
    const before = (await service.query(CALL, { id })).data.call;
    await refused(UPDATE_CALL, { id, input: { territory: WARSAW_GMINA, title: 'Przeniesiony' } }, officer, {
      code: 'FORBIDDEN',
      field: 'input.territory',
    });
    await refused(UPDATE_CALL, { id, input: { territory: null } }, officer, {
      code: 'FORBIDDEN',
      field: 'input.territory',
    });
    expect((await service.query(CALL, { id })).data.call).toEqual(before);
  });

  it("refuses a call stored outside the officer's territories, another funder's officer, PORTAL and anonymous", async () => {
    const elsewhere = await service.query(
      CREATE_CALL,
      { input: callInput({ territory: WARSAW_GMINA, title: 'Konkurs poza Białymstokiem' }) },
      { admin: true },
    );
    expect(elsewhere.errors).toBeUndefined();
    const outside = elsewhere.data.createCall.id;
    await refused(UPDATE_CALL, { id: outside, input: { territory: BIALYSTOK_GMINA } }, officer, {
      code: 'FORBIDDEN',
      field: 'id',
    });
    await refused(UPDATE_CALL, { id, input: { title: 'X' } }, mazowszeOfficer, { code: 'FORBIDDEN', field: 'id' });
    await refused(UPDATE_CALL, { id, input: { title: 'X' } }, portal, { code: 'FORBIDDEN' });
    await refused(UPDATE_CALL, { id, input: { title: 'X' } }, undefined, { code: 'UNAUTHENTICATED' });
    // ADMIN may move it anywhere.
    const admin = await service.query(UPDATE_CALL, { id: outside, input: { territory: '14' } }, { admin: true });
    expect(admin.data?.updateCall.territory).toEqual({ code: '14' });
  });

  it('filters calls by their own territory (callTerritory), apart from who may apply', async () => {
    const result = await service.query(
      `query($filter: CallFilter) { calls(filter: $filter, first: 100) { edges { node { title territory { code } } } } }`,
      { filter: { callTerritory: '2061' } },
    );
    expect(result.errors).toBeUndefined();
    const nodes = result.data.calls.edges.map((e: any) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((n: any) => n.territory.code.startsWith('2061'))).toBe(true);
    expect(nodes.map((n: any) => n.title)).toContain('Konkurs: kultura i sztuka');
    const none = await service.query(`query($filter: CallFilter) { calls(filter: $filter) { totalCount } }`, {
      filter: { callTerritory: '1465' },
    });
    expect(none.data.calls.totalCount).toBe(0);
    const bad = await service.query(`{ calls(filter: { callTerritory: "2099999" }) { totalCount } }`);
    expect(errorOf(bad)).toMatchObject({ code: 'NOT_FOUND', field: 'filter.callTerritory' });
  });
});

describe('createGrant', () => {
  it("lets the funder's officer record a grant to a recipient seated in its territory, audited", async () => {
    const result = await service.query(
      CREATE_GRANT,
      { input: grantInput({ amountAwarded: { amount: '20000.00', currency: 'PLN' } }) },
      { as: officer },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.createGrant).toMatchObject({ recipient: { id: inBialystok }, funder: { id: BIALYSTOK } });
    expect((await auditEntries()).at(-1)!.payload).toMatchObject({
      operation: 'createGrant',
      entityType: 'Grant',
      entityId: result.data.createGrant.id,
      changedFields: ['amountAwarded', 'formOfSupport', 'funderId', 'recipientId', 'title'],
    });
  });

  it('refuses a recipient seated outside the territories, or with no known seat', async () => {
    await refused(CREATE_GRANT, { input: grantInput({ recipientId: inWarsaw }) }, officer, {
      code: 'FORBIDDEN',
      field: 'input.recipientId',
    });
    await refused(CREATE_GRANT, { input: grantInput({ recipientId: seatless }) }, officer, {
      code: 'FORBIDDEN',
      field: 'input.recipientId',
    });
  });

  it("refuses another funder's officer, PORTAL and anonymous", async () => {
    await refused(
      CREATE_GRANT,
      { input: grantInput() },
      { ...mazowszeOfficer, territories: [] },
      {
        code: 'FORBIDDEN',
        field: 'input.funderId',
      },
    );
    await refused(CREATE_GRANT, { input: grantInput() }, portal, { code: 'FORBIDDEN' });
    await refused(CREATE_GRANT, { input: grantInput() }, undefined, { code: 'UNAUTHENTICATED' });
  });
});

describe('updateGrant', () => {
  let id: string;
  beforeAll(async () => {
    const result = await service.query(
      CREATE_GRANT,
      {
        input: grantInput({
          title: 'Świetlica środowiskowa',
          description: 'Zajęcia dla dzieci.',
          amountAwarded: { amount: '50000.00', currency: 'PLN' },
          ownContribution: { amount: '5000.00', currency: 'PLN' },
          startsOn: '2026-03-01',
          endsOn: '2026-12-31',
          agreementNumber: 'UM-BS/2026/7',
          beneficiaryTerritories: [BIALYSTOK_GMINA],
        }),
      },
      { as: officer },
    );
    expect(result.errors).toBeUndefined();
    id = result.data.createGrant.id;
  });

  it('changes only the fields given, audited with those fields', async () => {
    const before = (await service.query(GRANT, { id })).data.grant;
    const result = await service.query(
      UPDATE_GRANT,
      { id, input: { amountAwarded: { amount: '55000.00', currency: 'PLN' }, description: null } },
      { as: officer },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.updateGrant).toEqual({
      ...before,
      amountAwarded: { amount: '55000.00', currency: 'PLN' },
      description: null,
    });
    expect((await service.query(GRANT, { id })).data.grant).toEqual(result.data.updateGrant);
    expect((await auditEntries()).at(-1)!.payload).toMatchObject({
      operation: 'updateGrant',
      entityId: id,
      changedFields: ['amountAwarded', 'description'],
    });
  });

  it('replaces the partners and publishes the new participants', async () => {
    const result = await service.query(
      UPDATE_GRANT,
      { id, input: { partnerIds: [otherInBialystok] } },
      { as: officer },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.updateGrant.partners).toEqual([{ id: otherInBialystok }]);
    const [row] = await sql(
      `select payload from funding.outbox where topic = ? and key = ? order by version desc limit 1`,
      [TOPICS.grantParticipants.name, id],
    );
    expect(row!.payload).toMatchObject({ organisationIds: [inBialystok, otherInBialystok] });
  });

  it('validates the changed grant like a new one, against what is stored', async () => {
    await refused(UPDATE_GRANT, { id, input: { endsOn: '2026-01-01' } }, officer, {
      code: 'BAD_USER_INPUT',
      field: 'input.endsOn',
    });
    await refused(UPDATE_GRANT, { id, input: { amountAwarded: { amount: '1.00', currency: 'EUR' } } }, officer, {
      code: 'BAD_USER_INPUT',
      field: 'input.ownContribution.currency',
    });
    await refused(UPDATE_GRANT, { id, input: { partnerIds: [inBialystok] } }, officer, {
      code: 'BAD_USER_INPUT',
      field: 'input.partnerIds.0',
    });
    await refused(UPDATE_GRANT, { id, input: { recipientId: null } }, officer, {
      code: 'BAD_USER_INPUT',
      field: 'input.recipientId',
    });
    await refused(UPDATE_GRANT, { id, input: { recipientId: randomUUID() } }, officer, {
      code: 'NOT_FOUND',
      field: 'input.recipientId',
    });
    const other = await service.query(
      CREATE_GRANT,
      { input: grantInput({ title: 'Inna umowa', agreementNumber: 'UM-BS/2026/8' }) },
      { as: officer },
    );
    expect(other.errors).toBeUndefined();
    await refused(UPDATE_GRANT, { id, input: { agreementNumber: 'UM-BS/2026/8' } }, officer, {
      code: 'CONFLICT',
      field: 'input.agreementNumber',
    });
    // Its own number is no conflict.
    const same = await service.query(UPDATE_GRANT, { id, input: { agreementNumber: 'UM-BS/2026/7' } }, { as: officer });
    expect(same.errors).toBeUndefined();
  });

  it("refuses moving the grant to a recipient outside the officer's territories, or to another funder", async () => {
    const before = (await service.query(GRANT, { id })).data.grant;
    await refused(UPDATE_GRANT, { id, input: { recipientId: inWarsaw, partnerIds: [] } }, officer, {
      code: 'FORBIDDEN',
      field: 'input.recipientId',
    });
    await refused(UPDATE_GRANT, { id, input: { funderId: MAZOWSZE } }, officer, {
      code: 'FORBIDDEN',
      field: 'input.funderId',
    });
    expect((await service.query(GRANT, { id })).data.grant).toEqual(before);
  });

  it("refuses a grant stored outside the officer's reach, another funder's officer, PORTAL and anonymous", async () => {
    const elsewhere = await service.query(
      CREATE_GRANT,
      { input: grantInput({ recipientId: inWarsaw, title: 'Grant w Warszawie' }) },
      { admin: true },
    );
    expect(elsewhere.errors).toBeUndefined();
    await refused(UPDATE_GRANT, { id: elsewhere.data.createGrant.id, input: { recipientId: inBialystok } }, officer, {
      code: 'FORBIDDEN',
      field: 'id',
    });
    await refused(UPDATE_GRANT, { id, input: { title: 'X' } }, mazowszeOfficer, { code: 'FORBIDDEN', field: 'id' });
    await refused(UPDATE_GRANT, { id, input: { title: 'X' } }, portal, { code: 'FORBIDDEN' });
    await refused(UPDATE_GRANT, { id, input: { title: 'X' } }, undefined, { code: 'UNAUTHENTICATED' });
  });
});

describe(TOPICS.funderKnown.name, () => {
  it('records every demo funder in the outbox at start, once, with its name', async () => {
    const rows = await sql(`select key, payload from funding.outbox where topic = ? order by key`, [
      TOPICS.funderKnown.name,
    ]);
    const funders = await sql('select id, name from funding.funder order by id');
    expect(funders).toHaveLength(5);
    expect(rows).toEqual(funders.map((f) => ({ key: f.id, payload: { name: f.name } })));

    // A restart records nothing again.
    const again = await startTestSubgraph(fundingSubgraph, db.url);
    await again.close();
    expect(await sql(`select key from funding.outbox where topic = ?`, [TOPICS.funderKnown.name])).toHaveLength(5);
  });
});

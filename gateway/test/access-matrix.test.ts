import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { postGraphQL, TEST_ADMIN_TOKEN } from '@ngo-hub/kit/testing';
import { startTestGateway, startTestSubgraphs, type TestSubgraphs } from './support/hub.js';

// Issue 9's access matrix, through the gateway on real PostgreSQL: every role × every mutation and
// every protected field, in scope, out of scope and with a revoked key. Each cell's outcome is
// asserted exactly, and after every refused write the five subgraphs' tables are compared with
// their state before it: a refusal writes nothing, not even an audit entry.
let hub: TestSubgraphs;
let gateway: FastifyInstance;
let url: string;
let sql: pg.Client;

type Role =
  | 'anonymous'
  | 'revoked'
  | 'ADMIN'
  | 'EDITOR_A'
  | 'EDITOR_B'
  | 'COORD_P'
  | 'COORD_Q'
  | 'OFFICER_F'
  | 'OFFICER_G'
  | 'PORTAL';
const ROLES: Role[] = [
  'anonymous',
  'revoked',
  'ADMIN',
  'EDITOR_A',
  'EDITOR_B',
  'COORD_P',
  'COORD_Q',
  'OFFICER_F',
  'OFFICER_G',
  'PORTAL',
];
const secrets = {} as Record<Role, string | undefined>;
const keyIds = {} as Record<Role, string>;
/** A: seated in Białystok, member of P. B: seated in Warsaw. P, Q: partnerships. F, G: funders. */
const ids = {} as Record<'A' | 'B' | 'P' | 'Q' | 'F' | 'G', string>;

const BIALYSTOK = '2061011';
const WARSAW = '1465011';

const ADMIN = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
const headers = (role: Role) => (secrets[role] ? { authorization: `Bearer ${secrets[role]}` } : {});
const as = (role: Role, query: string, variables?: Record<string, unknown>) =>
  postGraphQL(url, query, variables, headers(role));

async function admin<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const result = await postGraphQL(url, query, variables, ADMIN);
  if (result.errors) throw new Error(`setup failed: ${JSON.stringify(result.errors)}`);
  return result.data as T;
}

/**
 * Every table of every subgraph, as one digest. Outboxes by topic, key and version (delivery marks
 * move on their own); API keys without `last_used_at`, which the credential check itself notes.
 */
async function fingerprint(): Promise<string> {
  const tables = await sql.query<{ schema: string; name: string }>(
    `select table_schema as schema, table_name as name from information_schema.tables
     where table_schema in ('organisations','partnerships','events','funding','access') and table_type = 'BASE TABLE'
       and table_name not in ('inbox', 'schema_migrations', 'mikro_orm_migrations')
     order by 1, 2`,
  );
  const parts = tables.rows.map(({ schema, name }) => {
    const row =
      name === 'outbox'
        ? '(t.topic, t.key, t.version)::text'
        : name === 'api_key'
          ? '(t.id, t.name, t.role, t.revoked_at)::text'
          : 't::text';
    return `select '${schema}.${name}' as n, md5(coalesce(string_agg(${row}, '|' order by ${row}), '')) as d from ${schema}.${name} t`;
  });
  const { rows } = await sql.query<{ n: string; d: string }>(parts.join(' union all '));
  return rows.map((r) => `${r.n}:${r.d}`).join('\n');
}

let counter = 0;
const unique = (label: string) => `${label} ${++counter}`;

const newOrganisation = async (territory = BIALYSTOK) =>
  (
    await admin('mutation($i: CreateOrganisationInput!) { createOrganisation(input: $i) { id } }', {
      i: { name: unique('Stowarzyszenie testowe'), sector: 'NGO', legalForm: 'STOWARZYSZENIE', territory },
    })
  ).createOrganisation.id as string;
const newPartnership = async () =>
  (
    await admin('mutation($i: CreatePartnershipInput!) { createPartnership(input: $i) { id } }', {
      i: { name: unique('Partnerstwo testowe'), territory: BIALYSTOK },
    })
  ).createPartnership.id as string;
const submitted = async (organisationId: string, partnershipId: string) =>
  (
    await admin('mutation($i: SubmitDeclarationInput!) { submitDeclaration(input: $i) { id } }', {
      i: { organisationId, partnershipId, signedOn: '2026-11-02' },
    })
  ).submitDeclaration.id as string;
const eventOf = async (organiserIds: string[], partnershipId: string | null) =>
  (
    await admin('mutation($i: CreateEventInput!) { createEvent(input: $i) { id } }', {
      i: { title: unique('Spotkanie'), kind: 'MEETING', datePrecision: 'UNKNOWN', organiserIds, partnershipId },
    })
  ).createEvent.id as string;
const callOf = async (funderId: string, territory: string) =>
  (
    await admin('mutation($i: CreateCallInput!) { createCall(input: $i) { id } }', {
      i: { title: unique('Konkurs'), funderId, opensOn: '2026-12-01', territory },
    })
  ).createCall.id as string;
const grantOf = async (funderId: string, recipientId: string) =>
  (
    await admin('mutation($i: CreateGrantInput!) { createGrant(input: $i) { id } }', {
      i: { title: unique('Dotacja'), formOfSupport: 'PUBLIC_TASK_SUPPORT', recipientId, funderId },
    })
  ).createGrant.id as string;

beforeAll(async () => {
  hub = await startTestSubgraphs('access_matrix');
  ({ app: gateway, url } = await startTestGateway(hub.subgraphs));
  sql = new pg.Client({ connectionString: hub.db.url });
  await sql.connect();

  ids.A = await newOrganisation(BIALYSTOK);
  ids.B = await newOrganisation(WARSAW);
  ids.P = await newPartnership();
  ids.Q = await newPartnership();
  await admin('mutation($i: AddMembershipInput!) { addMembership(input: $i) { id } }', {
    i: { partnershipId: ids.P, organisationId: ids.A, role: 'MEMBER', joinedOn: '2026-01-15' },
  });
  await admin('mutation($id: ID!, $i: UpdateOrganisationInput!) { updateOrganisation(id: $id, input: $i) { id } }', {
    id: ids.A,
    i: { contactPerson: { name: 'Anna Nowak', email: 'anna@example.org', phone: '+48 600 100 200' } },
  });
  await admin('mutation($id: ID!, $i: UpdatePartnershipInput!) { updatePartnership(id: $id, input: $i) { id } }', {
    id: ids.P,
    i: { contactPerson: { name: 'Jan Kowal', email: 'jan@example.org' } },
  });
  const { funders } = await admin<{ funders: { id: string }[] }>('{ funders { id } }');
  ids.F = funders[0]!.id;
  ids.G = funders[1]!.id;
  await submitted(ids.B, ids.P);

  const keys: [Role, Record<string, unknown>][] = [
    ['ADMIN', { role: 'ADMIN' }],
    ['EDITOR_A', { role: 'ORGANISATION_EDITOR', organisationId: ids.A }],
    ['EDITOR_B', { role: 'ORGANISATION_EDITOR', organisationId: ids.B }],
    ['COORD_P', { role: 'COORDINATOR', partnershipId: ids.P }],
    ['COORD_Q', { role: 'COORDINATOR', partnershipId: ids.Q }],
    ['OFFICER_F', { role: 'FUNDER_OFFICER', funderId: ids.F, territories: ['20'] }],
    ['OFFICER_G', { role: 'FUNDER_OFFICER', funderId: ids.G }],
    ['PORTAL', { role: 'PORTAL', territories: ['20'] }],
    ['revoked', { role: 'ORGANISATION_EDITOR', organisationId: ids.A }],
  ];
  for (const [role, input] of keys) {
    const { createApiKey } = await admin(
      'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret apiKey { id } } }',
      { i: { name: `matrix ${role}`, ...input } },
    );
    secrets[role] = createApiKey.secret;
    keyIds[role] = createApiKey.apiKey.id;
  }
  await admin('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: keyIds.revoked });
});

afterAll(async () => {
  await sql?.end();
  await gateway?.close();
  await hub?.close();
});

interface WriteCase {
  name: string;
  /** Runs as admin before each cell: fresh targets, so every allowed role finds the same situation. */
  prepare?: () => Promise<Record<string, unknown>>;
  query: string;
  variables?: Record<string, unknown>;
  allowed: Role[];
}

const WRITES: WriteCase[] = [
  {
    name: 'createOrganisation',
    query: 'mutation($i: CreateOrganisationInput!) { createOrganisation(input: $i) { id } }',
    prepare: async () => ({ i: { name: unique('Nowa fundacja'), sector: 'NGO', legalForm: 'FUNDACJA' } }),
    allowed: ['ADMIN'],
  },
  {
    name: 'updateOrganisation of A',
    query: 'mutation($id: ID!, $i: UpdateOrganisationInput!) { updateOrganisation(id: $id, input: $i) { id } }',
    prepare: async () => ({ id: ids.A, i: { description: unique('Opis') } }),
    allowed: ['ADMIN', 'EDITOR_A'],
  },
  {
    name: 'createPartnership',
    query: 'mutation($i: CreatePartnershipInput!) { createPartnership(input: $i) { id } }',
    prepare: async () => ({ i: { name: unique('Partnerstwo'), territory: BIALYSTOK } }),
    allowed: ['ADMIN'],
  },
  {
    name: 'updatePartnership of P',
    query: 'mutation($id: ID!, $i: UpdatePartnershipInput!) { updatePartnership(id: $id, input: $i) { id } }',
    prepare: async () => ({ id: ids.P, i: { description: unique('Cele') } }),
    allowed: ['ADMIN', 'COORD_P'],
  },
  {
    name: 'addMembership to P',
    query: 'mutation($i: AddMembershipInput!) { addMembership(input: $i) { id } }',
    prepare: async () => ({
      i: { partnershipId: ids.P, organisationId: await newOrganisation(), role: 'MEMBER', joinedOn: '2026-02-01' },
    }),
    allowed: ['ADMIN'],
  },
  {
    name: 'endMembership in P',
    query: 'mutation($id: ID!) { endMembership(id: $id, leftOn: "2026-11-01") { id } }',
    prepare: async () => {
      const { addMembership } = await admin('mutation($i: AddMembershipInput!) { addMembership(input: $i) { id } }', {
        i: { partnershipId: ids.P, organisationId: await newOrganisation(), role: 'MEMBER', joinedOn: '2026-02-01' },
      });
      return { id: addMembership.id };
    },
    allowed: ['ADMIN', 'COORD_P'],
  },
  {
    name: 'submitDeclaration of A',
    query: 'mutation($i: SubmitDeclarationInput!) { submitDeclaration(input: $i) { id status } }',
    prepare: async () => ({
      i: { organisationId: ids.A, partnershipId: await newPartnership(), signedOn: '2026-11-02' },
    }),
    allowed: ['ADMIN', 'EDITOR_A'],
  },
  {
    name: 'withdrawDeclaration of A',
    query: 'mutation($id: ID!) { withdrawDeclaration(id: $id) { status } }',
    prepare: async () => ({ id: await submitted(ids.A, await newPartnership()) }),
    allowed: ['ADMIN', 'EDITOR_A'],
  },
  {
    name: 'acceptDeclaration to P',
    query: 'mutation($id: ID!) { acceptDeclaration(id: $id) { status membership { id } } }',
    prepare: async () => ({ id: await submitted(await newOrganisation(), ids.P) }),
    allowed: ['ADMIN', 'COORD_P'],
  },
  {
    name: 'rejectDeclaration to P',
    query: 'mutation($id: ID!) { rejectDeclaration(id: $id, reason: "Brak podpisu") { status } }',
    prepare: async () => ({ id: await submitted(await newOrganisation(), ids.P) }),
    allowed: ['ADMIN', 'COORD_P'],
  },
  {
    name: 'createEvent organised by A',
    query: 'mutation($i: CreateEventInput!) { createEvent(input: $i) { id } }',
    prepare: async () => ({
      i: { title: unique('Warsztaty'), kind: 'WORKSHOP', datePrecision: 'UNKNOWN', organiserIds: [ids.A] },
    }),
    allowed: ['ADMIN', 'EDITOR_A'],
  },
  {
    name: 'createEvent of partnership P',
    query: 'mutation($i: CreateEventInput!) { createEvent(input: $i) { id } }',
    prepare: async () => ({
      i: {
        title: unique('Forum'),
        kind: 'FORUM',
        datePrecision: 'UNKNOWN',
        organiserIds: [ids.B],
        partnershipId: ids.P,
      },
    }),
    allowed: ['ADMIN', 'EDITOR_B', 'COORD_P'],
  },
  {
    name: 'cancelEvent organised by A in P',
    query: 'mutation($id: ID!) { cancelEvent(id: $id) { status } }',
    prepare: async () => ({ id: await eventOf([ids.A], ids.P) }),
    allowed: ['ADMIN', 'EDITOR_A', 'COORD_P'],
  },
  {
    name: 'createCall of F in Białystok',
    query: 'mutation($i: CreateCallInput!) { createCall(input: $i) { id } }',
    prepare: async () => ({
      i: { title: unique('Konkurs'), funderId: ids.F, opensOn: '2026-12-01', territory: BIALYSTOK },
    }),
    allowed: ['ADMIN', 'OFFICER_F'],
  },
  {
    name: 'createCall of F in Warsaw (outside its officer’s territories)',
    query: 'mutation($i: CreateCallInput!) { createCall(input: $i) { id } }',
    prepare: async () => ({
      i: { title: unique('Konkurs'), funderId: ids.F, opensOn: '2026-12-01', territory: WARSAW },
    }),
    allowed: ['ADMIN'],
  },
  {
    name: 'updateCall of F in Białystok',
    query: 'mutation($id: ID!, $i: UpdateCallInput!) { updateCall(id: $id, input: $i) { id } }',
    prepare: async () => ({ id: await callOf(ids.F, BIALYSTOK), i: { title: unique('Konkurs zmieniony') } }),
    allowed: ['ADMIN', 'OFFICER_F'],
  },
  {
    name: 'createGrant of F to A (seated in Białystok)',
    query: 'mutation($i: CreateGrantInput!) { createGrant(input: $i) { id } }',
    prepare: async () => ({
      i: { title: unique('Dotacja'), formOfSupport: 'PUBLIC_TASK_SUPPORT', recipientId: ids.A, funderId: ids.F },
    }),
    allowed: ['ADMIN', 'OFFICER_F'],
  },
  {
    name: 'createGrant of F to B (seated in Warsaw)',
    query: 'mutation($i: CreateGrantInput!) { createGrant(input: $i) { id } }',
    prepare: async () => ({
      i: { title: unique('Dotacja'), formOfSupport: 'PUBLIC_TASK_SUPPORT', recipientId: ids.B, funderId: ids.F },
    }),
    allowed: ['ADMIN'],
  },
  {
    name: 'updateGrant of F to A',
    query: 'mutation($id: ID!, $i: UpdateGrantInput!) { updateGrant(id: $id, input: $i) { id } }',
    prepare: async () => ({ id: await grantOf(ids.F, ids.A), i: { title: unique('Dotacja zmieniona') } }),
    allowed: ['ADMIN', 'OFFICER_F'],
  },
  {
    name: 'createApiKey',
    query: 'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { apiKey { id } } }',
    prepare: async () => ({ i: { name: unique('klucz'), role: 'PORTAL' } }),
    allowed: ['ADMIN'],
  },
  {
    name: 'revokeApiKey',
    query: 'mutation($id: ID!) { revokeApiKey(id: $id) { active } }',
    prepare: async () => ({
      id: (await admin('mutation { createApiKey(input: { name: "do odwołania", role: PORTAL }) { apiKey { id } } }'))
        .createApiKey.apiKey.id,
    }),
    allowed: ['ADMIN'],
  },
];

const expected = (role: Role, allowed: Role[]) =>
  role === 'anonymous' || role === 'revoked' ? 'UNAUTHENTICATED' : allowed.includes(role) ? 'ok' : 'FORBIDDEN';

describe('every role × every mutation', () => {
  it.each(WRITES.map((c) => [c.name, c] as const))('%s', async (_name, write) => {
    const outcomes: Record<string, string> = {};
    const leaks: string[] = [];
    for (const role of ROLES) {
      const variables = (await write.prepare?.()) ?? write.variables;
      const before = await fingerprint();
      const result = await as(role, write.query, variables);
      const outcome = result.errors ? String(result.errors[0]?.extensions?.code) : 'ok';
      outcomes[role] = outcome;
      if (outcome !== 'ok' && (await fingerprint()) !== before) leaks.push(role);
      if (outcome === 'FORBIDDEN') expect(result.errors?.[0]?.extensions?.needs).toMatch(/^ADMIN/);
    }
    expect(outcomes).toEqual(Object.fromEntries(ROLES.map((role) => [role, expected(role, write.allowed)])));
    expect(leaks).toEqual([]);
  });

  it('records every successful write in the audit trail under the key that made it', async () => {
    const log = await admin(
      'query($actor: String) { auditLog(first: 100, filter: { actor: $actor }) { totalCount edges { node { operation actor { name role } } } } }',
      { actor: keyIds.COORD_P },
    );
    const operations = log.auditLog.edges.map((e: any) => e.node.operation);
    expect(new Set(operations)).toEqual(
      new Set([
        'updatePartnership',
        'endMembership',
        'acceptDeclaration',
        'rejectDeclaration',
        'createEvent',
        'cancelEvent',
      ]),
    );
    expect(log.auditLog.edges[0].node.actor).toEqual({ name: 'matrix COORD_P', role: 'COORDINATOR' });
  });
});

interface FieldCase {
  name: string;
  query: string;
  variables: () => Record<string, unknown>;
  /** The protected value in the answer; null when hidden. */
  pick: (data: any) => unknown;
  visibleTo: Role[];
}

const FIELDS: FieldCase[] = [
  {
    name: 'Organisation.contactPerson of A (a member of P)',
    query: 'query($id: ID!) { organisation(id: $id) { name contactPerson { name email phone } } }',
    variables: () => ({ id: ids.A }),
    pick: (d) => d.organisation.contactPerson,
    visibleTo: ['ADMIN', 'EDITOR_A', 'COORD_P'],
  },
  {
    name: 'Partnership.contactPerson of P',
    query: 'query($id: ID!) { partnership(id: $id) { name contactPerson { name email } } }',
    variables: () => ({ id: ids.P }),
    pick: (d) => d.partnership.contactPerson,
    visibleTo: ['ADMIN', 'COORD_P'],
  },
  {
    name: 'Partnership.declarations of P',
    query: 'query($id: ID!) { partnership(id: $id) { declarations { totalCount } } }',
    variables: () => ({ id: ids.P }),
    pick: (d) => d.partnership.declarations,
    visibleTo: ['ADMIN', 'COORD_P'],
  },
  {
    name: 'Organisation.declarations of A',
    query: 'query($id: ID!) { organisation(id: $id) { declarations { totalCount } } }',
    variables: () => ({ id: ids.A }),
    pick: (d) => d.organisation.declarations,
    visibleTo: ['ADMIN', 'EDITOR_A'],
  },
  {
    name: 'contact persons in the organisations list',
    query:
      '{ organisations(first: 100, filter: { territory: "2061011" }) { edges { node { id contactPerson { name } } } } }',
    variables: () => ({}),
    pick: (d) => d.organisations.edges.find((e: any) => e.node.id === ids.A)?.node.contactPerson ?? null,
    visibleTo: ['ADMIN', 'EDITOR_A', 'COORD_P'],
  },
];

describe('every role × every protected field', () => {
  it.each(FIELDS.map((c) => [c.name, c] as const))('%s', async (_name, field) => {
    const outcomes: Record<string, string> = {};
    for (const role of ROLES) {
      const result = await as(role, field.query, field.variables());
      outcomes[role] = result.errors
        ? String(result.errors[0]?.extensions?.code)
        : field.pick(result.data) === null
          ? 'hidden'
          : 'visible';
    }
    expect(outcomes).toEqual(
      Object.fromEntries(
        ROLES.map((role) => [
          role,
          role === 'revoked' ? 'UNAUTHENTICATED' : field.visibleTo.includes(role) ? 'visible' : 'hidden',
        ]),
      ),
    );
  });

  it.each([
    ['auditLog', '{ auditLog(first: 1) { totalCount } }'],
    ['apiKeys', '{ apiKeys(first: 1) { totalCount } }'],
  ])('%s is for admins only', async (_name, query) => {
    const outcomes = Object.fromEntries(
      await Promise.all(
        ROLES.map(async (role) => {
          const result = await as(role, query);
          return [role, result.errors ? String(result.errors[0]?.extensions?.code) : 'ok'];
        }),
      ),
    );
    expect(outcomes).toEqual(Object.fromEntries(ROLES.map((role) => [role, expected(role, ['ADMIN'])])));
  });
});

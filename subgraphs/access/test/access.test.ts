import { randomUUID } from 'node:crypto';
import {
  announce,
  createTestDatabase,
  startTestSubgraph,
  TEST_INTERNAL_TOKEN,
  type TestDatabase,
  type TestSubgraph,
} from '@ngo-hub/kit/testing';
import { TOPICS } from '@ngo-hub/kit';
import { accessSubgraph } from '../src/index.js';

// The access subgraph alone on real PostgreSQL: keys, the credential check the gateway relies on,
// and the audit trail it gathers from the other subgraphs' messages.
let db: TestDatabase;
let service: TestSubgraph;
const base = () => service.url.replace(/\/graphql$/, '');
const organisation = randomUUID();

beforeAll(async () => {
  db = await createTestDatabase('access');
  service = await startTestSubgraph(accessSubgraph, db.url);
  await announce(service, 'organisation', [organisation]);
});

afterAll(async () => {
  await service?.close();
  await db?.drop();
});

const check = (secret: unknown, token: string | null = TEST_INTERNAL_TOKEN) =>
  fetch(`${base()}/internal/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ secret }),
  });

const CREATE = `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret apiKey { id role territories } } }`;

describe('the credential check', () => {
  it('answers the identity of an active key, 404 once revoked, and only to the gateway', async () => {
    const made = await service.query(
      CREATE,
      { i: { name: 'Klub', role: 'ORGANISATION_EDITOR', organisationId: organisation } },
      { admin: true },
    );
    const { secret, apiKey } = made.data.createApiKey;
    const ok = await check(secret);
    expect(ok.status).toBe(200);
    expect((await ok.json()).identity).toEqual({
      subject: `key:${apiKey.id}`,
      name: 'Klub',
      role: 'ORGANISATION_EDITOR',
      organisationId: organisation,
      partnershipId: null,
      funderId: null,
      territories: [],
    });
    expect((await check(secret, 'not-the-internal-token')).status).toBe(403);
    expect((await check(42)).status).toBe(400);

    await service.query('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: apiKey.id }, { admin: true });
    expect((await check(secret)).status).toBe(404);
    expect((await check('nh_never-issued')).status).toBe(404);
  });

  it('makes keys for ADMIN identities only, and records who did', async () => {
    const input = { i: { name: 'Portal', role: 'PORTAL', territories: ['20'] } };
    expect((await service.query(CREATE, input)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const portal = await service.query(CREATE, input, { as: { role: 'PORTAL' } });
    expect(portal.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', needs: 'ADMIN' });
    const made = await service.query(CREATE, input, { admin: true });
    expect(made.data.createApiKey.apiKey).toMatchObject({ role: 'PORTAL', territories: ['20'] });
    const log = await service.query(
      '{ auditLog(filter: { operation: "createApiKey" }) { totalCount edges { node { entityId actor { subject } } } } }',
      {},
      { admin: true },
    );
    expect(log.data.auditLog.edges.map((e: any) => e.node.entityId)).toContain(made.data.createApiKey.apiKey.id);
    expect(log.data.auditLog.edges[0].node.actor.subject).toBe('admin-token');
  });
});

describe('the audit trail', () => {
  it('keeps each entry once however often it is delivered, newest first, filtered by entity', async () => {
    const entityId = randomUUID();
    const entry = (at: string, operation: string) => ({
      at,
      actor: { subject: 'key:x', name: 'x', role: 'ORGANISATION_EDITOR' },
      operation,
      entityType: 'Organisation',
      entityId,
      changedFields: ['name'],
    });
    const keys = [randomUUID(), randomUUID()];
    const batch = {
      publisher: 'organisations',
      events: [
        {
          topic: TOPICS.auditEntry.name,
          key: keys[0],
          version: 1,
          payload: entry('2026-11-01T10:00:00Z', 'createOrganisation'),
        },
        {
          topic: TOPICS.auditEntry.name,
          key: keys[1],
          version: 2,
          payload: entry('2026-11-02T10:00:00Z', 'updateOrganisation'),
        },
      ],
    };
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${base()}/internal/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_INTERNAL_TOKEN}` },
        body: JSON.stringify(batch),
      });
      expect(response.ok).toBe(true);
    }
    const log = await service.query(
      'query($id: ID) { auditLog(filter: { entityType: "Organisation", entityId: $id }) { totalCount edges { node { operation changedFields } } } }',
      { id: entityId },
      { admin: true },
    );
    expect(log.data.auditLog.totalCount).toBe(2);
    expect(log.data.auditLog.edges.map((e: any) => e.node.operation)).toEqual([
      'updateOrganisation',
      'createOrganisation',
    ]);
  });
});

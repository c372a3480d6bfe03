import { createServer, type Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { demoOrganisationId } from '@ngo-hub/kit';
import { IDENTITY_HEADER, signIdentity } from '@ngo-hub/kit/identity';
import { postGraphQL, TEST_ADMIN_TOKEN, TEST_INTERNAL_TOKEN, testIdentity } from '@ngo-hub/kit/testing';
import { startTestGateway, startTestSubgraphs, type TestSubgraphs } from './support/hub.js';

// Credentials end to end: keys made and revoked through the API, identity-provider tokens checked
// against a JWKS this test serves, and subgraphs that refuse an identity the gateway did not sign.
let hub: TestSubgraphs;
let gateway: FastifyInstance;
let url: string;
let jwks: Server;
let privateKey: CryptoKey;
const ISSUER = 'https://login.example.test/';
const AUDIENCE = 'ngo-hub';

const ADMIN = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
const CREATE = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) {
  secret apiKey { id name role active secretPrefix territories organisation { id name } } } }`;
const VIEWER = '{ viewer { subject name role territories organisation { id } } }';

beforeAll(async () => {
  const keys = await generateKeyPair('ES256');
  privateKey = keys.privateKey;
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  jwks = createServer((_request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  const port = (jwks.address() as { port: number }).port;
  hub = await startTestSubgraphs('credentials');
  ({ app: gateway, url } = await startTestGateway(hub.subgraphs, {
    jwt: { jwksUrl: `http://127.0.0.1:${port}/jwks`, issuer: ISSUER, audience: AUDIENCE },
  }));
});

afterAll(async () => {
  await gateway?.close();
  await hub?.close();
  jwks?.close();
});

const token = (claims: Record<string, unknown>, options: { issuer?: string; expiresIn?: string } = {}) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setSubject('u-123')
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(AUDIENCE)
    .setExpirationTime(options.expiresIn ?? '5m')
    .sign(privateKey);

describe('API keys', () => {
  const klub = demoOrganisationId('klub-mysli-spolecznej-inicjatywy');

  it('are made by an admin, shown once, work as bearer, and stop working when revoked', async () => {
    const made = await postGraphQL(
      url,
      CREATE,
      { input: { name: 'Klub – strona', role: 'ORGANISATION_EDITOR', organisationId: klub } },
      ADMIN,
    );
    expect(made.errors).toBeUndefined();
    const { secret, apiKey } = made.data.createApiKey;
    expect(secret).toMatch(/^nh_[\w-]{43}$/);
    expect(apiKey).toMatchObject({ role: 'ORGANISATION_EDITOR', active: true, organisation: { id: klub } });
    expect(apiKey.organisation.name).toBe('Klub Myśli Społecznej Inicjatywy');
    expect(secret.startsWith(apiKey.secretPrefix)).toBe(true);

    // The store keeps a hash only: the secret appears in no column.
    const rows = await hub.subgraphs.access.orm.em
      .fork()
      .execute('select * from access.api_key where id = ?', [apiKey.id]);
    expect(JSON.stringify(rows)).not.toContain(secret.slice(3));

    const me = await postGraphQL(url, VIEWER, {}, bearer(secret));
    expect(me.data.viewer).toMatchObject({
      subject: `key:${apiKey.id}`,
      role: 'ORGANISATION_EDITOR',
      organisation: { id: klub },
    });

    const listed = await postGraphQL(
      url,
      '{ apiKeys(filter: { active: true }) { totalCount edges { node { id name } } } }',
      {},
      ADMIN,
    );
    expect(listed.data.apiKeys.edges.map((e: any) => e.node.id)).toContain(apiKey.id);
    expect(JSON.stringify(listed)).not.toContain(secret);

    const revoked = await postGraphQL(
      url,
      'mutation($id: ID!) { revokeApiKey(id: $id) { active revokedBy } }',
      { id: apiKey.id },
      ADMIN,
    );
    expect(revoked.data.revokeApiKey).toEqual({ active: false, revokedBy: 'admin-token' });
    const after = await postGraphQL(url, VIEWER, {}, bearer(secret));
    expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(after.data).toBeUndefined();
  });

  it('refuses an unknown key for reads too, with 401', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer nh_not-a-key-of-this-hub' },
      body: JSON.stringify({ query: '{ organisations(first: 1) { totalCount } }' }),
    });
    expect(response.status).toBe(401);
    expect((await response.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('validates what a role is bound to, and that it exists', async () => {
    const noOrg = await postGraphQL(url, CREATE, { input: { name: 'x', role: 'ORGANISATION_EDITOR' } }, ADMIN);
    expect(noOrg.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.organisationId' });
    const extra = await postGraphQL(url, CREATE, { input: { name: 'x', role: 'PORTAL', partnershipId: klub } }, ADMIN);
    expect(extra.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.partnershipId' });
    const territory = await postGraphQL(
      url,
      CREATE,
      { input: { name: 'x', role: 'ADMIN', territories: ['20'] } },
      ADMIN,
    );
    expect(territory.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.territories' });
    const unknown = await postGraphQL(
      url,
      CREATE,
      { input: { name: 'x', role: 'COORDINATOR', partnershipId: '00000000-0000-4000-8000-000000000000' } },
      ADMIN,
    );
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.partnershipId' });
    const count = await hub.subgraphs.access.orm.em
      .fork()
      .execute("select count(*)::int as n from access.api_key where name = 'x'");
    expect(count[0]!.n).toBe(0);
  });

  it('are made and listed by admins only', async () => {
    const portal = await postGraphQL(
      url,
      CREATE,
      { input: { name: 'Portal Białystok', role: 'PORTAL', territories: ['2061011'] } },
      ADMIN,
    );
    const secret = portal.data.createApiKey.secret;
    const refused = await postGraphQL(url, CREATE, { input: { name: 'mine', role: 'ADMIN' } }, bearer(secret));
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', needs: 'ADMIN' });
    expect(refused.errors?.[0]?.message).toContain('PORTAL');
    const anonymous = await postGraphQL(url, '{ apiKeys { totalCount } }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('access tokens of an identity provider', () => {
  it('map their claims to a role and scope', async () => {
    const jwt = await token({
      name: 'Anna Kowalska',
      ngo_hub_role: 'FUNDER_OFFICER',
      ngo_hub_funder_id: 'F0000000-0000-4000-8000-000000000001',
      ngo_hub_territories: '20 2061011',
    });
    const me = await postGraphQL(url, VIEWER, {}, bearer(jwt));
    expect(me.errors).toBeUndefined();
    expect(me.data.viewer).toEqual({
      subject: 'jwt:u-123',
      name: 'Anna Kowalska',
      role: 'FUNDER_OFFICER',
      territories: ['20', '2061011'],
      organisation: null,
    });
  });

  it('are refused when expired, from another issuer, or without a role', async () => {
    for (const jwt of [
      await token({ ngo_hub_role: 'ADMIN' }, { expiresIn: '-1m' }),
      await token({ ngo_hub_role: 'ADMIN' }, { issuer: 'https://evil.example/' }),
      await token({ name: 'no role' }),
    ]) {
      const result = await postGraphQL(url, VIEWER, {}, bearer(jwt));
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });
});

describe('a subgraph reached directly', () => {
  const CREATE_ORG =
    'mutation { createOrganisation(input: { name: "Forged", sector: NGO, legalForm: FUNDACJA }) { id } }';

  it('refuses an identity signed with another secret, and an expired one', async () => {
    const forged = await signIdentity(
      testIdentity({ role: 'ADMIN', subject: 'admin-token' }),
      'another-secret-0123456789',
    );
    const direct = await postGraphQL(hub.subgraphs.organisations.url, CREATE_ORG, {}, { [IDENTITY_HEADER]: forged });
    expect(direct.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const unsigned = `${forged.split('.').slice(0, 2).join('.')}.`;
    const none = await postGraphQL(hub.subgraphs.organisations.url, CREATE_ORG, {}, { [IDENTITY_HEADER]: unsigned });
    expect(none.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const rows = await hub.subgraphs.organisations.orm.em
      .fork()
      .execute("select count(*)::int as n from organisations.organisation where name = 'Forged'");
    expect(rows[0]!.n).toBe(0);
  });

  it('does not take a raw API key or ADMIN_TOKEN as a credential', async () => {
    const direct = await postGraphQL(hub.subgraphs.organisations.url, CREATE_ORG, {}, ADMIN);
    expect(direct.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // The internal token alone opens _entities, not writes.
    const internal = await postGraphQL(
      hub.subgraphs.organisations.url,
      CREATE_ORG,
      {},
      { 'x-internal-token': TEST_INTERNAL_TOKEN },
    );
    expect(internal.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('rate budgets of credentials', () => {
  let limited: FastifyInstance;
  let limitedUrl: string;
  beforeAll(async () => {
    ({ app: limited, url: limitedUrl } = await startTestGateway(hub.subgraphs, {
      rateLimits: { anonymousPerMinute: 2, authenticatedPerMinute: 3, portalPerMinute: 4 },
    }));
  });
  afterAll(() => limited?.close());

  const statuses = async (headers: Record<string, string>, n: number) => {
    const codes: number[] = [];
    for (let i = 0; i < n; i++) {
      const response = await fetch(limitedUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      codes.push(response.status);
    }
    return codes;
  };
  const portalKey = async (name: string) =>
    (await postGraphQL(url, CREATE, { input: { name, role: 'PORTAL' } }, ADMIN)).data.createApiKey.secret as string;

  it('gives each PORTAL key a budget of its own, and other roles theirs', async () => {
    const [first, second] = [await portalKey('Portal A'), await portalKey('Portal B')];
    expect(await statuses(bearer(first), 5)).toEqual([200, 200, 200, 200, 429]);
    expect(await statuses(bearer(second), 1)).toEqual([200]);
    expect(await statuses(ADMIN, 4)).toEqual([200, 200, 200, 429]);
  });

  it('counts a credential it refuses by the caller’s address: inventing keys buys nothing', async () => {
    const invented: number[] = [];
    for (const i of [1, 2, 3]) invented.push(...(await statuses(bearer(`nh_invented-${i}`), 1)));
    expect(invented).toEqual([401, 401, 429]);
  });
});

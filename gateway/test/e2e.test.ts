import type { FastifyInstance } from 'fastify';
import { demoOrganisationId, totalSqlStatements } from '@ngo-hub/kit';
import { postGraphQL, startTestSubgraph, TEST_ADMIN_TOKEN, TEST_INTERNAL_TOKEN } from '@ngo-hub/kit/testing';
import { eventsSubgraph } from '@ngo-hub/events';
import { startTestGateway, startTestSubgraphs, type TestSubgraphs } from './support/hub.js';

// The whole hub on one real PostgreSQL database (one schema per subgraph), behind the gateway that
// serves the committed supergraph.
let hub: TestSubgraphs;
let subgraphs: TestSubgraphs['subgraphs'];
let gateway: FastifyInstance;
let url: string;

async function startGateway(): Promise<void> {
  // The statement-count test asks for 50 organisations with every nested list, which the default
  // cost limit refuses (it counts each capped list at its cap); it measures batching, not limits.
  ({ app: gateway, url } = await startTestGateway(subgraphs, { limits: { maxCost: 250_000 } }));
}

beforeAll(async () => {
  // As under `npm start`: each subgraph's integration events reach the others (references are checked against them).
  hub = await startTestSubgraphs('e2e');
  subgraphs = hub.subgraphs;
  await startGateway();
});

afterAll(async () => {
  await gateway?.close();
  await hub?.close();
});

const ask = (query: string, variables?: Record<string, unknown>, admin = false) =>
  postGraphQL(url, query, variables, admin ? { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } : {});

const CROSS = `query($search: String, $first: Int) {
  organisations(filter: { search: $search }, first: $first) {
    totalCount
    edges { node {
      name sector legalForm
      territory { code name }
      memberships { role partnership { name territory { name } } }
      events(first: 5) { edges { node { title kind startsAt venue { territory { name } } } } }
      grants { title agreementNumber startsOn endsOn amountAwarded { amount currency }
               fundingSources { funder { name } } beneficiaryTerritories { code name } }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe('one query across the four subgraphs', () => {
  it('returns Klub Myśli Społecznej Inicjatywy with its events and the Razem dla Regionu grant', async () => {
    const result = await ask(CROSS, { search: 'Inicjatywy', first: 5 });
    expect(result.errors).toBeUndefined();
    const [klub] = result.data.organisations.edges.map((e: any) => e.node);
    expect(klub).toMatchObject({
      name: 'Klub Myśli Społecznej Inicjatywy',
      sector: 'NGO',
      legalForm: 'STOWARZYSZENIE',
    });
    const conference = klub.events.edges.map((e: any) => e.node).find((e: any) => e.kind === 'CONFERENCE');
    expect(conference.startsAt).toBe('2009-05-01T00:00:00.000+02:00');
    expect(conference.venue.territory.name).toBe('Białystok');
    const [grant] = klub.grants;
    expect(grant.title).toBe('Razem dla Regionu');
    expect(grant.amountAwarded).toBeNull();
    expect(grant.fundingSources.map((s: any) => s.funder.name).sort()).toEqual([
      'Mechanizm Finansowy Europejskiego Obszaru Gospodarczego',
      'Norweski Mechanizm Finansowy',
    ]);
    expect(grant.beneficiaryTerritories).toEqual([{ code: '20', name: 'PODLASKIE' }]);
  });

  it('gives the Centrum wsparcia aktywności społecznej grant its agreement, dates, sources and powiats', async () => {
    const result = await ask(CROSS, { search: 'Ogarnij Emocje' });
    const [grant] = result.data.organisations.edges[0].node.grants;
    expect(grant).toMatchObject({
      title: 'Centrum wsparcia aktywności społecznej',
      agreementNumber: 'W/UMWM-UU.UM/OR/4151/2021',
      startsOn: '2021-06-07',
      endsOn: '2021-12-31',
    });
    expect(grant.fundingSources.map((s: any) => s.funder.name).sort()).toEqual([
      'Fundacja Ogarnij Emocje',
      'Województwo Mazowieckie',
    ]);
    expect(
      grant.beneficiaryTerritories.map((t: any) => t.name).sort((a: string, b: string) => a.localeCompare(b, 'pl')),
    ).toEqual(['legionowski', 'węgrowski', 'wołomiński', 'wyszkowski']);
  });

  it('shows the gmina office of Liw leading the Liw partnership, with the gmina resolved by organisations', async () => {
    const result = await ask(CROSS, { search: 'Urząd Gminy Liw' });
    const office = result.data.organisations.edges[0].node;
    expect(office.territory).toEqual({ code: '1433042', name: 'Liw' });
    expect(office.memberships).toEqual([
      { role: 'LEAD_PARTNER', partnership: expect.objectContaining({ territory: { name: 'Liw' } }) },
    ]);
  });

  it('shows the Goniądz meeting of the Białystok consultative team with Warsaw-time dates', async () => {
    const result = await ask(
      `{ events(filter: { territory: "2008" }) { edges { node { title startsAt endsAt partnership { name } organisers { name } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const [meeting] = result.data.events.edges.map((e: any) => e.node);
    expect(meeting.startsAt).toBe('2008-01-12T00:00:00.000+01:00');
    expect(meeting.partnership.name).toMatch(/Zespół Konsultacyjny/);
    expect(meeting.organisers.map((o: any) => o.name)).toContain('Zespół Konsultacyjny Organizacji Pozarządowych');
  });
});

describe('cost per request', () => {
  it('sends the same number of SQL statements for 5 or 50 organisations with memberships, events and grants', async () => {
    // Enough organisations to fill 50 rows, each with every relation the query asks for (a membership,
    // an event with a venue, a co-financed grant with a territory), so the first 5 rows have the same
    // shape as the 50: a batch that is empty for 5 rows would be skipped and hide a difference.
    const partnershipId = (await ask('{ partnerships(first: 1) { edges { node { id } } } }')).data.partnerships.edges[0]
      .node.id;
    const funderId = (await ask('{ funders { id name } }')).data.funders.find(
      (f: any) => f.name === 'Miasto Białystok',
    ).id;
    for (let i = 0; i < 40; i++) {
      const created = await ask(
        `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`,
        {
          input: {
            name: `Aaa Stowarzyszenie Testowe ${String(i).padStart(2, '0')}`,
            sector: 'NGO',
            legalForm: 'STOWARZYSZENIE',
            territory: '1433042',
          },
        },
        true,
      );
      const id = created.data.createOrganisation.id;
      const steps = await Promise.all([
        ask(
          `mutation($input: AddMembershipInput!) { addMembership(input: $input) { id } }`,
          { input: { partnershipId, organisationId: id, role: 'MEMBER' } },
          true,
        ),
        ask(
          `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
          {
            input: {
              title: `Spotkanie ${i}`,
              kind: 'MEETING',
              datePrecision: 'TIME',
              startsAt: '2026-12-01T18:00:00',
              organiserIds: [id],
              venue: { locality: 'Liw', territory: '1433042' },
            },
          },
          true,
        ),
        ask(
          `mutation($input: CreateGrantInput!) { createGrant(input: $input) { id } }`,
          {
            input: {
              title: `Grant ${i}`,
              recipientId: id,
              funderId,
              formOfSupport: 'GRANT',
              amountAwarded: { amount: '1000.00', currency: 'PLN' },
              fundingSources: [{ funderId, amount: { amount: '1000.00', currency: 'PLN' } }],
              beneficiaryTerritories: ['1433042'],
            },
          },
          true,
        ),
      ]);
      for (const step of steps) expect(step.errors).toBeUndefined();
    }
    const five = await ask(CROSS, { first: 5 });
    const fifty = await ask(CROSS, { first: 50 });
    expect(five.errors).toBeUndefined();
    expect(fifty.errors).toBeUndefined();
    expect(fifty.data.organisations.edges).toHaveLength(50);
    expect(fifty.sqlStatements).toBe(five.sqlStatements);
    expect(fifty.sqlStatements).toBeGreaterThan(0);
  });

  it('reports the statements summed over subgraphs, matching what the subgraphs sent', async () => {
    const before = totalSqlStatements();
    const result = await ask(CROSS, { first: 10 });
    expect(result.sqlStatements).toBe(totalSqlStatements() - before);
  });
});

describe('GET /metrics', () => {
  const metric = (text: string, line: string) =>
    Number(
      text
        .split('\n')
        .find((l) => l.startsWith(line))
        ?.split(' ')
        .at(-1) ?? NaN,
    );
  const scrape = async () => {
    const response = await fetch(url.replace('/graphql', '/metrics'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.text();
  };

  it('counts requests, subgraph fetches and the statements they cost, with process metrics', async () => {
    const before = await scrape();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: CROSS, variables: { first: 5 } }),
    });
    expect((await response.json()).errors).toBeUndefined();
    const after = await scrape();
    const delta = (line: string) => metric(after, line) - (metric(before, line) || 0);
    expect(delta('ngo_hub_gateway_requests_total{')).toBe(1);
    expect(delta('ngo_hub_gateway_request_duration_seconds_count{')).toBe(1);
    const fetches = ['organisations', 'partnerships', 'events', 'funding'].reduce(
      (sum, name) => sum + delta(`ngo_hub_gateway_subgraph_fetches_total{subgraph="${name}"`),
      0,
    );
    expect(fetches).toBe(Number(response.headers.get('x-subgraph-fetches')));
    expect(delta('ngo_hub_gateway_sql_statements_total{')).toBe(Number(response.headers.get('x-sql-statements')));
    expect(after).toMatch(/^process_resident_memory_bytes\{service="gateway"\} \d+/m);
  });
});

describe('response cache for public queries', () => {
  let cached: FastifyInstance;
  let cachedUrl: string;

  beforeAll(async () => {
    ({ app: cached, url: cachedUrl } = await startTestGateway(subgraphs, { responseCacheTtlSeconds: 60 }));
  });

  afterAll(() => cached?.close());

  const post = (query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) =>
    fetch(cachedUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
  const NAME = 'query($id: ID!) { organisation(id: $id) { name memberships { role } } }';
  const id = demoOrganisationId('urzad-gminy-liw');

  it('answers a repeated public query from the cache, without touching the subgraphs', async () => {
    const first = await post(NAME, { id });
    const again = await post(NAME, { id });
    expect(first.headers.get('x-cache')).toBe('MISS');
    expect(again.headers.get('x-cache')).toBe('HIT');
    expect(again.headers.get('x-subgraph-fetches')).toBe('0');
    expect(again.headers.get('cache-control')).toBe('public, max-age=60');
    expect(await again.json()).toEqual(await first.json());
  });

  it('forgets everything when a mutation passes, so the writer reads its write', async () => {
    await post(NAME, { id });
    const renamed = await post(
      'mutation($id: ID!, $input: UpdateOrganisationInput!) { updateOrganisation(id: $id, input: $input) { name } }',
      { id, input: { name: 'Urząd Gminy Liw (po zmianie)' } },
      { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    );
    expect((await renamed.json()).errors).toBeUndefined();
    const after = await post(NAME, { id });
    expect(after.headers.get('x-cache')).toBe('MISS');
    expect((await after.json()).data.organisation.name).toBe('Urząd Gminy Liw (po zmianie)');
    await post(
      'mutation($id: ID!, $input: UpdateOrganisationInput!) { updateOrganisation(id: $id, input: $input) { name } }',
      { id, input: { name: 'Urząd Gminy Liw' } },
      { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    );
  });

  it('never caches a request that carries credentials, nor an answer with errors', async () => {
    const withToken = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
    await post(NAME, { id }, withToken);
    expect((await post(NAME, { id }, withToken)).headers.get('x-cache')).toBeNull();
    const bad = 'query($id: ID!) { organisation(id: $id) { name } }';
    await post(bad, { id: 'nope' });
    expect((await post(bad, { id: 'nope' })).headers.get('x-cache')).toBe('MISS');
  });
});

describe('bad input and failures', () => {
  it('answers a page over the cap, a malformed territory and an unknown id with coded errors, and keeps serving', async () => {
    const big = await ask('{ organisations(first: 1000) { totalCount } }');
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const malformed = await ask('{ events(filter: { territory: "2o" }) { totalCount } }');
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.territory' });
    const unknown = await ask(`{ grant(id: "${demoOrganisationId('boris')}") { title } }`);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    const fine = await ask('{ territory(code: "14") { name } }');
    expect(fine.data.territory.name).toBe('MAZOWIECKIE');
  });

  it('refuses a query nested deeper than the limit', async () => {
    const deep = `{ territory(code: "1433042") { ${'parent { '.repeat(14)} code ${'} '.repeat(14)} } }`;
    const result = await ask(deep);
    expect(result.errors?.[0]?.message).toMatch(/depth/i);
  });

  it('refuses a query whose nested lists cost more than the limit, naming the estimate and the limit', async () => {
    // The shape that froze the organisations subgraph: the register tree × children × a page each.
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          '{ territories(level: POWIAT) { children { organisations(first: 100) { edges { node { name identifiers { value } } } } } } }',
      }),
    });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.data).toBeUndefined();
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors[0].message).toMatch(/estimated cost \d+ exceeds the limit of 250000/);
    expect(subgraphs.organisations.app.server.listening).toBe(true);
  });

  it('sends CORS headers so a portal page can call it from the browser', async () => {
    const response = await fetch(url, {
      method: 'OPTIONS',
      headers: { origin: 'https://www.bialystok.pl', 'access-control-request-method': 'POST' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBe('https://www.bialystok.pl');
  });

  it('returns partial data and an error when a subgraph is down, and recovers when it is back', async () => {
    await subgraphs.events.close();
    const result = await ask(CROSS, { search: 'Inicjatywy' });
    expect(result.data.organisations.edges[0].node.name).toBe('Klub Myśli Społecznej Inicjatywy');
    expect(result.data.organisations.edges[0].node.grants[0].title).toBe('Razem dla Regionu');
    expect(result.data.organisations.edges[0].node.events).toBeNull();
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('events service is unavailable'),
        extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'events' }),
      }),
    ]);
    const health = await (await fetch(url.replace('/graphql', '/health'))).json();
    expect(health).toMatchObject({ status: 'degraded', subgraphs: { events: 'down', organisations: 'ok' } });

    subgraphs.events = await startTestSubgraph(eventsSubgraph, hub.db.url);
    await gateway.close();
    await startGateway();
    const back = await ask(CROSS, { search: 'Inicjatywy' });
    expect(back.errors).toBeUndefined();
  });
});

describe('a subgraph reached directly', () => {
  const direct = async (query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const response = await fetch(subgraphs.organisations.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: await response.json() };
  };
  const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Organisation { name } } }';
  const representations = [{ __typename: 'Organisation', id: demoOrganisationId('boris') }];

  it('refuses `_entities` and `_service` without the internal token, also behind an alias or a fragment', async () => {
    for (const query of [
      ENTITIES,
      '{ _service { sdl } }',
      '{ s: _service { sdl } }',
      'query($r: [_Any!]!) { ...E } fragment E on Query { _entities(representations: $r) { __typename } }',
    ]) {
      const { status, body } = await direct(query, { r: representations });
      expect(status).toBe(403);
      expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
      expect(body.data).toBeUndefined();
    }
    // The caller's own bearer token (what the gateway forwards) is not the internal credential.
    expect(
      (await direct(ENTITIES, { r: representations }, { authorization: `Bearer ${TEST_INTERNAL_TOKEN}` })).status,
    ).toBe(403);
    const wrong = await direct(
      ENTITIES,
      { r: representations },
      { 'x-internal-token': 'not-the-internal-token-at-all' },
    );
    expect(wrong.status).toBe(403);
  });

  it('answers `_entities` to the holder of the internal token, as the gateway is', async () => {
    const { status, body } = await direct(
      ENTITIES,
      { r: representations },
      { 'x-internal-token': TEST_INTERNAL_TOKEN },
    );
    expect(status).toBe(200);
    expect(body.data._entities[0].name).toMatch(/BORIS/i);
  });

  it('refuses a query over its own cost and depth limits, token or not', async () => {
    const costly = await direct(
      '{ territories(level: GMINA) { children { organisations(first: 100) { edges { node { name } } } } } }',
      undefined,
      { 'x-internal-token': TEST_INTERNAL_TOKEN },
    );
    expect(costly.status).toBe(400);
    expect(costly.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(costly.body.errors[0].message).toMatch(/estimated cost \d+ exceeds the limit of 130000/);
    const deep = await direct(`{ territory(code: "1433042") { ${'parent { '.repeat(18)} code ${'} '.repeat(18)} } }`);
    expect(deep.status).toBe(400);
    expect(deep.body.errors[0].message).toMatch(/depth/i);
    // `_entities` is costed by its representations: a thousand-fold one is refused before it is resolved.
    const wide = await direct(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Territory { children { organisations(first: 100) { edges { node { name } } } } } } }',
      { r: Array.from({ length: 100 }, () => ({ __typename: 'Territory', code: '14' })) },
      { 'x-internal-token': TEST_INTERNAL_TOKEN },
    );
    expect(wide.status).toBe(400);
    expect(wide.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

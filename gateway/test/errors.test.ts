import type { FastifyInstance } from 'fastify';
import { HeaderMap } from '@apollo/server';
import { parse, type OperationDefinitionNode } from 'graphql';
import { serverAudits } from 'graphql-http';
import { pino } from 'pino';
import { demoOrganisationId } from '@ngo-hub/kit';
import {
  createTestDatabase,
  startTestSubgraph,
  TEST_ADMIN_TOKEN,
  TEST_INTERNAL_TOKEN,
  type TestDatabase,
  type TestSubgraph,
} from '@ngo-hub/kit/testing';
import { eventsSubgraph } from '@ngo-hub/events';
import { fundingSubgraph } from '@ngo-hub/funding';
import { organisationsSubgraph } from '@ngo-hub/organisations';
import { partnershipsSubgraph } from '@ngo-hub/partnerships';
import { DEFAULT_SUPERGRAPH_PATH, type SubgraphName } from '../src/env.js';
import { createGatewayApp, readSupergraph, type GatewayOptions } from '../src/gateway.js';
import { listenOn } from '../src/listen.js';
import { responseCachePlugin } from '../src/response-cache.js';
import { subgraphErrorResponse } from '../src/errors.js';

// Issue 7: being told exactly what went wrong, through the real gateway and subgraphs on a real
// PostgreSQL. Jest sets NODE_ENV=test, under which Apollo hides stack traces by itself; everything
// here is started with NODE_ENV unset (Apollo's "development", which shows them) so the test proves
// that only DEBUG_ERRORS turns them on.
let db: TestDatabase;
const subgraphs = {} as Record<SubgraphName, TestSubgraph>;
const gateways: FastifyInstance[] = [];
let url: string;

async function startGateway(options: Partial<GatewayOptions> = {}): Promise<string> {
  const app = await createGatewayApp({
    supergraphSdl: readSupergraph(DEFAULT_SUPERGRAPH_PATH),
    internalToken: TEST_INTERNAL_TOKEN,
    adminToken: TEST_ADMIN_TOKEN,
    subgraphUrls: Object.fromEntries(Object.entries(subgraphs).map(([name, s]) => [name, s.url])),
    logger: pino({ level: 'silent' }),
    ...options,
  });
  gateways.push(app);
  return listenOn(app, 0, '127.0.0.1');
}

async function withNodeEnv<T>(value: string | undefined, run: () => Promise<T>): Promise<T> {
  const saved = process.env.NODE_ENV;
  if (value === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = value;
  try {
    return await run();
  } finally {
    process.env.NODE_ENV = saved;
  }
}

beforeAll(async () => {
  db = await createTestDatabase('errors');
  await withNodeEnv(undefined, async () => {
    subgraphs.organisations = await startTestSubgraph(organisationsSubgraph, db.url);
    subgraphs.partnerships = await startTestSubgraph(partnershipsSubgraph, db.url);
    subgraphs.events = await startTestSubgraph(eventsSubgraph, db.url);
    subgraphs.funding = await startTestSubgraph(fundingSubgraph, db.url);
    url = await startGateway();
  });
});

afterAll(async () => {
  await Promise.all(gateways.map((g) => g.close()));
  await Promise.all(Object.values(subgraphs).map((s) => s.close()));
  await db?.drop();
});

const GRAPHQL_RESPONSE = 'application/graphql-response+json';
const ADMIN = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

async function post(target: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(target, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: GRAPHQL_RESPONSE, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, json: JSON.parse(text), headers: response.headers };
}

/** Nothing internal may reach a client: no URL, no file path, no stack, no schema hints. */
function expectNothingInternal(text: string) {
  for (const leak of ['http://', '/work/', 'stacktrace', 'Did you mean', 'file://', 'node_modules'])
    expect(text).not.toContain(leak);
}

const organisationId = demoOrganisationId('urzad-gminy-liw');
const GRANTS_MIN = 'query($amount: Decimal) { grants(filter: { minAmount: $amount }) { totalCount } }';
const EVENTS_FROM = 'query($from: DateTime) { events(filter: { from: $from }) { totalCount } }';
const SEARCH = 'query($s: String) { organisations(filter: { search: $s }) { totalCount } }';
const CREATE_GRANT = 'mutation($input: CreateGrantInput!) { createGrant(input: $input) { id } }';
const grantInput = (extra: Record<string, unknown>) => ({
  title: 'Grant testowy',
  recipientId: organisationId,
  formOfSupport: 'GRANT',
  ...extra,
});
/** A request whose variable nests `levels` arrays deep (JSON.stringify itself would overflow). */
const deep = (query: string, levels: number) =>
  `{"query":${JSON.stringify(query)},"variables":{"s":${'['.repeat(levels)}${']'.repeat(levels)}}}`;

type Row = [
  name: string,
  body: unknown,
  code: string,
  field: string | null,
  status: number,
  headers?: Record<string, string>,
];

// Status with `Accept: application/graphql-response+json`: request errors are 400; errors of a
// field that ran (a resolver's own validation) come with data and 200.
const table: Row[] = [
  [
    'Decimal variable "abc"',
    { query: GRANTS_MIN, variables: { amount: 'abc' } },
    'BAD_USER_INPUT',
    'filter.minAmount',
    400,
  ],
  [
    'Decimal literal "abc"',
    { query: '{ grants(filter: { minAmount: "abc" }) { totalCount } }' },
    'BAD_USER_INPUT',
    'filter.minAmount',
    400,
  ],
  [
    'DateTime variable "yesterday"',
    { query: EVENTS_FROM, variables: { from: 'yesterday' } },
    'BAD_USER_INPUT',
    'filter.from',
    400,
  ],
  [
    'DateTime literal with month 13',
    { query: '{ events(filter: { from: "2021-13-01" }) { totalCount } }' },
    'BAD_USER_INPUT',
    'filter.from',
    400,
  ],
  [
    'DateTime in year 99',
    { query: EVENTS_FROM, variables: { from: '0099-01-01T00:00' } },
    'BAD_USER_INPUT',
    'filter.from',
    400,
  ],
  [
    'DateTime in year 10000',
    { query: EVENTS_FROM, variables: { from: '+010000-01-01T00:00' } },
    'BAD_USER_INPUT',
    'filter.from',
    400,
  ],
  [
    'calendar date 2021-02-30 in a mutation',
    { query: CREATE_GRANT, variables: { input: grantInput({ startsOn: '2021-02-30' }) } },
    'BAD_USER_INPUT',
    'input.startsOn',
    200,
    ADMIN,
  ],
  [
    'Decimal deep in mutation input',
    { query: CREATE_GRANT, variables: { input: grantInput({ amountAwarded: { amount: '1.234', currency: 'PLN' } }) } },
    'BAD_USER_INPUT',
    'input.amountAwarded.amount',
    400,
    ADMIN,
  ],
  [
    'ID given as an object',
    { query: 'query($id: ID!) { organisation(id: $id) { name } }', variables: { id: { a: 1 } } },
    'BAD_USER_INPUT',
    'id',
    400,
  ],
  [
    'Int variable out of range',
    { query: 'query($n: Int) { organisations(first: $n) { totalCount } }', variables: { n: 1e20 } },
    'BAD_USER_INPUT',
    'first',
    400,
  ],
  [
    'Int literal out of range',
    { query: '{ grants(filter: { year: 3000000000 }) { totalCount } }' },
    'BAD_USER_INPUT',
    'filter.year',
    400,
  ],
  [
    'unknown enum literal',
    { query: '{ events(filter: { kind: PICNIC }) { totalCount } }' },
    'BAD_USER_INPUT',
    'filter.kind',
    400,
  ],
  [
    'unknown enum variable',
    { query: 'query($k: EventKind) { events(filter: { kind: $k }) { totalCount } }', variables: { k: 'PICNIK' } },
    'BAD_USER_INPUT',
    'filter.kind',
    400,
  ],
  [
    'missing required input field',
    { query: 'mutation { createGrant(input: { title: "x", recipientId: "x" }) { id } }' },
    'BAD_USER_INPUT',
    'input.formOfSupport',
    400,
    ADMIN,
  ],
  ['NUL byte in a variable', { query: SEARCH, variables: { s: 'a\u0000b' } }, 'BAD_USER_INPUT', 'filter.search', 400],
  [
    'NUL byte in a literal',
    { query: '{ organisations(filter: { search: "a\\u0000b" }) { totalCount } }' },
    'BAD_USER_INPUT',
    'filter.search',
    400,
  ],
  [
    'lone surrogate in a variable',
    { query: SEARCH, variables: { s: 'a\ud800b' } },
    'BAD_USER_INPUT',
    'filter.search',
    400,
  ],
  [
    'NUL byte in a mutation list',
    { query: CREATE_GRANT, variables: { input: grantInput({ beneficiaryTerritories: ['14', '\u0000'] }) } },
    'BAD_USER_INPUT',
    'input.beneficiaryTerritories.1',
    400,
    ADMIN,
  ],
  [
    'malformed cursor',
    { query: '{ organisations(first: 1, after: "zzz") { totalCount } }' },
    'BAD_USER_INPUT',
    'after',
    200,
  ],
  [
    'malformed id in a filter',
    { query: '{ grants(filter: { recipient: "nope" }) { totalCount } }' },
    'BAD_USER_INPUT',
    'filter.recipient',
    200,
  ],
  ['malformed id in a lookup', { query: '{ organisation(id: "nope") { name } }' }, 'BAD_USER_INPUT', 'id', 200],
  [
    'year out of range',
    { query: '{ grants(filter: { year: 20210 }) { totalCount } }' },
    'BAD_USER_INPUT',
    'filter.year',
    200,
  ],
  ['page over the cap', { query: '{ organisations(first: 1000) { totalCount } }' }, 'BAD_USER_INPUT', 'first', 200],
  ['syntax error', { query: '{' }, 'GRAPHQL_PARSE_FAILED', null, 400],
  ['unknown field', { query: '{ funderz { id } }' }, 'GRAPHQL_VALIDATION_FAILED', null, 400],
  [
    'unknown operationName',
    { query: '{ funders { id } }', operationName: 'Nope' },
    'OPERATION_RESOLUTION_FAILURE',
    null,
    400,
  ],
  ['token limit', { query: `{ ${'a: funders { id } '.repeat(1500)} }` }, 'GRAPHQL_PARSE_FAILED', null, 400],
  [
    'depth limit',
    { query: `{ territory(code: "1433042") { ${'parent { '.repeat(14)} code ${'} '.repeat(14)} } }` },
    'GRAPHQL_VALIDATION_FAILED',
    null,
    400,
  ],
  ['deeply nested JSON variables', deep(SEARCH, 5000), 'BAD_REQUEST', null, 400],
];

describe('malformed input through the gateway', () => {
  // Rest parameters: jest would take a sixth named parameter for a `done` callback.
  it.each(table)('%s', async (...row: Row) => {
    const [, body, code, field, status, headers] = row;
    const answer = await post(url, body, headers);
    expect({
      status: answer.status,
      code: answer.json.errors?.[0]?.extensions?.code,
      field: answer.json.errors?.[0]?.extensions?.field ?? null,
    }).toEqual({ status, code, field });
    expectNothingInternal(answer.text);
  });

  it('words limits as limits, not as syntax errors', async () => {
    const tokens = await post(url, table.find(([name]) => name === 'token limit')![1]);
    expect(tokens.json.errors[0].message).toMatch(/more than 5000 tokens/);
    const depth = await post(url, table.find(([name]) => name === 'depth limit')![1]);
    expect(depth.json.errors[0].message).toMatch(/depth limit of 12/);
    for (const answer of [tokens, depth]) expect(answer.json.errors[0].message).not.toMatch(/syntax/i);
  });

  it('lists every malformed variable at once', async () => {
    const answer = await post(
      url,
      {
        query: CREATE_GRANT,
        variables: {
          input: grantInput({
            title: 'a\u0000',
            amountAwarded: { amount: 'dużo', currency: 'PLN' },
            ownContribution: { amount: '-', currency: 'PLN' },
          }),
        },
      },
      ADMIN,
    );
    expect(answer.status).toBe(400);
    expect(answer.json.errors[0].extensions.problems.map((p: { field: string }) => p.field).sort()).toEqual([
      'input.amountAwarded.amount',
      'input.ownContribution.amount',
      'input.title',
    ]);
  });

  it("lists every invalid field of a mutation at once, from the subgraph's own validation", async () => {
    const answer = await post(
      url,
      {
        query: CREATE_GRANT,
        variables: {
          input: grantInput({
            title: ' ',
            startsOn: '2021-05-01',
            endsOn: '2021-04-01',
            agreementSignedOn: 'jutro',
            beneficiaryTerritories: ['14', '99'],
          }),
        },
      },
      ADMIN,
    );
    expect(answer.json.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(answer.json.errors[0].extensions.problems.map((p: { field: string }) => p.field).sort()).toEqual([
      'input.agreementSignedOn',
      'input.beneficiaryTerritories.1',
      'input.endsOn',
      'input.title',
    ]);
  });

  it('gives clients that ask for application/json 200 for request errors, as GraphQL over HTTP says they SHOULD; curl and */* get 400', async () => {
    for (const [accept, status] of [
      ['application/json', 200],
      ['*/*', 400],
      ['', 400],
    ] as const) {
      const answer = await post(url, { query: GRANTS_MIN, variables: { amount: 'abc' } }, { accept });
      expect({ accept, status: answer.status }).toEqual({ accept, status });
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
      expect(answer.json.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.minAmount' });
    }
  });

  it('answers the same malformed input sent straight to a subgraph with the same code and field', async () => {
    const rows: Row[] = [
      ['', { query: GRANTS_MIN, variables: { amount: 'abc' } }, 'BAD_USER_INPUT', 'filter.minAmount', 400],
      [
        '',
        { query: '{ grants(filter: { minAmount: "abc" }) { totalCount } }' },
        'BAD_USER_INPUT',
        'filter.minAmount',
        400,
      ],
      [
        '',
        { query: 'query($s: String) { grants(filter: { search: $s }) { totalCount } }', variables: { s: '\u0000' } },
        'BAD_USER_INPUT',
        'filter.search',
        400,
      ],
      ['', { query: '{ grantz { id } }' }, 'GRAPHQL_VALIDATION_FAILED', null, 400],
      ['', deep('query($s: String) { grants(filter: { search: $s }) { totalCount } }', 5000), 'BAD_REQUEST', null, 400],
    ];
    for (const [, body, code, field, status] of rows) {
      const answer = await post(subgraphs.funding.url, body);
      expect({
        status: answer.status,
        code: answer.json.errors?.[0]?.extensions?.code,
        field: answer.json.errors?.[0]?.extensions?.field ?? null,
      }).toEqual({ status, code, field });
      expectNothingInternal(answer.text);
    }
  });

  it("hands on a subgraph's HTTP 4xx GraphQL errors, and names only the service for anything else", async () => {
    const refused = new Response(
      JSON.stringify({ errors: [{ message: 'nope', extensions: { code: 'BAD_USER_INPUT', field: 'id' } }] }),
      { status: 400 },
    );
    const handed = await subgraphErrorResponse('funding', refused);
    expect(handed.status).toBe(200);
    expect(await handed.json()).toEqual({
      data: null,
      errors: [{ message: 'nope', extensions: { code: 'BAD_USER_INPUT', field: 'id' } }],
    });
    const broken = new Response('<html>502 from http://10.0.0.7:4004/graphql</html>', { status: 502 });
    const error = await subgraphErrorResponse('funding', broken).catch((e: Error & { extensions?: unknown }) => e);
    expect(error).toMatchObject({ extensions: { code: 'SUBGRAPH_ERROR', serviceName: 'funding' } });
    expectNothingInternal(
      JSON.stringify({ message: (error as Error).message, extensions: (error as { extensions?: unknown }).extensions }),
    );
  });
});

describe('stack traces and suggestions', () => {
  const internal = { query: '{ funderz { id } }' };

  it.each([
    ['unset', undefined],
    ['production', 'production'],
    ['development', 'development'],
  ])('shows none with NODE_ENV %s unless DEBUG_ERRORS', async (_label, nodeEnv) => {
    const target = await withNodeEnv(nodeEnv, () => startGateway());
    for (const body of [internal, { query: GRANTS_MIN, variables: { amount: 'abc' } }, { query: '{' }]) {
      expectNothingInternal((await post(target, body)).text);
    }
  });

  it('shows them with DEBUG_ERRORS, so the checks above can fail', async () => {
    const target = await withNodeEnv(undefined, () => startGateway({ debugErrors: true }));
    const answer = await post(target, internal);
    expect(answer.text).toContain('stacktrace');
    expect(answer.text).toContain('Did you mean');
  });
});

describe('GraphQL over HTTP (graphql-http server audits)', () => {
  // Apollo's CSRF prevention refuses GET requests without a content-type or a preflight header,
  // which only the MAY audits for GET send (notices, not warnings); the protection stays.
  it('passes every MUST and every SHOULD', async () => {
    const failures: string[] = [];
    for (const audit of serverAudits({ url })) {
      const result = await audit.fn();
      if (result.status === 'error' || result.status === 'warn')
        failures.push(`${audit.id} ${audit.name}: ${result.reason}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('the response cache is purged only by mutations that may have written', () => {
  let cachedUrl: string;
  const NAME = 'query($id: ID!) { organisation(id: $id) { name } }';
  const UPDATE =
    'mutation($id: ID!, $input: UpdateOrganisationInput!) { updateOrganisation(id: $id, input: $input) { name } }';

  beforeAll(async () => {
    cachedUrl = await startGateway({ responseCacheTtlSeconds: 60 });
  });

  const read = async () =>
    (await post(cachedUrl, { query: NAME, variables: { id: organisationId } })).headers.get('x-cache');

  it('keeps its answers after refused mutations: anonymous, malformed, invalid, unknown', async () => {
    await read();
    expect(await read()).toBe('HIT');
    const refused = [
      await post(cachedUrl, { query: UPDATE, variables: { id: organisationId, input: { name: 'Anonim' } } }),
      await post(
        cachedUrl,
        { query: UPDATE, variables: { id: organisationId, input: { foundedOn: 'wczoraj' } } },
        ADMIN,
      ),
      await post(cachedUrl, { query: UPDATE, variables: { id: organisationId, input: { name: ' ' } } }, ADMIN),
      await post(
        cachedUrl,
        { query: UPDATE, variables: { id: demoOrganisationId('nobody'), input: { name: 'X' } } },
        ADMIN,
      ),
    ];
    expect(refused.map((r) => r.json.errors?.[0]?.extensions?.code)).toEqual([
      'UNAUTHENTICATED',
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
      'NOT_FOUND',
    ]);
    expect(await read()).toBe('HIT');
  });

  it('forgets everything after a mutation that succeeded', async () => {
    expect(await read()).toBe('HIT');
    const renamed = await post(
      cachedUrl,
      { query: UPDATE, variables: { id: organisationId, input: { name: 'Urząd Gminy Liw' } } },
      ADMIN,
    );
    expect(renamed.json.errors).toBeUndefined();
    expect(await read()).toBe('MISS');
  });

  // The overlap is driven through the plugin's own hooks, so the interleaving is exact.
  const op = (source: string) => parse(source).definitions[0] as OperationDefinitionNode;
  const lifecycle = async (
    plugin: ReturnType<typeof responseCachePlugin>,
    source: string,
    result: Record<string, unknown>,
  ) => {
    const listener = (await plugin.requestDidStart!({ contextValue: {} } as never))!;
    const operation = op(source);
    const cached = await listener.responseForOperation!({ operation, request: { query: source } } as never);
    return {
      cached,
      finish: () =>
        listener.willSendResponse!({
          operation,
          response: { http: { headers: new HeaderMap() }, body: { kind: 'single', singleResult: result } },
        } as never),
    };
  };

  it('does not store a query that overlapped a successful mutation, and does after a refused one', async () => {
    const plugin = responseCachePlugin({ ttlMs: 60_000 });
    const QUERY = '{ funders { id } }';
    const MUTATION = 'mutation { cancelEvent(id: "x") { id } }';
    const query = await lifecycle(plugin, QUERY, { data: { funders: [] } });
    const mutation = await lifecycle(plugin, MUTATION, { data: { cancelEvent: { id: 'x' } } });
    await mutation.finish();
    await query.finish();
    expect((await lifecycle(plugin, QUERY, { data: { funders: [] } })).cached).toBeNull();

    const again = await lifecycle(plugin, QUERY, { data: { funders: [] } });
    const refused = await lifecycle(plugin, MUTATION, {
      data: null,
      errors: [{ message: 'no', path: ['cancelEvent'], extensions: { code: 'FORBIDDEN' } }],
    });
    await refused.finish();
    await again.finish();
    expect((await lifecycle(plugin, QUERY, { data: { funders: [] } })).cached).not.toBeNull();

    // A failure that is not a refusal (a subgraph down mid-way) may hide a write: purge.
    const failed = await lifecycle(plugin, MUTATION, {
      data: null,
      errors: [{ message: 'down', path: ['cancelEvent'], extensions: { code: 'SUBGRAPH_UNAVAILABLE' } }],
    });
    await failed.finish();
    expect((await lifecycle(plugin, QUERY, { data: { funders: [] } })).cached).toBeNull();
  });
});

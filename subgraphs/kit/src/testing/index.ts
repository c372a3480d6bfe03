import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type DemoData, subgraphEnvSchema } from '../env.js';
import { INTERNAL_TOKEN_HEADER } from '../exposure.js';
import { ADMIN_TOKEN_IDENTITY, IDENTITY_HEADER, type Identity, signIdentity } from '../identity.js';
import { startSubgraph, type StartedSubgraph, type SubgraphDefinition } from '../service.js';
import { DEMO_ORGANISATIONS, demoOrganisationId } from '../demo.js';
import { REFERENCE_TOPICS, type ReferenceKind } from '../references.js';

/** The test server: `TEST_DATABASE_URL`, or the local PostgreSQL this machine runs. */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** The admin token test gateways are started with. */
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';
/** The shared secret of `/internal/events` between test services. */
export const TEST_INTERNAL_TOKEN = 'test-internal-token-0123456789';

export interface TestDatabase {
  url: string;
  drop: () => Promise<void>;
}

async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_SERVER_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, uniquely named database on the real test server, one per test file, so files can run
 * in any order and never see each other's rows.
 */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `ngo_hub_test_${label.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`;
  await onServer(`create database "${name}"`);
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(`drop database if exists "${name}" with (force)`) };
}

export interface GraphQLResult<T = any> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface QueryOutcome<T = any> extends GraphQLResult<T> {
  /** SQL statements the subgraph sent for this request (its `x-sql-statements` header). */
  sqlStatements: number;
}

/** An identity for tests: the given fields over an anonymous-looking PORTAL with no scope. */
export function testIdentity(fields: Partial<Identity>): Identity {
  return {
    subject: 'test',
    name: 'test',
    role: 'PORTAL',
    organisationId: null,
    partnershipId: null,
    funderId: null,
    territories: [],
    ...fields,
  };
}

/** The editor of one organisation, as its API key would identify it. */
export const editorOf = (organisationId: string): Partial<Identity> => ({
  subject: `key:editor-${organisationId}`,
  name: 'editor key',
  role: 'ORGANISATION_EDITOR',
  organisationId,
});

/** A member of one partnership's coordination team. */
export const coordinatorOf = (partnershipId: string): Partial<Identity> => ({
  subject: `key:coordinator-${partnershipId}`,
  name: 'coordinator key',
  role: 'COORDINATOR',
  partnershipId,
});

/** A portal's read-only key. */
export const PORTAL_IDENTITY: Partial<Identity> = { subject: 'key:portal', name: 'portal key', role: 'PORTAL' };

/** The `x-hub-identity` header a test gateway would send for `identity`. */
export async function identityHeaders(identity: Partial<Identity>): Promise<Record<string, string>> {
  return { [IDENTITY_HEADER]: await signIdentity(testIdentity(identity), TEST_INTERNAL_TOKEN) };
}

export interface TestSubgraph extends StartedSubgraph {
  /**
   * Sends the internal token as the gateway does (so `_entities` works), unless `internal: false`, and
   * a signed identity: ADMIN with `admin`, or the one given `as`.
   */
  query: <T = any>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { admin?: boolean; as?: Partial<Identity>; internal?: boolean },
  ) => Promise<QueryOutcome<T>>;
}

/** POSTs a GraphQL operation to `url` and returns the body plus the SQL tally header, if any. */
export async function postGraphQL<T = any>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<QueryOutcome<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as GraphQLResult<T>;
  return { ...body, sqlStatements: Number(response.headers.get('x-sql-statements') ?? NaN) };
}

/**
 * Starts a subgraph on a free port against `databaseUrl` (real PostgreSQL), exactly as its `main`
 * would, with the seed documents' facts unless `demoData` says otherwise (`full` adds the synthetic
 * layer, `none` or false loads nothing).
 */
export async function startTestSubgraph<L>(
  definition: SubgraphDefinition<L>,
  databaseUrl: string,
  options: { demoData?: DemoData | false } = {},
): Promise<TestSubgraph> {
  const service = await startSubgraph(definition, {
    ...subgraphEnvSchema(0).parse({ STATEMENT_TIMEOUT_MS: process.env.STATEMENT_TIMEOUT_MS }),
    PORT: 0,
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    DEMO_DATA: options.demoData === false ? 'none' : (options.demoData ?? 'seed'),
    LOG_LEVEL: 'silent',
    PGLITE_DIR: undefined,
    DEBUG_ERRORS: false,
    EVENT_SUBSCRIBERS: [],
    INTERNAL_TOKEN: TEST_INTERNAL_TOKEN,
  });
  return {
    ...service,
    query: async (query, variables, opts) =>
      postGraphQL(service.url, query, variables, {
        ...(opts?.admin || opts?.as ? await identityHeaders(opts.as ?? ADMIN_TOKEN_IDENTITY) : {}),
        ...(opts?.internal === false ? {} : { [INTERNAL_TOKEN_HEADER]: TEST_INTERNAL_TOKEN }),
      }),
  };
}

const EXISTS_PAYLOAD: Record<ReferenceKind, unknown> = {
  organisation: { territoryCode: null },
  partnership: { organisationIds: [] },
  funder: { name: 'test funder' },
};
let announced = 1_000_000_000;

/**
 * For a subgraph tested without the owner running: tells it that these organisations or partnerships
 * exist (or, with `gone`, no longer do) exactly as the owner's outbox messages would, through
 * `POST /internal/events`. Writes naming them are then accepted like in the whole hub.
 */
export async function announce(
  service: StartedSubgraph,
  kind: ReferenceKind,
  ids: readonly string[],
  options: { gone?: boolean } = {},
): Promise<void> {
  const response = await fetch(service.url.replace(/\/graphql$/, '/internal/events'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_INTERNAL_TOKEN}` },
    body: JSON.stringify({
      publisher: REFERENCE_TOPICS[kind].publisher,
      events: ids.map((key) => ({
        topic: REFERENCE_TOPICS[kind].name,
        key,
        version: announced++,
        payload: options.gone ? null : EXISTS_PAYLOAD[kind],
      })),
    }),
  });
  if (!response.ok) throw new Error(`announcing ${kind} ids answered ${response.status}`);
}

/** Every demo organisation's id (what the organisations subgraph publishes when it seeds them). */
export const DEMO_ORGANISATION_IDS = DEMO_ORGANISATIONS.map((key) => demoOrganisationId(key));

/**
 * Wires started subgraphs to each other as `npm start` does (each one's outbox messages go to
 * all the others) and delivers what they recorded at start, twice, so what a delivery derives is
 * delivered too. Writes made afterwards are delivered before their mutation answers.
 */
export async function connectSubgraphs(subgraphs: Record<string, StartedSubgraph>): Promise<void> {
  const all = Object.values(subgraphs);
  for (const s of all) s.delivery?.setSubscribers(all.filter((o) => o !== s).map((o) => o.url));
  for (let round = 0; round < 2; round++) await Promise.all(all.map((s) => s.delivery?.flush()));
}
export * from './sync.js';
/** Tests trace into memory: `startTracing({ serviceName, exporter: new InMemorySpanExporter() })`. */
export { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';

/** Polls until `check` returns a value (not undefined) or the deadline passes. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  everyMs = 200,
  describe?: () => string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
      last = undefined;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(
    `not within ${timeoutMs} ms${last ? `: ${(last as Error).message}` : ''}${describe ? `\n${describe()}` : ''}`,
  );
}

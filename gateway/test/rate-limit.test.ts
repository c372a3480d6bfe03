import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { SUBGRAPHS } from '@ngo-hub/kit/roster';
import { gatewayEnvSchema } from '../src/env.js';
import { createGatewayApp, gatewayOptionsFromEnv } from '../src/gateway.js';
import { listenOn } from '../src/listen.js';

// Issue 9, item 6: budgets per client address and per credential, configured through the env as an
// operator would. `{ __typename }` is answered by the gateway itself, so the subgraphs may be down
// (nothing listens on port 9); every request below is real HTTP.
const ANONYMOUS = 3;
const AUTHENTICATED = 5;
const down = Object.fromEntries(SUBGRAPHS.map((name) => [name, 'http://127.0.0.1:9/graphql']));
const apps: FastifyInstance[] = [];

async function startGateway(env: Record<string, string>): Promise<string> {
  const parsed = gatewayEnvSchema.parse(env);
  const app = await createGatewayApp(gatewayOptionsFromEnv(parsed, pino({ level: 'silent' }), down));
  apps.push(app);
  return listenOn(app, 0, '127.0.0.1');
}

let base: string;
beforeAll(async () => {
  const url = await startGateway({
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: String(ANONYMOUS),
    RATE_LIMIT_AUTHENTICATED_PER_MINUTE: String(AUTHENTICATED),
    TRUST_PROXY: 'true',
    METRICS: 'on',
    ADMIN_TOKEN: 'alice-secret-0123456789',
  });
  base = url.replace(/\/graphql$/, '');
});

afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
});

let nextAddress = 1;
/** A client address of its own per test (X-Forwarded-For, trusted here), so the tests share no bucket. */
const freshAddress = () => `198.51.100.${nextAddress++}`;

function query(headers: Record<string, string>, method: 'GET' | 'POST' = 'POST'): Promise<Response> {
  if (method === 'GET')
    return fetch(`${base}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      // Apollo's CSRF prevention wants a non-simple header on GET.
      headers: { ...headers, accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
  return fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
}

describe('rate limits', () => {
  it('answers an anonymous caller normally, with its budget in headers, then 429 with Retry-After and a GraphQL error', async () => {
    const caller = { 'x-forwarded-for': freshAddress() };
    for (let i = 1; i <= ANONYMOUS; i++) {
      const response = await query(caller, i % 2 ? 'POST' : 'GET');
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
      expect(response.headers.get('x-ratelimit-limit')).toBe(String(ANONYMOUS));
      expect(response.headers.get('x-ratelimit-remaining')).toBe(String(ANONYMOUS - i));
      expect(Number(response.headers.get('x-ratelimit-reset'))).toBeGreaterThan(0);
    }
    const refused = await query(caller);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await refused.json();
    expect(body).toEqual({
      errors: [
        {
          message: expect.stringContaining('Too many requests'),
          extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter },
        },
      ],
    });
    // GET counts against the same budget as POST.
    expect((await query(caller, 'GET')).status).toBe(429);
  });

  it('gives each client address its own budget', async () => {
    const first = { 'x-forwarded-for': freshAddress() };
    const second = { 'x-forwarded-for': freshAddress() };
    for (let i = 0; i < ANONYMOUS; i++) expect((await query(first)).status).toBe(200);
    expect((await query(first)).status).toBe(429);
    expect((await query(second)).status).toBe(200);
    expect((await query(second)).headers.get('x-ratelimit-remaining')).toBe(String(ANONYMOUS - 2));
  });

  it('gives a credential the gateway knows its own, larger budget; an unknown bearer counts as its address', async () => {
    const address = freshAddress();
    const alice = { 'x-forwarded-for': address, authorization: 'Bearer alice-secret-0123456789' };
    for (let i = 0; i < ANONYMOUS; i++) expect((await query({ 'x-forwarded-for': address })).status).toBe(200);
    expect((await query({ 'x-forwarded-for': address })).status).toBe(429);
    for (let i = 1; i <= AUTHENTICATED; i++) {
      const response = await query(alice);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-ratelimit-limit')).toBe(String(AUTHENTICATED));
    }
    const refused = await query(alice);
    expect(refused.status).toBe(429);
    expect((await refused.json()).errors[0].extensions.code).toBe('RATE_LIMITED');
    // A made-up credential buys nothing: it draws from its address's budget, already spent.
    const bob = { 'x-forwarded-for': address, authorization: 'Bearer bob-secret-0123456789' };
    expect((await query(bob)).status).toBe(429);
    const elsewhere = await query({ 'x-forwarded-for': freshAddress(), authorization: 'Bearer made-up-0123456789' });
    expect(elsewhere.headers.get('x-ratelimit-limit')).toBe(String(ANONYMOUS));
  });

  it('limits the feeds, from the same budget as the API', async () => {
    const caller = { 'x-forwarded-for': freshAddress() };
    for (let i = 0; i < ANONYMOUS; i++) expect((await query(caller)).status).toBe(200);
    const feed = await fetch(`${base}/feeds/organisations.csv`, { headers: caller });
    expect(feed.status).toBe(429);
    expect(feed.headers.get('retry-after')).not.toBeNull();
    expect((await feed.json()).errors[0].extensions.code).toBe('RATE_LIMITED');
  });

  it('never limits /health or /metrics', async () => {
    const caller = { 'x-forwarded-for': freshAddress() };
    for (let i = 0; i < ANONYMOUS + 1; i++) await query(caller);
    expect((await query(caller)).status).toBe(429);
    for (let i = 0; i < ANONYMOUS + 2; i++) {
      const health = await fetch(`${base}/health`, { headers: caller });
      expect(health.status).toBe(200);
      expect(health.headers.get('x-ratelimit-limit')).toBeNull();
      const metrics = await fetch(`${base}/metrics`, { headers: caller });
      expect(metrics.status).toBe(200);
    }
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY is set: a caller cannot pick a fresh address', async () => {
    const url = await startGateway({ RATE_LIMIT_ANONYMOUS_PER_MINUTE: '2' });
    const post = (forwardedFor: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
    expect((await post('203.0.113.1')).status).toBe(200);
    expect((await post('203.0.113.2')).status).toBe(200);
    expect((await post('203.0.113.3')).status).toBe(429);
  });

  it('is off with 0, and when the gateway is created without budgets (tests, benchmarks)', async () => {
    const zero = await startGateway({ RATE_LIMIT_ANONYMOUS_PER_MINUTE: '0', RATE_LIMIT_AUTHENTICATED_PER_MINUTE: '0' });
    const { rateLimits: _defaults, ...withoutBudgets } = gatewayOptionsFromEnv(
      gatewayEnvSchema.parse({}),
      pino({ level: 'silent' }),
      down,
    );
    const app = await createGatewayApp(withoutBudgets);
    apps.push(app);
    const unset = await listenOn(app, 0, '127.0.0.1');
    for (const url of [zero, unset]) {
      for (let i = 0; i < 5; i++) {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ __typename }' }),
        });
        expect(response.status).toBe(200);
        expect(response.headers.get('x-ratelimit-limit')).toBeNull();
      }
    }
  });
});

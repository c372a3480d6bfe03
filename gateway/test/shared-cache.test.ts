import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildASTSchema, parse, type OperationDefinitionNode } from 'graphql';
import { Redis } from 'ioredis';
import { demoOrganisationId, TOPICS } from '@ngo-hub/kit';
import { identityHeaders, postGraphQL, TEST_ADMIN_TOKEN } from '@ngo-hub/kit/testing';
import { AUDIT_TOPIC } from '../src/cache-invalidation.js';
import { answerTags, DERIVED, isEntity, VALUE_TYPES } from '../src/cache-tags.js';
import { DEFAULT_SUPERGRAPH_PATH } from '../src/env.js';
import { readSupergraph } from '../src/gateway.js';
import { flushSharedResponseCache, RedisResponseStore } from '../src/response-store.js';
import { startTestGateway, startTestSubgraphs, subscribeGateway, type TestSubgraphs } from './support/hub.js';

// Issue 12: two gateway replicas on one real Redis (127.0.0.1:6379), each run in a namespace of its
// own; the owners' audit entries, pushed by their outboxes to a gateway, keep every replica fresh.
const REDIS_URL = 'redis://127.0.0.1:6379';
const prefix = `ngo-hub-test:${randomUUID()}:`;
const ADMIN = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
const LIW = demoOrganisationId('urzad-gminy-liw');
const BORIS = demoOrganisationId('boris');

let hub: TestSubgraphs;
let a: { app: FastifyInstance; url: string };
let b: { app: FastifyInstance; url: string };
let redis: Redis;

async function post(target: string, query: string, variables: Record<string, unknown> = {}, headers = {}) {
  const response = await fetch(target, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { cache: response.headers.get('x-cache'), json: (await response.json()) as any };
}

const answerKeys = async () => (await redis.keys(`${prefix}r:*`)).length;

beforeAll(async () => {
  hub = await startTestSubgraphs('shared_cache');
  const shared = { redisUrl: REDIS_URL, responseCachePrefix: prefix, responseCacheTtlSeconds: 60 };
  a = await startTestGateway(hub.subgraphs, shared);
  b = await startTestGateway(hub.subgraphs, shared);
  // One replica is the subscriber (behind a Service, any one of them is): it invalidates for all.
  subscribeGateway(hub, b.url);
  redis = new Redis(REDIS_URL);
});

afterAll(async () => {
  await a?.app.close();
  await b?.app.close();
  if (redis) {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  }
  await hub?.close();
});

const PROFILE = 'query($id: ID!) { organisation(id: $id) { id name partnerships { id name } } }';
const NAME_ONLY = 'query($id: ID!) { organisation(id: $id) { name } }';
const DIRECTORY = '{ organisations(first: 3) { totalCount edges { node { id name } } } }';
const EVENTS_OF = 'query($id: ID!) { organisation(id: $id) { id events(first: 50) { totalCount } } }';

describe('two gateway replicas share one cache in Redis', () => {
  it('an answer cached by A is a HIT on B', async () => {
    const first = await post(a.url, PROFILE, { id: LIW });
    expect(first.json.errors).toBeUndefined();
    expect(first.cache).toBe('MISS');
    expect((await post(a.url, PROFILE, { id: LIW })).cache).toBe('HIT');
    const onB = await post(b.url, PROFILE, { id: LIW });
    expect(onB.cache).toBe('HIT');
    expect(onB.json).toEqual(first.json);
  });

  it('a write through B is never served stale by A, and leaves untouched answers cached', async () => {
    await post(a.url, PROFILE, { id: LIW });
    await post(a.url, PROFILE, { id: BORIS });
    await post(a.url, NAME_ONLY, { id: BORIS });
    expect((await post(a.url, PROFILE, { id: LIW })).cache).toBe('HIT');
    const renamed = await post(
      b.url,
      'mutation($id: ID!, $name: String!) { updateOrganisation(id: $id, input: { name: $name }) { id name } }',
      { id: LIW, name: 'Urząd Gminy Liw (B)' },
      ADMIN,
    );
    expect(renamed.json.errors).toBeUndefined();
    const fresh = await post(a.url, PROFILE, { id: LIW });
    expect(fresh.cache).toBe('MISS');
    expect(fresh.json.data.organisation.name).toBe('Urząd Gminy Liw (B)');
    // Another organisation's profile was not built from Liw: still shared and cached, on either replica.
    expect((await post(a.url, PROFILE, { id: BORIS })).cache).toBe('HIT');
    expect((await post(b.url, PROFILE, { id: BORIS })).cache).toBe('HIT');
    // Without its id selected an answer depends on every organisation: it is dropped too.
    expect((await post(b.url, NAME_ONLY, { id: BORIS })).cache).toBe('MISS');
  });

  it('a write made directly at a subgraph (signed identity, no gateway) is never served stale', async () => {
    const before = await post(a.url, DIRECTORY);
    expect((await post(b.url, DIRECTORY)).cache).toBe('HIT');
    const events = await post(a.url, EVENTS_OF, { id: BORIS });
    expect((await post(a.url, EVENTS_OF, { id: BORIS })).cache).toBe('HIT');

    const created = await hub.subgraphs.organisations.query(
      'mutation($i: CreateOrganisationInput!) { createOrganisation(input: $i) { id } }',
      {
        i: {
          name: 'Stowarzyszenie Wspólnej Pamięci',
          sector: 'NGO',
          legalForm: 'STOWARZYSZENIE',
          territory: '2061011',
        },
      },
      { admin: true },
    );
    expect(created.errors).toBeUndefined();
    const after = await post(a.url, DIRECTORY);
    expect(after.cache).toBe('MISS');
    expect(after.json.data.organisations.totalCount).toBe(before.json.data.organisations.totalCount + 1);

    // An event organised by Boris, created at the events subgraph by its editor: Boris's events page is fresh.
    const event = await postGraphQL(
      hub.subgraphs.events.url,
      'mutation($i: CreateEventInput!) { createEvent(input: $i) { id } }',
      { i: { title: 'Spotkanie bezpośrednie', kind: 'MEETING', datePrecision: 'UNKNOWN', organiserIds: [BORIS] } },
      await identityHeaders({ role: 'ORGANISATION_EDITOR', organisationId: BORIS }),
    );
    expect(event.errors).toBeUndefined();
    const eventsAfter = await post(b.url, EVENTS_OF, { id: BORIS });
    expect(eventsAfter.cache).toBe('MISS');
    expect(eventsAfter.json.data.organisation.events.totalCount).toBe(
      events.json.data.organisation.events.totalCount + 1,
    );
  });

  it('never stores an answer given to a credential', async () => {
    const keys = await answerKeys();
    for (const target of [a.url, b.url, a.url]) {
      const answer = await post(target, PROFILE, { id: demoOrganisationId('collegium-civitas') }, ADMIN);
      expect(answer.json.errors).toBeUndefined();
      expect(answer.cache).toBeNull();
    }
    expect(await answerKeys()).toBe(keys);
  });

  it('refuses an answer computed before a change it was built from', async () => {
    const store = new RedisResponseStore(REDIS_URL, prefix, 60_000);
    await store.ready();
    try {
      const { since } = await store.get('overlap');
      await store.invalidate(['Organisation:x', 'list:Organisation']);
      await store.set('overlap', { data: { stale: true } }, ['Organisation:x'], since);
      expect((await store.get('overlap')).result).toBeNull();
      // One built from something else is stored.
      await store.set('overlap', { data: { fresh: true } }, ['Event:y'], since);
      expect((await store.get('overlap')).result).toEqual({ data: { fresh: true } });
    } finally {
      await store.close();
    }
  });

  it('a bulk load flushes the namespace', async () => {
    await post(a.url, PROFILE, { id: LIW });
    expect((await post(b.url, PROFILE, { id: LIW })).cache).toBe('HIT');
    expect(await flushSharedResponseCache(REDIS_URL, prefix)).toBeGreaterThan(0);
    expect(await answerKeys()).toBe(0);
    expect((await post(b.url, PROFILE, { id: LIW })).cache).toBe('MISS');
  });

  it('TTL still bounds every answer', async () => {
    const short = await startTestGateway(hub.subgraphs, {
      redisUrl: REDIS_URL,
      responseCachePrefix: `${prefix}short:`,
      responseCacheTtlSeconds: 1,
    });
    try {
      expect((await post(short.url, PROFILE, { id: LIW })).cache).toBe('MISS');
      expect((await post(short.url, PROFILE, { id: LIW })).cache).toBe('HIT');
      const [key] = await redis.keys(`${prefix}short:r:*`);
      expect(await redis.pttl(key!)).toBeLessThanOrEqual(1000);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await post(short.url, PROFILE, { id: LIW })).cache).toBe('MISS');
    } finally {
      await short.app.close();
    }
  });

  it('answers uncached, without waiting, when Redis cannot be reached', async () => {
    const down = await startTestGateway(hub.subgraphs, {
      redisUrl: 'redis://127.0.0.1:1',
      responseCacheTtlSeconds: 60,
    });
    try {
      const started = Date.now();
      for (let i = 0; i < 2; i++) {
        const answer = await post(down.url, PROFILE, { id: LIW });
        expect(answer.json.data.organisation.id).toBe(LIW);
        expect(answer.cache).toBe('MISS');
      }
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await down.app.close();
    }
  });
});

describe('what an answer is tagged with', () => {
  const schema = buildASTSchema(parse(readSupergraph(DEFAULT_SUPERGRAPH_PATH)), { assumeValidSDL: true });
  const tags = (source: string, data: Record<string, unknown>, variables?: Record<string, unknown>) => {
    const document = parse(source);
    const operation = document.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode;
    const fragments = Object.fromEntries(
      document.definitions.flatMap((d) => (d.kind === 'FragmentDefinition' ? [[d.name.value, d]] : [])),
    );
    return answerTags(schema, operation, fragments, variables, data);
  };

  it('names each entity, each list by its item type, and what derived values come from', () => {
    expect(
      tags('query($id: ID!) { organisation(id: $id) { id name partnerships { id } cooperatesWith { totalCount } } }', {
        organisation: { id: 'o1', name: 'X', partnerships: [{ id: 'p1' }], cooperatesWith: { totalCount: 2 } },
      }),
    ).toEqual(
      [
        'Organisation:o1',
        'Partnership:p1',
        'list:Partnership',
        'list:Membership',
        'list:Organisation',
        'list:Event',
        'list:Grant',
      ].sort(),
    );
    // Fragments count; an event's own organisers are the event's state, not a list of every organisation.
    expect(
      tags('{ events(first: 1) { edges { node { ...E } } } } fragment E on Event { id organisers { id } }', {
        events: { edges: [{ node: { id: 'e1', organisers: [{ id: 'o1' }] } }] },
      }),
    ).toEqual(['Event:e1', 'Organisation:o1', 'list:Event']);
  });

  it('tags a lookup that found nothing with what it looked for', () => {
    expect(tags('query($id: ID!) { event(id: $id) { id } }', { event: null }, { id: 'e9' })).toEqual(['Event:e9']);
  });

  it('knows every object type of the API: an entity, a value of its parent, a page, or derived', () => {
    const unclassified = Object.values(schema.getTypeMap()).filter(
      (type) =>
        'getFields' in type &&
        !type.name.startsWith('__') &&
        !['Query', 'Mutation'].includes(type.name) &&
        !type.name.startsWith('join__') &&
        !type.name.startsWith('link__') &&
        !isEntity(type) &&
        !VALUE_TYPES.has(type.name) &&
        !(type.name in DERIVED) &&
        !/(Connection|Edge)$/.test(type.name) &&
        type.constructor.name === 'GraphQLObjectType',
    );
    expect(unclassified.map((t) => t.name)).toEqual([]);
  });

  it('listens to the registry topic of audit entries', () => {
    expect(AUDIT_TOPIC).toBe(TOPICS.auditEntry.name);
  });
});

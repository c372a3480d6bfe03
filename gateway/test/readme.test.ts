import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { parse } from 'graphql';
import pg from 'pg';
import { warsawToday } from '@ngo-hub/kit';
import { addDays, syntheticDemo } from '@ngo-hub/kit/synthetic';
import { postGraphQL, startTestSubgraph, TEST_ADMIN_TOKEN } from '@ngo-hub/kit/testing';
import { eventsSubgraph } from '@ngo-hub/events';
import { fundingSubgraph } from '@ngo-hub/funding';
import { organisationsSubgraph } from '@ngo-hub/organisations';
import { partnershipsSubgraph } from '@ngo-hub/partnerships';
import { EXPLORER_EXAMPLES } from '../src/explorer/examples.js';
import { startTestGateway, startTestSubgraphs, type TestSubgraphs } from './support/hub.js';

// The default demo of `npm start` (DEMO_DATA=full: seed facts plus the synthetic layer) behind the
// gateway, on real PostgreSQL: every example of the README's "Try it" section must answer something.

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The "Try it" section: its ```graphql blocks, its "More to try" items (`- \`…\``) and its feed paths. */
function tryIt(): { queries: string[]; feeds: string[] } {
  const section = README.slice(README.indexOf('## Try it'), README.indexOf('\n## ', README.indexOf('## Try it') + 1));
  const blocks = [...section.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const items = [...section.matchAll(/^- `([^`]+)`/gm)].map((m) => `{ ${m[1]} }`);
  const feeds = [...new Set([...section.matchAll(/`(\/feeds\/[^`]+)`/g)].map((m) => m[1]!))];
  return { queries: [...blocks, ...items], feeds };
}

/** Paths to every list in an answer that is empty: top-level lists and connections, and those of a top-level object. */
function emptyLists(data: Record<string, unknown>): string[] {
  const empty: string[] = [];
  const check = (path: string, value: unknown) => {
    if (Array.isArray(value)) {
      if (value.length === 0) empty.push(path);
    } else if (value && typeof value === 'object' && 'edges' in value) {
      if ((value as { edges: unknown[] }).edges.length === 0) empty.push(path);
    }
  };
  for (const [field, value] of Object.entries(data)) {
    if (value === null) empty.push(field);
    check(field, value);
    if (value && typeof value === 'object' && !Array.isArray(value) && !('edges' in value)) {
      for (const [inner, innerValue] of Object.entries(value)) check(`${field}.${inner}`, innerValue);
    }
  }
  return empty;
}

/** A document without its operation name and layout: what makes two examples the same. */
const shape = (document: string) =>
  document
    .replace(/^\s*query\s+\w+\s*/, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{}():,])\s*/g, '$1')
    .trim();

describe('the explorer', () => {
  it('opens with exactly the README examples, in order', () => {
    expect(EXPLORER_EXAMPLES.map((e) => shape(e.query))).toEqual(tryIt().queries.map(shape));
  });
});

let hub: TestSubgraphs;
let gateway: FastifyInstance;
let url: string;
let base: string;
let client: pg.Client;

beforeAll(async () => {
  hub = await startTestSubgraphs('readme', { demoData: 'full' });
  ({ app: gateway, url } = await startTestGateway(hub.subgraphs));
  base = url.replace(/\/graphql$/, '');
  client = new pg.Client({ connectionString: hub.db.url });
  await client.connect();
}, 180_000);

afterAll(async () => {
  await client?.end();
  await gateway?.close();
  await hub?.close();
});

const ask = (query: string) => postGraphQL(url, query);

describe('the README examples on the default demo', () => {
  const { queries, feeds } = tryIt();

  it('finds the examples (the code blocks and every item of "More to try")', () => {
    expect(queries.length).toBeGreaterThanOrEqual(10);
    for (const q of queries) expect(() => parse(q)).not.toThrow();
    expect(feeds).toEqual(
      expect.arrayContaining(['/feeds/grants.json', '/feeds/events.ics?territory=2061011&upcoming=true']),
    );
  });

  it.each(queries.map((q) => [q.replace(/\s+/g, ' ').slice(0, 90), q]))('answers %s', async (_, query) => {
    const result = await ask(query);
    expect(result.errors).toBeUndefined();
    expect(emptyLists(result.data)).toEqual([]);
  });

  it.each(feeds.map((f) => [f]))('serves a feed with entries: %s', async (path) => {
    const response = await fetch(`${base}${path}`);
    expect(response.status).toBe(200);
    const body = await response.text();
    if (path.includes('.ics')) expect(body).toContain('BEGIN:VEVENT');
    else if (path.includes('.atom')) expect(body).toContain('<entry>');
    else if (path.includes('.json')) expect(JSON.parse(body).grants.length).toBeGreaterThan(0);
    else expect(body.trim().split('\n').length).toBeGreaterThan(1);
  });
});

describe('the synthetic layer', () => {
  const plan = syntheticDemo();
  const today = warsawToday();

  it('marks its records SYNTHETIC, the seed facts SEED_DOCUMENT and API writes CONTRIBUTED', async () => {
    const result = await ask(`{
      s: organisations(filter: { search: "Inicjatywy" }, first: 1) { edges { node { name source } } }
      e: events(filter: { territory: "2061011", upcoming: true }, first: 100) { edges { node { source } } }
      c: calls(filter: { open: true }, first: 100) { edges { node { source funder { name } } } }
      g: grants(first: 100) { edges { node { source } } }
      p: partnerships(first: 100) { edges { node { source } } }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.s.edges[0].node).toEqual({ name: 'Klub Myśli Społecznej Inicjatywy', source: 'SEED_DOCUMENT' });
    const sources = (list: any) => new Set(list.edges.map((e: any) => e.node.source));
    expect(sources(result.data.e)).toEqual(new Set(['SYNTHETIC']));
    expect(new Set(result.data.c.edges.map((e: any) => e.node.funder.name))).toEqual(
      new Set(['Miasto Białystok', 'Województwo Mazowieckie']),
    );
    expect(sources(result.data.g)).toEqual(new Set(['SYNTHETIC', 'SEED_DOCUMENT']));
    expect(sources(result.data.p)).toEqual(new Set(['SYNTHETIC', 'SEED_DOCUMENT']));

    const created = await postGraphQL(
      url,
      'mutation { createOrganisation(input: { name: "Stowarzyszenie Testowe", sector: NGO, legalForm: STOWARZYSZENIE }) { source } }',
      undefined,
      { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data.createOrganisation.source).toBe('CONTRIBUTED');
  });

  it('seats organisations in every powiat of Mazowieckie and Podlaskie', async () => {
    const { rows } = await client.query(
      `select left(territory_code, 2) as v, count(distinct left(territory_code, 4))::int as powiats
       from organisations.organisation where source = 'SYNTHETIC' group by 1 order by 1`,
    );
    expect(rows).toEqual([
      { v: '14', powiats: 42 },
      { v: '20', powiats: 17 },
    ]);
  });

  it('starts a second time without failing or duplicating, and moves its dates to the new day', async () => {
    const counts = async () =>
      (
        await client.query(`select
          (select count(*) from organisations.organisation)::int as organisations,
          (select count(*) from partnerships.partnership)::int as partnerships,
          (select count(*) from partnerships.membership)::int as memberships,
          (select count(*) from events.event)::int as events,
          (select count(*) from funding.call)::int as calls,
          (select count(*) from funding.grant_award)::int as grants`)
      ).rows[0];
    const before = await counts();
    expect(before.organisations).toBeGreaterThanOrEqual(plan.organisations.length);
    // As if the last start had been a month ago: the restart must bring the calendar back to today.
    const event = plan.events.find((e) => e.startsIn > 0)!;
    const call = plan.calls.find((c) => c.opensIn < 0 && c.closesIn > 0)!;
    await client.query(`update events.event set starts_at = starts_at - interval '30 days' where id = $1`, [event.id]);
    await client.query(`update funding.call set opens_on = opens_on - 30, closes_on = closes_on - 30 where id = $1`, [
      call.id,
    ]);
    for (const definition of [organisationsSubgraph, partnershipsSubgraph, eventsSubgraph, fundingSubgraph]) {
      const again = await startTestSubgraph(definition, hub.db.url, { demoData: 'full' });
      await again.close();
    }
    expect(await counts()).toEqual(before);
    const { rows } = await client.query(
      `select (select (starts_at at time zone 'Europe/Warsaw')::date::text from events.event where id = $1) as starts,
              (select opens_on::text from funding.call where id = $2) as opens`,
      [event.id, call.id],
    );
    expect(rows[0]).toEqual({ starts: addDays(today, event.startsIn), opens: addDays(today, call.opensIn) });
  });
});

import pg from 'pg';
import { recordOutbox, TOPICS, topicsSubscribedBy, type SubgraphDefinition } from '@ngo-hub/kit';
import {
  connectSubgraphs,
  createTestDatabase,
  startTestSubgraph,
  type TestDatabase,
  type TestSubgraph,
} from '@ngo-hub/kit/testing';
import { accessSubgraph } from '@ngo-hub/access';
import { notificationsSubgraph } from '@ngo-hub/notifications';
import { eventsSubgraph } from '@ngo-hub/events';
import { fundingSubgraph } from '@ngo-hub/funding';
import { organisationsSubgraph } from '@ngo-hub/organisations';
import { partnershipsSubgraph } from '@ngo-hub/partnerships';

// The topic registry (kit's topics.ts) against the running hub: what each subgraph publishes, and
// what it takes from the others, is exactly what the registry says.
const DEFINITIONS: SubgraphDefinition<any>[] = [
  organisationsSubgraph,
  partnershipsSubgraph,
  eventsSubgraph,
  fundingSubgraph,
  accessSubgraph,
  notificationsSubgraph,
];
const topics = Object.values(TOPICS);
/** Topics any subgraph publishes (`*`: audit entries), recorded only when something is written. */
const everyones = new Set(topics.filter((t) => t.publisher === '*').map((t) => t.name));
const sorted = (values: Iterable<string>) => [...values].sort();

let db: TestDatabase;
let sql: pg.Client;
const subgraphs: Record<string, TestSubgraph> = {};

beforeAll(async () => {
  db = await createTestDatabase('topics');
  for (const definition of DEFINITIONS) subgraphs[definition.name] = await startTestSubgraph(definition, db.url);
  await connectSubgraphs(subgraphs);
  sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
});

afterAll(async () => {
  await sql?.end();
  await Promise.all(Object.values(subgraphs).map((s) => s.close()));
  await db?.drop();
});

describe('the topic registry', () => {
  it('names each topic once, with subgraphs as publisher and subscribers, never a publisher subscribing to itself', () => {
    const names = new Set(DEFINITIONS.map((d) => d.name));
    expect(new Set(topics.map((t) => t.name)).size).toBe(topics.length);
    for (const topic of topics) {
      expect(topic.publisher === '*' || names.has(topic.publisher)).toBe(true);
      expect(Object.keys(topic.subscribers).filter((s) => !names.has(s) || s === topic.publisher)).toEqual([]);
    }
  });

  it('gives every subgraph a handler for exactly the topics it subscribes to', () => {
    for (const definition of DEFINITIONS) {
      expect({
        subgraph: definition.name,
        handles: sorted(Object.keys(definition.integration?.handlers ?? {})),
      }).toEqual({ subgraph: definition.name, handles: sorted(topicsSubscribedBy(definition.name)) });
    }
  });

  it('matches what the demo hub publishes and what each subscriber has taken in', async () => {
    for (const { name } of DEFINITIONS) {
      const published = await sql.query<{ topic: string }>(
        `select distinct topic from ${name}.outbox where topic <> all($1)`,
        [[...everyones]],
      );
      expect({ name, published: sorted(published.rows.map((r) => r.topic)) }).toEqual({
        name,
        published: sorted(topics.filter((t) => t.publisher === name).map((t) => t.name)),
      });
      const received = await sql.query<{ from: string }>(
        `select distinct publisher || ' ' || topic as from from ${name}.inbox where topic <> all($1)`,
        [[...everyones]],
      );
      expect({ name, received: sorted(received.rows.map((r) => r.from)) }).toEqual({
        name,
        received: sorted(
          topics.filter((t) => name in t.subscribers && !everyones.has(t.name)).map((t) => `${t.publisher} ${t.name}`),
        ),
      });
    }
  });

  it('refuses a publisher recording a topic another subgraph owns, writing nothing (the types refuse it too)', async () => {
    const key = crypto.randomUUID();
    const attempt = subgraphs
      .funding!.orm.em.fork()
      .transactional((em) => recordOutbox(em, 'funding' as 'events', TOPICS.eventOrganisers, key, null));
    await expect(attempt).rejects.toThrow(`funding cannot publish ${TOPICS.eventOrganisers.name}, which events owns`);
    const written = await sql.query(
      'select 1 from funding.outbox where key = $1 union all select 1 from events.outbox where key = $1',
      [key],
    );
    expect(written.rowCount).toBe(0);
  });
});

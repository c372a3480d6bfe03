import { createGatewayApp, DEFAULT_SUPERGRAPH_PATH, listenOn, readSupergraph } from '@ngo-hub/gateway';
import { eventsSubgraph } from '@ngo-hub/events';
import { fundingSubgraph } from '@ngo-hub/funding';
import {
  connectSubgraphs,
  createTestDatabase,
  startTestSubgraph,
  TEST_ADMIN_TOKEN,
  TEST_INTERNAL_TOKEN,
  type TestSubgraph,
} from '@ngo-hub/kit/testing';
import { organisationsSubgraph } from '@ngo-hub/organisations';
import { partnershipsSubgraph } from '@ngo-hub/partnerships';
import { pino } from 'pino';

/** The hub a portal's page talks to: the subgraphs the widgets read, with demo data, behind the real gateway. */
export interface TestHub {
  /** The gateway's base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  /** Its GraphQL endpoint (`<url>/graphql`), which takes TEST_ADMIN_TOKEN for writes. */
  graphql: string;
  /** Pushes the subgraphs' pending integration events to each other, so read models are current. */
  settle: () => Promise<void>;
  close: () => Promise<void>;
}

export async function startTestHub(name: string): Promise<TestHub> {
  const db = await createTestDatabase(name);
  // One at a time: the first start creates the database-wide extensions.
  const subgraphs: Record<string, TestSubgraph> = {
    organisations: await startTestSubgraph(organisationsSubgraph, db.url),
    partnerships: await startTestSubgraph(partnershipsSubgraph, db.url),
    events: await startTestSubgraph(eventsSubgraph, db.url),
    funding: await startTestSubgraph(fundingSubgraph, db.url),
  };
  await connectSubgraphs(subgraphs);
  const app = await createGatewayApp({
    supergraphSdl: readSupergraph(DEFAULT_SUPERGRAPH_PATH),
    subgraphUrls: Object.fromEntries(Object.entries(subgraphs).map(([n, s]) => [n, s.url])),
    logger: pino({ level: 'silent' }),
    internalToken: TEST_INTERNAL_TOKEN,
    adminToken: TEST_ADMIN_TOKEN,
  });
  const graphqlUrl = await listenOn(app, 0, '127.0.0.1');
  return {
    url: new URL(graphqlUrl).origin,
    graphql: graphqlUrl,
    settle: async () => {
      for (let round = 0; round < 2; round++)
        await Promise.all(Object.values(subgraphs).map((s) => s.delivery?.flush()));
    },
    close: async () => {
      await app.close();
      await Promise.all(Object.values(subgraphs).map((s) => s.close()));
      await db.drop();
    },
  };
}

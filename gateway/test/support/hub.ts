import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import {
  connectSubgraphs,
  createTestDatabase,
  startTestSubgraph,
  TEST_ADMIN_TOKEN,
  TEST_INTERNAL_TOKEN,
  type TestDatabase,
  type TestSubgraph,
} from '@ngo-hub/kit/testing';
import type { DemoData } from '@ngo-hub/kit';
import { accessSubgraph } from '@ngo-hub/access';
import { createNotificationsSubgraph, type NotificationSettings } from '@ngo-hub/notifications';
import { eventsSubgraph } from '@ngo-hub/events';
import { fundingSubgraph } from '@ngo-hub/funding';
import { organisationsSubgraph } from '@ngo-hub/organisations';
import { partnershipsSubgraph } from '@ngo-hub/partnerships';
import { DEFAULT_SUPERGRAPH_PATH, type SubgraphName } from '../../src/env.js';
import { createGatewayApp, readSupergraph, type GatewayOptions } from '../../src/gateway.js';
import { listenOn } from '../../src/listen.js';

/** The hub's subgraphs on one fresh test database, with demo data. */
export interface TestSubgraphs {
  db: TestDatabase;
  subgraphs: Record<SubgraphName, TestSubgraph>;
  close: () => Promise<void>;
}

/**
 * Starts the four subgraphs on a fresh database named after the test file, with the seed documents'
 * facts (`demoData: 'full'` adds the synthetic layer, as `npm start` does); with `connect` (the
 * default) they push integration events to each other as under `npm start`.
 */
export async function startTestSubgraphs(
  name: string,
  options: { connect?: boolean; notifications?: Partial<NotificationSettings>; demoData?: DemoData } = {},
): Promise<TestSubgraphs> {
  const db = await createTestDatabase(name);
  const demo = { demoData: options.demoData ?? 'seed' };
  // One at a time: the first start creates the database-wide extensions.
  const subgraphs = {
    organisations: await startTestSubgraph(organisationsSubgraph, db.url, demo),
    partnerships: await startTestSubgraph(partnershipsSubgraph, db.url, demo),
    events: await startTestSubgraph(eventsSubgraph, db.url, demo),
    funding: await startTestSubgraph(fundingSubgraph, db.url, demo),
    access: await startTestSubgraph(accessSubgraph, db.url, demo),
    notifications: await startTestSubgraph(
      createNotificationsSubgraph({
        mailDir: `.data/test-mail-${name}`,
        mailFrom: 'ngo-hub <test@localhost>',
        publicUrl: 'http://localhost:4000',
        // Tests' webhook receivers listen on loopback.
        allowPrivateWebhooks: true,
        webhookTimeoutMs: 2000,
        ...options.notifications,
      }),
      db.url,
      demo,
    ),
  } as Record<SubgraphName, TestSubgraph>;
  if (options.connect ?? true) await connectSubgraphs(subgraphs);
  return {
    db,
    subgraphs,
    close: async () => {
      await Promise.all(Object.values(subgraphs).map((s) => s.close()));
      await db.drop();
    },
  };
}

/**
 * Pushes every subgraph's pending integration events to the others, twice (a read model's change can
 * itself publish), as the servers do after their mutations: read models are current when it returns.
 */
export async function settle(hub: Pick<TestSubgraphs, 'subgraphs'>): Promise<void> {
  for (let round = 0; round < 2; round++)
    await Promise.all(Object.values(hub.subgraphs).map((s) => s.delivery?.flush()));
}

/** A gateway in front of `subgraphs` on a free port, with the internal token the test subgraphs expect and TEST_ADMIN_TOKEN. */
export async function startTestGateway(
  subgraphs: Partial<Record<SubgraphName, TestSubgraph>>,
  options: Partial<GatewayOptions> = {},
): Promise<{ app: FastifyInstance; url: string }> {
  const app = await createGatewayApp({
    supergraphSdl: readSupergraph(DEFAULT_SUPERGRAPH_PATH),
    subgraphUrls: Object.fromEntries(Object.entries(subgraphs).map(([name, s]) => [name, s!.url])),
    logger: pino({ level: 'silent' }),
    internalToken: TEST_INTERNAL_TOKEN,
    adminToken: TEST_ADMIN_TOKEN,
    ...options,
  });
  return { app, url: await listenOn(app, 0, '127.0.0.1') };
}

/**
 * Adds a gateway to every subgraph's subscribers, as an operator does with REDIS_URL: the owners'
 * outboxes then push it their audit entries, which invalidate the shared response cache.
 */
export function subscribeGateway(hub: TestSubgraphs, gatewayUrl: string): void {
  const all = Object.values(hub.subgraphs);
  const base = gatewayUrl.replace(/\/graphql$/, '');
  for (const s of all) s.delivery?.setSubscribers([...all.filter((o) => o !== s).map((o) => o.url), base]);
}

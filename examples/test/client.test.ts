import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { generate } from '@graphql-codegen/cli';
import {
  connectSubgraphs,
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
import { accessSubgraph } from '@ngo-hub/access';
import { createGatewayApp, listenOn } from '@ngo-hub/gateway';
import config from '../codegen.js';
import { createHubClient, DirectorySearch, HubRequestError, OpenCalls, UpcomingEvents } from '../src/index.js';
import type { OpenCallsQuery, UpcomingEventsQuery } from '../src/index.js';
import { graphql } from '../src/gql/index.js';

// The typed client against a running hub: the subgraphs it reads on one fresh database with the demo
// data, behind the gateway serving the committed supergraph, as a partner developer meets them.

// Written here as a partner's back office would (typed too, from this file: codegen reads test/).
const CreateEvent = graphql(`
  mutation CreateEvent($input: CreateEventInput!) {
    createEvent(input: $input) { id startsAt }
  }
`);
const CreateCall = graphql(`
  mutation CreateCall($input: CreateCallInput!) {
    createCall(input: $input) { id closesOn budget { amount currency } }
  }
`);
const Funders = graphql(`
  query Funders { funders { id name } }
`);

// Compile-time checks (tsc builds this file): custom scalars come as strings, nullability kept.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Call = OpenCallsQuery['calls']['edges'][number]['node'];
type Event = UpcomingEventsQuery['events']['edges'][number]['node'];
const scalarsAreStrings: [
  Equal<NonNullable<Call['budget']>['amount'], string>,
  Equal<Call['closesOn'], string | null>,
  Equal<Call['opensOn'], string>,
  Equal<Event['startsAt'], string | null>,
] = [true, true, true, true];

let db: TestDatabase;
let subgraphs: Record<string, TestSubgraph>;
let gateway: FastifyInstance;
let endpoint: string;

beforeAll(async () => {
  db = await createTestDatabase('examples_client');
  subgraphs = {
    organisations: await startTestSubgraph(organisationsSubgraph, db.url),
    partnerships: await startTestSubgraph(partnershipsSubgraph, db.url),
    events: await startTestSubgraph(eventsSubgraph, db.url),
    funding: await startTestSubgraph(fundingSubgraph, db.url),
    // Verifies API keys: an unknown one is refused.
    access: await startTestSubgraph(accessSubgraph, db.url),
  };
  await connectSubgraphs(subgraphs);
  gateway = await createGatewayApp({
    supergraphSdl: readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8'),
    subgraphUrls: Object.fromEntries(Object.entries(subgraphs).map(([name, s]) => [name, s.url])),
    logger: pino({ level: 'silent' }),
    internalToken: TEST_INTERNAL_TOKEN,
    adminToken: TEST_ADMIN_TOKEN,
  });
  endpoint = await listenOn(gateway, 0, '127.0.0.1');
});

afterAll(async () => {
  await gateway?.close();
  await Promise.all(Object.values(subgraphs ?? {}).map((s) => s.close()));
  await db?.drop();
});

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('the typed client', () => {
  it('searches the directory, typos and missing diacritics forgiven, and pages', async () => {
    const hub = createHubClient({ endpoint });
    const first = await hub(DirectorySearch, { search: 'inicjatywy spoleczna', first: 1 });
    expect(first.organisations.totalCount).toBeGreaterThanOrEqual(1);
    const found = first.organisations.edges[0]!.node;
    expect(found.name).toMatch(/Inicjatywy/);
    expect(found.sector).toBe('NGO');

    const everyone = await hub(DirectorySearch, { first: 2 });
    expect(everyone.organisations.pageInfo.hasNextPage).toBe(true);
    const next = await hub(DirectorySearch, { first: 2, after: everyone.organisations.pageInfo.endCursor });
    const ids = (page: typeof everyone) => page.organisations.edges.map((e) => e.node.id);
    expect(ids(next)).toHaveLength(2);
    expect(ids(next)).not.toEqual(expect.arrayContaining(ids(everyone)));
  });

  it("finds an event written with a key among a territory's upcoming events, dates as ISO strings", async () => {
    const admin = createHubClient({ endpoint, token: TEST_ADMIN_TOKEN });
    const hub = createHubClient({ endpoint });
    const organiser = (await hub(DirectorySearch, { search: 'Inicjatywy', first: 1 })).organisations.edges[0]!.node;
    const startsAt = `${day(3)}T18:00:00+01:00`;
    const { createEvent } = await admin(CreateEvent, {
      input: {
        title: 'Spotkanie otwarte organizacji',
        kind: 'MEETING',
        datePrecision: 'TIME',
        startsAt,
        organiserIds: [organiser.id],
        venue: { name: 'Centrum Aktywności Społecznej', locality: 'Białystok', territory: '2061011' },
      },
    });

    const { events } = await hub(UpcomingEvents, { territory: '2061' });
    const event = events.edges.find((e) => e.node.id === createEvent.id)?.node;
    expect(event).toMatchObject({
      title: 'Spotkanie otwarte organizacji',
      kind: 'MEETING',
      status: expect.any(String),
    });
    expect(event!.startsAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d$/);
    expect(Date.parse(event!.startsAt!)).toBe(Date.parse(startsAt));
    expect(event!.venue?.territory?.code).toBe('2061011');
    expect(event!.organisers.map((o) => o.name)).toEqual([organiser.name]);
    // Nothing already past is upcoming.
    for (const { node } of events.edges)
      if (node.endsAt ?? node.startsAt)
        expect(Date.parse((node.endsAt ?? node.startsAt)!)).toBeGreaterThan(Date.now() - 86_400_000);
  });

  it('lists open calls with exact amounts (Decimal as a string) and local dates', async () => {
    const admin = createHubClient({ endpoint, token: TEST_ADMIN_TOKEN });
    const hub = createHubClient({ endpoint });
    const funder = (await hub(Funders)).funders[0]!;
    const { createCall } = await admin(CreateCall, {
      input: {
        title: 'Otwarty konkurs ofert: aktywność obywatelska',
        funderId: funder.id,
        opensOn: day(-1),
        closesOn: day(30),
        budget: { amount: '150000.10', currency: 'PLN' },
        territory: '2061011',
        eligibleTerritories: ['2061011'],
      },
    });

    const { calls } = await hub(OpenCalls, { territory: '20' });
    const call = calls.edges.find((e) => e.node.id === createCall.id)?.node;
    expect(call).toMatchObject({
      isOpen: true,
      opensOn: day(-1),
      closesOn: day(30),
      budget: { amount: '150000.10', currency: 'PLN' },
      funder: { name: funder.name },
    });
    expect(calls.edges.every((e) => e.node.isOpen)).toBe(true);
  });

  it('throws the hub errors with their codes, and refuses writes without a key', async () => {
    const hub = createHubClient({ endpoint });
    const error = await hub(CreateCall, { input: { title: 'Bez klucza', opensOn: day(0) } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubRequestError);
    expect((error as HubRequestError).errors[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const wrong = createHubClient({ endpoint, token: 'not-a-key' });
    expect(await wrong(Funders).catch((e: HubRequestError) => e.status)).toBe(401);
  });

  // Run from examples/ (npm test), as `npm run codegen` is.
  it('is generated from the committed schema: src/gql is what `npm run codegen` writes', async () => {
    expect(scalarsAreStrings).toEqual([true, true, true, true]);
    const outputs = await generate(config, false);
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs)
      expect({ file: output.filename, stale: readFileSync(output.filename, 'utf8') !== output.content }).toEqual({
        file: output.filename,
        stale: false,
      });
  });
});

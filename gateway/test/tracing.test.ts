import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import {
  createTestDatabase,
  InMemorySpanExporter,
  postGraphQL,
  type ReadableSpan,
  startTestSubgraph,
  type TestDatabase,
  type TestSubgraph,
} from '@ngo-hub/kit/testing';
import { shutdownTracing, startTracing, traceLogFields } from '@ngo-hub/kit/tracing';
import { eventsSubgraph } from '@ngo-hub/events';
import { organisationsSubgraph } from '@ngo-hub/organisations';
import { startTestGateway } from './support/hub.js';

// One query through a real gateway to two real subgraphs on PostgreSQL, traced into memory: the
// spans must form one trace, linked gateway → subgraph fetch → subgraph → SQL statement.
const exporter = new InMemorySpanExporter();
const logLines: Record<string, unknown>[] = [];
let db: TestDatabase;
let organisations: TestSubgraph;
let events: TestSubgraph;
let gateway: FastifyInstance;
let url: string;
let organisationIds: string[];

beforeAll(async () => {
  await startTracing({ serviceName: 'ngo-hub-test', exporter });
  db = await createTestDatabase('tracing');
  organisations = await startTestSubgraph(organisationsSubgraph, db.url);
  events = await startTestSubgraph(eventsSubgraph, db.url);
  const logger = pino(
    { level: 'debug', mixin: traceLogFields },
    { write: (line: string) => void logLines.push(JSON.parse(line)) },
  );
  ({ app: gateway, url } = await startTestGateway({ organisations, events }, { logger }));
  const listed = await organisations.query('{ organisations(first: 50) { edges { node { id } } } }');
  organisationIds = listed.data.organisations.edges.map((e: any) => e.node.id);
});

afterAll(async () => {
  await gateway?.close();
  await organisations?.close();
  await events?.close();
  await db?.drop();
  await shutdownTracing();
});

beforeEach(() => {
  exporter.reset();
  logLines.length = 0;
});

const SEARCH = 'Inicjatywy';
const QUERY = `query OrganisationsWithEvents($search: String) {
  organisations(filter: { search: $search }, first: 3) {
    edges { node { name events(first: 5) { edges { node { title } } } } }
  }
}`;

const id = (span: ReadableSpan) => span.spanContext().spanId;
const parentOf = (span: ReadableSpan, spans: ReadableSpan[]) =>
  spans.find((s) => id(s) === span.parentSpanContext?.spanId);
// SpanKind: 1 server, 2 client.
const SERVER = 1;
const CLIENT = 2;

describe('a traced query', () => {
  it('is one trace: gateway request → subgraph fetches → subgraph requests → SQL statements named by their tags', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY, variables: { search: SEARCH } }),
    });
    const body = await response.json();
    expect(body.errors).toBeUndefined();
    const found = body.data.organisations.edges.map((e: any) => e.node);
    expect(found.some((o: any) => o.events.edges.length > 0)).toBe(true);
    const statements = Number(response.headers.get('x-sql-statements'));
    expect(statements).toBeGreaterThan(1);

    const spans = exporter.getFinishedSpans();
    expect(new Set(spans.map((s) => s.spanContext().traceId)).size).toBe(1);

    const roots = spans.filter((s) => !s.parentSpanContext);
    expect(roots).toHaveLength(1);
    const [root] = roots;
    expect(root!.kind).toBe(SERVER);
    expect(root!.name).toBe('query OrganisationsWithEvents');
    expect(root!.attributes).toMatchObject({
      'graphql.operation.name': 'OrganisationsWithEvents',
      'graphql.operation.type': 'query',
      'http.response.status_code': 200,
    });

    const fetches = spans.filter((s) => s.kind === CLIENT && s.attributes['peer.service']);
    expect(new Set(fetches.map((s) => s.attributes['peer.service']))).toEqual(new Set(['organisations', 'events']));
    for (const f of fetches) expect(parentOf(f, spans)).toBe(root);

    // Each subgraph request continues the trace from a fetch's `traceparent`.
    const subgraphRequests = spans.filter((s) => s.kind === SERVER && s !== root);
    expect(subgraphRequests).toHaveLength(fetches.length);
    for (const request of subgraphRequests) {
      expect(request.parentSpanContext?.isRemote).toBe(true);
      expect(fetches).toContain(parentOf(request, spans));
      expect(request.name).toMatch(/^query OrganisationsWithEvents__(organisations|events)__\d+$/);
    }

    // Every statement the subgraphs counted has a span under its subgraph request, named by its tag.
    const sql = spans.filter((s) => s.attributes['db.system.name'] === 'postgresql');
    expect(sql).toHaveLength(statements);
    for (const statement of sql) {
      expect(subgraphRequests).toContain(parentOf(statement, spans));
      expect(statement.name).toMatch(/^[a-zA-Z_]+\.[a-zA-Z_.]+$/);
    }
    const perRequest = subgraphRequests.map((r) => r.attributes['hub.sql_statements']);
    expect(perRequest.reduce((a, b) => Number(a) + Number(b), 0)).toBe(statements);

    // No literal value reaches a span: neither the search text nor an organisation's id.
    const everything = JSON.stringify(spans.map((s) => ({ name: s.name, attributes: s.attributes, events: s.events })));
    expect(everything).not.toContain(SEARCH);
    expect(organisationIds.length).toBeGreaterThan(0);
    for (const orgId of organisationIds) expect(everything).not.toContain(orgId);
  });

  it('writes the trace id into the log lines of the request', async () => {
    await postGraphQL(url, QUERY, { search: SEARCH });
    const [root] = exporter.getFinishedSpans().filter((s) => !s.parentSpanContext);
    const line = logLines.find((l) => l.msg === 'graphql request');
    expect(line).toMatchObject({ trace_id: root!.spanContext().traceId, span_id: root!.spanContext().spanId });
  });

  it('continues a trace the caller started (W3C traceparent)', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const callerSpan = '00f067aa0ba902b7';
    await postGraphQL(url, QUERY, { search: SEARCH }, { traceparent: `00-${traceId}-${callerSpan}-01` });
    const spans = exporter.getFinishedSpans();
    expect(new Set(spans.map((s) => s.spanContext().traceId))).toEqual(new Set([traceId]));
    const [gatewayRequest] = spans.filter((s) => s.parentSpanContext?.spanId === callerSpan);
    expect(gatewayRequest?.name).toBe('query OrganisationsWithEvents');
  });
});

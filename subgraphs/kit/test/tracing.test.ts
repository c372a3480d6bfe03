import { Writable } from 'node:stream';
import { pino } from 'pino';
import {
  createLogger,
  type MikroORM,
  openDatabase,
  shutdownTracing,
  startTracing,
  traceLogFields,
  tracingEnabled,
  withClientSpan,
  withServerSpan,
} from '../src/index.js';
import { createTestDatabase, InMemorySpanExporter, type TestDatabase } from '../src/testing/index.js';

// Statements run through the ORM connection the subgraphs use, on a real PostgreSQL.
let db: TestDatabase;
let orm: MikroORM;
const exporter = new InMemorySpanExporter();

beforeAll(async () => {
  db = await createTestDatabase('tracing');
  orm = await openDatabase({ schema: 'trace_probe', entities: [], migrations: [], databaseUrl: db.url });
});

afterAll(async () => {
  await shutdownTracing();
  await orm?.close();
  await db?.drop();
});

const inRequest = <T>(work: () => Promise<T>) => withServerSpan({}, 'POST /graphql', {}, work);
/** What an exporter sends of a span: its name, attributes, status and events. */
const exported = (span: any) =>
  JSON.stringify({ name: span.name, attributes: span.attributes, status: span.status, events: span.events });
const run = (sql: string, params: unknown[] = []) => orm.em.fork().getConnection().execute(sql, params);

describe('tracing off (no OTEL_EXPORTER_OTLP_ENDPOINT)', () => {
  it('makes no spans, sends no trace headers and adds nothing to log lines', async () => {
    expect(tracingEnabled()).toBe(false);
    const headers = await withClientSpan('subgraph x', {}, async (traceHeaders, span) => {
      expect(span).toBeUndefined();
      return traceHeaders;
    });
    expect(headers).toEqual({});
    await inRequest(async () => {
      expect(traceLogFields()).toEqual({});
      expect(await run('/* probe.off */ select 1 as one')).toEqual([{ one: 1 }]);
    });
  });

  it('lets a logger with the mixin write lines with fields of their own (pino merges into what it returns)', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = pino({ mixin: traceLogFields }, sink);
    logger.info({ url: 'http://x' }, 'ready');
    logger.info({ url: 'http://y' }, 'ready again');
    expect(lines.map((l) => JSON.parse(l).url)).toEqual(['http://x', 'http://y']);
  });
});

describe('tracing on', () => {
  beforeAll(() => startTracing({ serviceName: 'probe', exporter }));
  beforeEach(() => exporter.reset());

  it('names a statement by its tag, never by its values, under the request that ran it', async () => {
    await inRequest(() => run(`/* probe.lookup */ select ? as secret, 'Inline literal' as x`, ['Sekretna Fundacja']));
    const [statement, request] = exporter.getFinishedSpans();
    expect(statement!.name).toBe('probe.lookup');
    expect(statement!.parentSpanContext?.spanId).toBe(request!.spanContext().spanId);
    expect(statement!.attributes).toEqual({ 'db.system.name': 'postgresql', 'db.operation.name': 'select' });
    expect(exported(statement)).not.toMatch(/Sekretna|Inline literal/);
  });

  it('names an untagged statement by its first keyword', async () => {
    await inRequest(() => run('select 2 as two'));
    expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual(['select', 'POST /graphql']);
  });

  it('marks a failed statement with its error type only (the message may quote values)', async () => {
    await expect(inRequest(() => run(`/* probe.fail */ select 'Tajna wartość'::int`))).rejects.toThrow();
    const [statement] = exporter.getFinishedSpans();
    expect(statement!.name).toBe('probe.fail');
    expect(statement!.status.code).toBe(2);
    expect(statement!.attributes['error.type']).toEqual(expect.any(String));
    expect(exported(statement)).not.toContain('Tajna');
  });

  it('leaves statements outside a request untraced (pollers would each start a trace)', async () => {
    await run('/* probe.poll */ select 1');
    expect(exporter.getFinishedSpans()).toEqual([]);
  });

  it('writes the active trace and span ids into log lines', async () => {
    const lines: any[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => done(void lines.push(JSON.parse(String(chunk)))) });
    const logger = createLogger('probe', 'info', sink);
    logger.info('outside');
    await inRequest(async () => logger.info('inside'));
    await new Promise((r) => setImmediate(r));
    const [request] = exporter.getFinishedSpans();
    expect(lines[0]).not.toHaveProperty('trace_id');
    expect(lines[1]).toMatchObject({
      msg: 'inside',
      trace_id: request!.spanContext().traceId,
      span_id: request!.spanContext().spanId,
    });
  });
});

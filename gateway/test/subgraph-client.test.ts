import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { pino } from 'pino';
import { createGatewayApp, readSupergraph } from '../src/gateway.js';
import { DEFAULT_SUPERGRAPH_PATH, SUBGRAPHS } from '../src/env.js';
import { listenOn } from '../src/listen.js';
import { SubgraphClient, SubgraphTimeoutError } from '../src/subgraph-client.js';

// The gateway's HTTP client to the subgraphs, against real local HTTP servers that misbehave on purpose.
type Handler = (request: http.IncomingMessage, body: string, response: http.ServerResponse) => void;

async function serve(handler: Handler): Promise<{ url: string; server: http.Server }> {
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handler(request, Buffer.concat(chunks).toString('utf8'), response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, server };
}

const servers: http.Server[] = [];
const clients: SubgraphClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function start(handler: Handler, timeoutMs = 2000) {
  const { url, server } = await serve(handler);
  servers.push(server);
  const client = new SubgraphClient(url, timeoutMs);
  clients.push(client);
  return { url, client };
}

describe('SubgraphClient', () => {
  it('posts the body and headers and reads the whole answer, over one kept-alive connection', async () => {
    const ports = new Set<number>();
    const { url, client } = await start((request, body, response) => {
      ports.add(request.socket.remotePort!);
      response.setHeader('content-type', 'application/json');
      response.setHeader('x-sql-statements', '3');
      response.setHeader('set-cookie', ['a=1', 'b=2']);
      response.end(JSON.stringify({ data: { echo: body, token: request.headers['x-internal-token'] } }));
    });
    const body = JSON.stringify({ query: '{ zażółć }' });
    for (let i = 0; i < 3; i++) {
      const response = await client.post(url, { method: 'POST', headers: { 'x-internal-token': 't' }, body });
      expect(response.ok).toBe(true);
      expect(response.status).toBe(200);
      expect(response.headers.get('Content-Type')).toBe('application/json');
      expect(response.headers.get('x-sql-statements')).toBe('3');
      expect(response.headers.get('set-cookie')).toBe('a=1, b=2');
      expect(response.headers.get('x-absent')).toBeNull();
      expect(await response.json()).toEqual({ data: { echo: body, token: 't' } });
      await expect(response.text()).rejects.toThrow('already been read');
    }
    expect(ports.size).toBe(1);
  });

  it('adds the trace headers given beside Apollo’s', async () => {
    const { url, client } = await start((request, _body, response) =>
      response.end(JSON.stringify([request.headers.traceparent, request.headers['content-type']])),
    );
    const response = await client.post(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' },
      { traceparent: '00-abc-def-01' },
    );
    expect(await response.json()).toEqual(['00-abc-def-01', 'application/json']);
  });

  it('reads an answer a proxy compressed unasked', async () => {
    const { url, client } = await start((_request, _body, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      response.end(gzipSync(JSON.stringify({ data: { ok: true } })));
    });
    expect(await (await client.post(url, { method: 'POST', body: '{}' })).json()).toEqual({ data: { ok: true } });
  });

  it('gives up on a subgraph that does not answer in time, with a TimeoutError', async () => {
    const { url, client } = await start(() => {}, 150);
    const started = Date.now();
    const error = await client.post(url, { method: 'POST', body: '{}' }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(SubgraphTimeoutError);
    expect((error as Error).name).toBe('TimeoutError');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('counts a slow body against the same timeout', async () => {
    const { url, client } = await start((_request, _body, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"data":');
    }, 150);
    await expect(client.post(url, { method: 'POST', body: '{}' })).rejects.toBeInstanceOf(SubgraphTimeoutError);
  });

  it('fails, not as a timeout, on an answer cut short and on a refused connection', async () => {
    const { url, client } = await start((_request, _body, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      response.write('{"data":', () => response.socket?.destroy());
    });
    // Node's own errors come from another realm than Jest's Error: their shape is checked instead.
    const cut = await client.post(url, { method: 'POST', body: '{}' }).then(
      () => null,
      (e: Error) => e,
    );
    expect(cut).toHaveProperty('message');
    expect(cut?.name).not.toBe('TimeoutError');

    const closed = await serve(() => {});
    await new Promise((resolve) => closed.server.close(resolve));
    const refused = new SubgraphClient(closed.url, 2000);
    clients.push(refused);
    const error = await refused.post(closed.url, { method: 'POST', body: '{}' }).catch((e: Error) => e);
    expect((error as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
  });
});

describe('the gateway over that client', () => {
  async function gatewayOver(handler: Handler, subgraphTimeoutMs: number) {
    const { url, server } = await serve(handler);
    servers.push(server);
    const app = await createGatewayApp({
      supergraphSdl: readSupergraph(DEFAULT_SUPERGRAPH_PATH),
      subgraphUrls: Object.fromEntries(SUBGRAPHS.map((name) => [name, url])),
      logger: pino({ level: 'silent' }),
      subgraphTimeoutMs,
    });
    const gatewayUrl = await listenOn(app, 0, '127.0.0.1');
    const ask = async (query: string) => {
      const response = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      return { headers: response.headers, body: await response.json() };
    };
    return { app, ask };
  }

  it('says a subgraph past SUBGRAPH_TIMEOUT_MS is not answering', async () => {
    const { app, ask } = await gatewayOver(() => {}, 150);
    try {
      const { body } = await ask('{ organisations(first: 1) { totalCount } }');
      expect(body.data).toBeNull();
      expect(body.errors).toEqual([
        expect.objectContaining({
          message: 'The organisations service is not answering; its fields are null in this response',
          extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'organisations' }),
        }),
      ]);
    } finally {
      await app.close();
    }
  });

  it('hands on a subgraph’s 400 GraphQL errors and counts its statements', async () => {
    const { app, ask } = await gatewayOver((_request, _body, response) => {
      response.writeHead(400, { 'content-type': 'application/json', 'x-sql-statements': '2' });
      response.end(JSON.stringify({ errors: [{ message: 'bad id', extensions: { code: 'BAD_USER_INPUT' } }] }));
    }, 2000);
    try {
      const { headers, body } = await ask('{ organisations(first: 1) { totalCount } }');
      expect(body.errors[0]).toMatchObject({ message: 'bad id', extensions: { code: 'BAD_USER_INPUT' } });
      expect(headers.get('x-sql-statements')).toBe('2');
      expect(headers.get('x-subgraph-fetches')).toBe('1');
    } finally {
      await app.close();
    }
  });
});

import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';

/** What Apollo's data source hands its fetcher and expects back (@apollo/utils.fetcher's shapes). */
type Fetcher = RemoteGraphQLDataSource['fetcher'];
export type FetcherRequestInit = NonNullable<Parameters<Fetcher>[1]>;
export type FetcherResponse = Awaited<ReturnType<Fetcher>>;
type FetcherHeaders = FetcherResponse['headers'];

/** A call that took longer than the client's timeout (the socket is destroyed). */
export class SubgraphTimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/** Response headers over Node's parsed record (names already lower-case), without copying them. */
class ResponseHeaders implements FetcherHeaders {
  constructor(private readonly record: Record<string, string | string[] | undefined>) {}

  get(name: string): string | null {
    const value = this.record[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }
  has(name: string): boolean {
    return this.record[name.toLowerCase()] !== undefined;
  }
  set(name: string, value: string): void {
    this.record[name.toLowerCase()] = value;
  }
  append(name: string, value: string): void {
    const current = this.get(name);
    this.set(name, current === null ? value : `${current}, ${value}`);
  }
  delete(name: string): void {
    delete this.record[name.toLowerCase()];
  }
  *entries(): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.record).sort()) {
      const value = this.get(name);
      if (value !== null) yield [name, value];
    }
  }
  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }
  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}

/** A whole response already read: Apollo reads `ok`, `status`, a few headers and the body once. */
export class SubgraphResponse implements FetcherResponse {
  readonly redirected = false;
  bodyUsed = false;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    readonly headers: FetcherHeaders,
    private readonly body: Buffer,
  ) {}

  /** A JSON answer made here (a subgraph's 4xx GraphQL errors handed on as a normal response). */
  static json(url: string, value: unknown, headers: Record<string, string>): SubgraphResponse {
    const record = { ...headers, 'content-type': 'application/json' };
    return new SubgraphResponse(url, 200, 'OK', new ResponseHeaders(record), Buffer.from(JSON.stringify(value)));
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }
  private consume(): Buffer {
    if (this.bodyUsed) throw new TypeError('Body has already been read');
    this.bodyUsed = true;
    return this.body;
  }
  async text(): Promise<string> {
    return this.consume().toString('utf8');
  }
  async json(): Promise<any> {
    return JSON.parse(this.consume().toString('utf8'));
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    const body = this.consume();
    return body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
  }
  clone(): SubgraphResponse {
    if (this.bodyUsed) throw new TypeError('Body has already been read');
    return new SubgraphResponse(this.url, this.status, this.statusText, this.headers, this.body);
  }
}

/**
 * The body as sent, should a proxy in front of a subgraph compress it though no Accept-Encoding asked
 * for it (fetch decoded these itself).
 */
function decoded(body: Buffer, coding: string | undefined): Buffer {
  switch (coding?.trim().toLowerCase()) {
    case undefined:
    case '':
    case 'identity':
      return body;
    case 'gzip':
    case 'x-gzip':
      return zlib.gunzipSync(body);
    case 'deflate':
      return zlib.inflateSync(body);
    case 'br':
      return zlib.brotliDecompressSync(body);
    default:
      throw new Error(`unsupported content-encoding ${coding}`);
  }
}

/**
 * POSTs to one subgraph over kept-alive connections with node:http: the request goes out in one
 * write and the answer is read whole before it is handed back. Global fetch spent a quarter of the
 * gateway's CPU on WHATWG streams, Request/Response/Headers objects and an AbortSignal per call;
 * Apollo only needs the status, two headers and the body text.
 */
export class SubgraphClient {
  private readonly agent: http.Agent;
  private readonly transport: typeof http | typeof https;
  private readonly target: http.RequestOptions;

  constructor(
    private readonly url: string,
    private readonly timeoutMs: number,
  ) {
    const parsed = new URL(url);
    const secure = parsed.protocol === 'https:';
    this.transport = secure ? https : http;
    // No cap on sockets, as with fetch: a cap would queue a busy gateway's calls behind each other.
    // Idle sockets close by the subgraph's Keep-Alive hint (Node's agent reads it).
    this.agent = secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
    // Parsed once here rather than on every call.
    this.target = {
      protocol: parsed.protocol,
      hostname: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: parsed.port || undefined,
      path: `${parsed.pathname}${parsed.search}`,
      auth: parsed.username
        ? `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`
        : undefined,
      agent: this.agent,
    };
  }

  post(
    url: string,
    init: FetcherRequestInit | undefined,
    extraHeaders?: Record<string, string>,
  ): Promise<SubgraphResponse> {
    // A string body: Node sends it with the request head in a single write (a Buffer would be a second one).
    const body = init?.body ?? '';
    const length = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
    const headers: Record<string, string | number> = { ...init?.headers, ...extraHeaders, 'content-length': length };
    return new Promise((resolve, reject) => {
      let settled = false;
      const options = { method: init?.method ?? 'POST', headers, agent: this.agent };
      const request =
        url === this.url
          ? this.transport.request({ ...this.target, ...options })
          : this.transport.request(url, options);
      const timer = setTimeout(() => request.destroy(new SubgraphTimeoutError('subgraph timeout')), this.timeoutMs);
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(error);
      };
      request.on('error', fail);
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', fail);
        // Closed before its end (the subgraph went away mid-answer): a failed call, not a short body.
        response.on('close', () => {
          if (!response.complete) fail(new Error('subgraph response cut short'));
        });
        response.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          const status = response.statusCode ?? 0;
          let text: Buffer;
          try {
            text = decoded(
              chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks),
              response.headers['content-encoding'],
            );
          } catch (error) {
            reject(error);
            return;
          }
          resolve(
            new SubgraphResponse(
              url,
              status,
              response.statusMessage ?? '',
              new ResponseHeaders(response.headers),
              text,
            ),
          );
        });
      });
      request.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { publicLookup, urlProblem } from './webhook.address.js';

/** What one POST came to: the status code, or the error that prevented one. */
export type PostOutcome = { statusCode: number } | { error: string };

export interface PostOptions {
  headers: Record<string, string>;
  timeoutMs: number;
  allowPrivate: boolean;
}

/**
 * POSTs `body` once: no redirects followed (a 3xx is an answer, and following it could lead inside
 * the network), the whole exchange bounded by `timeoutMs`, the answer's body read and thrown away.
 */
export function postOnce(url: string, body: string, options: PostOptions): Promise<PostOutcome> {
  const problem = urlProblem(url, options.allowPrivate);
  if (problem) return Promise.resolve({ error: problem });
  const target = new URL(url);
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = request(
      target,
      {
        method: 'POST',
        headers: { ...options.headers, 'content-length': String(Buffer.byteLength(body)) },
        ...(options.allowPrivate ? {} : { lookup: publicLookup as never }),
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ statusCode: res.statusCode ?? 0 }));
        res.on('error', (error) => resolve({ error: error.message }));
        res.on('close', () => resolve({ error: 'the connection closed before the answer ended' }));
      },
    );
    req.on('error', (error) =>
      resolve({
        error: error.name === 'AbortError' ? `no answer within ${options.timeoutMs} ms` : error.message,
      }),
    );
    req.end(body);
  });
}

import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** The widgets bundle `npm run build` makes (widgets/build.mjs), found from this file as env.ts finds the supergraph. */
export const DEFAULT_WIDGETS_BUNDLE = fileURLToPath(new URL('../../../widgets/dist/ngo-hub.js', import.meta.url));

interface Asset {
  mtimeMs: number;
  body: Buffer;
  etag: string;
}

/**
 * `GET /widgets/ngo-hub.js` (and its source map): the widgets as one ES module any portal may load
 * (`access-control-allow-origin: *`: a module script is fetched with CORS), revalidated by ETag after
 * five minutes so a new version reaches portals the same day. Re-read when the file changes.
 */
export function registerWidgets(app: FastifyInstance, bundlePath = DEFAULT_WIDGETS_BUNDLE): void {
  const cache = new Map<string, Asset>();
  const serve = (path: string, type: string) => async (request: FastifyRequest, reply: FastifyReply) => {
    let asset: Asset;
    try {
      const { mtimeMs } = await stat(path);
      const cached = cache.get(path);
      if (cached?.mtimeMs === mtimeMs) asset = cached;
      else {
        const body = await readFile(path);
        asset = { mtimeMs, body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
        cache.set(path, asset);
      }
    } catch {
      return reply
        .code(404)
        .type('text/plain; charset=utf-8')
        .send('The widgets are not built on this server: run `npm run build`.\n');
    }
    reply
      .header('access-control-allow-origin', '*')
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'public, max-age=300, stale-while-revalidate=86400')
      .header('etag', asset.etag)
      .type(type);
    if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
    return reply.send(asset.body);
  };
  app.get('/widgets/ngo-hub.js', serve(bundlePath, 'text/javascript; charset=utf-8'));
  app.get('/widgets/ngo-hub.js.map', serve(`${bundlePath}.map`, 'application/json; charset=utf-8'));
}

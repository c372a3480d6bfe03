import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyInstance } from 'fastify';

/** Where `gateway/build-explorer.mjs` writes the bundle; the same path from src/ (tests) and dist/. */
export const EXPLORER_BUNDLE_DIR = fileURLToPath(new URL('../../dist/explorer-bundle/', import.meta.url));

/** URL prefix of the bundle's files. */
export const EXPLORER_ASSETS_PATH = '/explorer/';

/**
 * The page a browser gets at `GET /graphql`: GraphiQL from the gateway's own files, nothing from
 * another host, so it works offline and behind a firewall.
 */
export const EXPLORER_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ngo-hub explorer</title>
<link rel="stylesheet" href="${EXPLORER_ASSETS_PATH}explorer.css">
<style>html, body, #explorer { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="explorer"><p>Loading the explorer… (the gateway serves it from <code>npm run build</code>'s output)</p></div>
<script type="module" src="${EXPLORER_ASSETS_PATH}explorer.js"></script>
</body>
</html>
`;

/**
 * Only this page's own origin: a sign that nothing is fetched from elsewhere, and no injected script
 * runs. Monaco sets inline styles; its font may come as a data: URL.
 */
export const EXPLORER_CSP = [
  "default-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "worker-src 'self'",
  "frame-ancestors 'self'",
].join('; ');

/**
 * Replaces Apollo's landing page (Apollo Sandbox from a CDN) with the explorer. Apollo shows a
 * landing page only for GET requests that prefer text/html; every other GET is GraphQL over HTTP.
 */
export function explorerLandingPage(): ApolloServerPlugin {
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return { html: EXPLORER_HTML };
        },
      };
    },
  };
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** `GET /explorer/<file>`: the bundle's files, read once at start, with an ETag (304 when unchanged). */
export function registerExplorerAssets(app: FastifyInstance, dir = EXPLORER_BUNDLE_DIR): void {
  const files = new Map<string, { body: Buffer; type: string; etag: string }>();
  for (const name of existsSync(dir) ? readdirSync(dir) : []) {
    const type = CONTENT_TYPES[extname(name)];
    if (!type) continue;
    const body = readFileSync(join(dir, name));
    files.set(name, { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` });
  }
  app.get<{ Params: { file: string } }>(`${EXPLORER_ASSETS_PATH}:file`, async (request, reply) => {
    const file = files.get(request.params.file);
    if (!file) return reply.code(404).type('text/plain').send('Not found (is the explorer built? npm run build)');
    reply.header('etag', file.etag).header('cache-control', 'no-cache');
    if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
    return reply.type(file.type).send(file.body);
  });
  // The page is Apollo's answer; the policy is added here, on text/html answers of /graphql only.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.routeOptions.url === '/graphql' && String(reply.getHeader('content-type')).startsWith('text/html'))
      reply.header('content-security-policy', EXPLORER_CSP);
    return payload;
  });
}

import { existsSync, readFileSync } from 'node:fs';
import vm from 'node:vm';
import type { FastifyInstance } from 'fastify';
import { buildSchema, parse, validate } from 'graphql';
import { eventually, postGraphQL } from '@ngo-hub/kit/testing';
import { EXPLORER_EXAMPLES } from '../src/explorer/examples.js';
import { startTestGateway, startTestSubgraphs, type TestSubgraphs } from './support/hub.js';

// The explorer a browser gets at GET /graphql: served by the gateway itself, nothing from another host.
let hub: TestSubgraphs;
let gateway: FastifyInstance;
let url: string;
/** The gateway's origin (url is its /graphql). */
let base: string;

beforeAll(async () => {
  hub = await startTestSubgraphs('explorer');
  ({ app: gateway, url } = await startTestGateway(hub.subgraphs));
  base = new URL(url).origin;
});

afterAll(async () => {
  await gateway?.close();
  await hub?.close();
});

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('the explorer page', () => {
  it('answers a browser at GET /graphql with a page that loads the bundle from the gateway and nothing from elsewhere', async () => {
    const response = await fetch(url, { headers: { accept: BROWSER_ACCEPT } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await response.text();
    expect(html).toContain('<script type="module" src="/explorer/explorer.js"></script>');
    expect(html).toContain('<link rel="stylesheet" href="/explorer/explorer.css">');
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/(src|href)="\/\//);
  });

  it('serves the bundle as JavaScript and CSS, with an ETag that answers 304', async () => {
    const script = await fetch(`${base}/explorer/explorer.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    const source = await script.text();
    // Parses as an ES module (throws on anything else, an HTML error page included).
    expect(() => new vm.SourceTextModule(source)).not.toThrow();
    // (booleans: a failure must not print 5 MB of bundle)
    expect(source.includes('.worker.js')).toBe(true);

    const css = await fetch(`${base}/explorer/explorer.css`);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect((await css.text()).includes('.graphiql-container')).toBe(true);
    for (const name of ['editor', 'json', 'graphql']) {
      const response = await fetch(`${base}/explorer/${name}.worker.js`);
      expect(response.status).toBe(200);
      const worker = await response.text();
      expect(() => new vm.Script(worker)).not.toThrow();
    }

    const etag = script.headers.get('etag')!;
    expect((await fetch(`${base}/explorer/explorer.js`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await fetch(`${base}/explorer/page.js`)).status).toBe(404);
    expect((await fetch(`${base}/explorer/..%2Fpackage.json`)).status).toBe(404);
  });

  it('keeps GET /graphql for GraphQL over HTTP: JSON for API clients, and Apollo CSRF prevention for the rest', async () => {
    const query = `${url}?query=${encodeURIComponent('{ __typename }')}`;
    const api = await fetch(query, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect(api.status).toBe(200);
    expect(await api.json()).toEqual({ data: { __typename: 'Query' } });

    // What a plain link or <form method="get"> sends: no preflight header, so Apollo refuses to run it.
    const simple = await fetch(query, { headers: { accept: 'application/json' } });
    expect(simple.status).toBe(400);
    expect(await simple.text()).toMatch(/apollo-require-preflight/);
    expect(simple.headers.get('content-security-policy')).toBeNull();

    // A plain HTML <form method="post">: a "simple" content type, refused the same way.
    const form = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ query: '{ __typename }' }),
    });
    expect(form.status).toBeGreaterThanOrEqual(400);
    expect(form.status).toBeLessThan(500);
    expect(await form.text()).not.toContain('__typename');
    // curl's default Accept (*/*) gets JSON, not the page.
    const curl = await fetch(query, { headers: { accept: '*/*', 'apollo-require-preflight': 'true' } });
    expect(await curl.json()).toEqual({ data: { __typename: 'Query' } });
    // A non-simple content type is enough, even on GET.
    const typed = await fetch(query, { headers: { accept: 'application/json', 'content-type': 'application/json' } });
    expect(await typed.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('the explorer tabs', () => {
  it('are valid operations of the public schema, each named once', () => {
    const schema = buildSchema(readFileSync(new URL('../../schema/api.graphql', import.meta.url), 'utf8'));
    for (const example of EXPLORER_EXAMPLES) {
      const document = parse(example.query);
      expect(validate(schema, document).map((e) => `${example.name}: ${e.message}`)).toEqual([]);
      expect(document.definitions.map((d) => d.kind === 'OperationDefinition' && d.name?.value)).toEqual([
        example.name,
      ]);
    }
    expect(new Set(EXPLORER_EXAMPLES.map((e) => e.name)).size).toBe(EXPLORER_EXAMPLES.length);
  });

  it('each run through the gateway without errors', async () => {
    for (const example of EXPLORER_EXAMPLES) {
      const body = await postGraphQL(url, example.query, example.variables);
      expect({ name: example.name, errors: body.errors }).toEqual({ name: example.name, errors: undefined });
    }
  });
});

// Debian's chromium; CI installs it (.ci/run). Without it here the browser check is skipped.
const CHROMIUM = '/usr/bin/chromium';
const inBrowser = existsSync(CHROMIUM) ? it : it.skip;

describe('the explorer in a browser', () => {
  inBrowser('opens with the README examples as tabs and runs the first with no host but the gateway', async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    try {
      const context = await browser.newContext();
      const gatewayHost = new URL(url).host;
      const elsewhere: string[] = [];
      const fromGateway: string[] = [];
      // Everything not the gateway is refused and noted, as if there were no internet.
      await context.route('**/*', (route) => {
        const target = route.request().url();
        if (new URL(target).host === gatewayHost) {
          fromGateway.push(new URL(target).pathname);
          return route.continue();
        }
        elsewhere.push(target);
        return route.abort();
      });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });

      await page.goto(url);
      await page.locator('.graphiql-query-editor .monaco-editor').waitFor({ timeout: 30_000 });
      const tabs = page.locator('.graphiql-tab');
      expect(await tabs.count()).toBe(EXPLORER_EXAMPLES.length);
      expect(await tabs.first().textContent()).toContain(EXPLORER_EXAMPLES[0]!.name);

      await page.locator('.graphiql-execute-button').click();
      const response = page.locator('.graphiql-response .monaco-editor .view-lines');
      await page.waitForFunction(
        () => document.querySelector('.graphiql-response .view-lines')?.textContent?.includes('totalCount'),
        undefined,
        { timeout: 30_000 },
      );
      const shown = ((await response.textContent()) ?? '').replace(/\s+/g, ' ');
      expect(shown).toContain('"organisations"');
      expect(shown).not.toContain('"errors"');
      // The editors' language services run in workers, fetched from the gateway too (the GraphQL one
      // starts lazily, so it is waited for rather than expected at once).
      expect(fromGateway).toContain('/explorer/explorer.css');
      await eventually(async () => (fromGateway.includes('/explorer/graphql.worker.js') ? true : undefined), 20_000);
      expect(elsewhere).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { startTestHub, type TestHub } from './support/hub.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const ARTIFACTS = here('../test-artifacts');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let hub: TestHub;
let browser: Browser;
let context: BrowserContext;
let portal: Server;
let portalUrl: string;
let deadEndpoint: string;

/** A portal on another origin: a plain page that loads the widgets from the hub, as a city's site would. */
function portalPage(hubUrl: string): string {
  return `<!doctype html>
<html lang="pl">
<head><meta charset="utf-8"><title>Portal miasta</title>
<script type="module" src="${hubUrl}/widgets/ngo-hub.js"></script>
<style>ngo-hub-directory { --ngo-hub-accent: #6b1d5c; } ngo-hub-directory::part(empty) { font-style: italic; }</style>
</head>
<body>
<main>
<h1>Organizacje pozarządowe</h1>
<ngo-hub-directory id="directory" page-size="5"></ngo-hub-directory>
<h2>Wydarzenia</h2>
<ngo-hub-calendar id="calendar" page-size="5"></ngo-hub-calendar>
<h2>Awaria</h2>
<ngo-hub-directory id="broken" endpoint="${deadEndpoint}"></ngo-hub-directory>
</main>
</body>
</html>`;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Counts each widget's finished loads and errors on its host (`data-loads`, `data-errors`). */
const COUNT_EVENTS = () => {
  for (const [type, key] of [
    ['ngo-hub-load', 'loads'],
    ['ngo-hub-error', 'errors'],
  ] as const) {
    document.addEventListener(type, (event) => {
      const host = event.target as HTMLElement;
      host.dataset[key] = String(Number(host.dataset[key] ?? 0) + 1);
    });
  }
};

async function loads(page: Page, selector: string): Promise<number> {
  return Number((await page.locator(selector).getAttribute('data-loads')) ?? 0);
}

/** Waits until the widget has finished more than `after` loads. */
async function waitForLoad(page: Page, selector: string, after: number): Promise<void> {
  await page.waitForFunction(
    ([s, n]) => Number(document.querySelector<HTMLElement>(s as string)?.dataset.loads ?? 0) > (n as number),
    [selector, after] as const,
  );
}

/** axe-core over the whole page (open shadow roots included): the serious and critical violations. */
async function seriousViolations(page: Page): Promise<{ id: string; impact: string; targets: string[] }[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: (c: Document) => Promise<any> } }).axe.run(document);
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n: any) => JSON.stringify(n.target)),
    }));
  });
  return violations.filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical');
}

async function names(page: Page, selector: string): Promise<string[]> {
  return page.locator(`${selector} [part~="item-title"]`).allTextContents();
}

/** What the hub calls `value` of `enumName` in `lang`, or the value itself when it has no labels query. */
async function hubLabel(enumName: string, value: string, lang: 'PL' | 'EN'): Promise<string> {
  const response = await fetch(`${hub.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query:
        'query($lang: Language, $enums: [String!]) { labels(lang: $lang, enums: $enums) { enum values { value label } } }',
      variables: { lang, enums: [enumName] },
    }),
  });
  const body = (await response.json()) as {
    data?: { labels: { enum: string; values: { value: string; label: string }[] }[] };
  };
  const values = body.data?.labels.find((e) => e.enum === enumName)?.values;
  return values?.find((v) => v.value === value)?.label ?? value;
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  // The bundle the gateway serves is the one these sources make now.
  execFileSync(process.execPath, [here('../build.mjs')], { stdio: 'inherit' });
  hub = await startTestHub('widgets_browser');
  deadEndpoint = `http://127.0.0.1:${await freePort()}/graphql`;
  portal = createServer((request, response) => {
    if (request.url !== '/') return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(portalPage(hub.url));
  });
  await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
  portalUrl = `http://127.0.0.1:${(portal.address() as AddressInfo).port}/`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  // bypassCSP: axe is injected as a script the /embed page's policy would refuse.
  context = await browser.newContext({ bypassCSP: true, viewport: { width: 1100, height: 900 }, locale: 'pl-PL' });
  await context.addInitScript(COUNT_EVENTS);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await new Promise((resolve) => portal?.close(resolve));
  await hub?.close();
});

describe('the widgets bundle', () => {
  it('is one ES module any origin may load, cached and revalidated, importing nothing from elsewhere', async () => {
    const response = await fetch(`${hub.url}/widgets/ngo-hub.js`, { headers: { origin: 'https://portal.example' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cache-control')).toMatch(/max-age=\d+/);
    const etag = response.headers.get('etag');
    const body = await response.text();
    expect(body).toContain('ngo-hub-directory');
    expect(body).not.toMatch(/\bfrom\s*["'](?!\.)/); // no bare or remote imports left
    expect(body).not.toMatch(/import\(\s*["']https?:/);
    const again = await fetch(`${hub.url}/widgets/ngo-hub.js`, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
  });
});

describe('/embed', () => {
  it('shows every widget live with its snippet, in Polish, with no serious accessibility violation', async () => {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${hub.url}/embed`);
    await page.locator('ngo-hub-directory [part~="item"]').first().waitFor();
    await page.locator('ngo-hub-organisation [part~="title"]').waitFor();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[id] > .live > *')].every((w) => !w.hasAttribute('aria-busy')),
    );
    expect(await page.locator('html').getAttribute('lang')).toBe('pl');
    expect(await page.locator('ngo-hub-directory label').textContent()).toBe('Szukaj organizacji');
    expect(await page.locator('ngo-hub-organisation [part~="title"]').textContent()).toMatch(/Centrum/);
    for (const tag of ['ngo-hub-directory', 'ngo-hub-calendar', 'ngo-hub-calls', 'ngo-hub-organisation']) {
      expect(await page.locator(`.live > ${tag}`).count()).toBe(1);
      expect(
        await page
          .locator('pre code')
          .filter({ hasText: `<${tag}` })
          .count(),
      ).toBe(1);
    }
    // The snippet names this gateway, so pasting it into a portal loads the widgets from here.
    expect(await page.locator('pre code').first().textContent()).toContain(`${hub.url}/widgets/ngo-hub.js`);
    // Nothing on the page comes from another host.
    const hosts = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => new URL((e as PerformanceResourceTiming).name).host),
    );
    expect(new Set(hosts)).toEqual(new Set([new URL(hub.url).host]));
    await page.screenshot({ path: `${ARTIFACTS}/embed-pl.png`, fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('switches to English by its language link: page text, widget text and enum labels', async () => {
    const page = await context.newPage();
    await page.goto(`${hub.url}/embed`);
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/lang=en/);
    await page.locator('ngo-hub-directory [part~="item"]').first().waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('ngo-hub widgets for portals');
    expect(await page.locator('ngo-hub-directory label').textContent()).toBe('Search organisations');
    const first = page.locator('ngo-hub-directory [part~="item"]').first();
    const id = await first.getAttribute('data-id');
    const { legalForm } = await organisation(id!);
    expect(await first.locator('[part~="legal-form"]').textContent()).toBe(
      await hubLabel('LegalForm', legalForm, 'EN'),
    );
    await page.screenshot({ path: `${ARTIFACTS}/embed-en.png`, fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});

async function organisation(id: string): Promise<{ name: string; legalForm: string }> {
  const response = await fetch(`${hub.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'query($id: ID!) { organisation(id: $id) { name legalForm } }', variables: { id } }),
  });
  return ((await response.json()) as { data: { organisation: { name: string; legalForm: string } } }).data.organisation;
}

describe('a portal on another origin', () => {
  let page: Page;

  beforeAll(async () => {
    page = await context.newPage();
    await page.goto(portalUrl);
    await waitForLoad(page, '#directory', 0);
  });

  afterAll(() => page.close());

  it('loads the widgets from the hub and talks to the hub that served them (no endpoint attribute)', async () => {
    expect(new URL(page.url()).origin).not.toBe(hub.url);
    expect(await page.locator('#directory [part~="item"]').count()).toBe(5);
    expect(await page.locator('#directory [part~="summary"]').textContent()).toMatch(/^Znalezione organizacje: \d+$/);
  });

  it('searches as the visitor types, ignoring case and Polish letters, and pages forward and back', async () => {
    const before = await loads(page, '#directory');
    // The visitor uses the keyboard alone: tab into the box, type, wait.
    await page.locator('#directory input[type="search"]').focus();
    await page.keyboard.type('urzad');
    await waitForLoad(page, '#directory', before);
    const first = await names(page, '#directory');
    expect(first).toHaveLength(5);
    for (const name of first) expect(name).toMatch(/Urząd/);
    const total = Number((await page.locator('#directory [part~="summary"]').textContent())!.replace(/\D/g, ''));
    expect(total).toBeGreaterThan(5);
    await page.screenshot({ path: `${ARTIFACTS}/portal-search.png`, fullPage: true });

    let count = await loads(page, '#directory');
    await page.getByRole('button', { name: 'Następna strona' }).first().click();
    await waitForLoad(page, '#directory', count);
    const second = await names(page, '#directory');
    expect(second.length).toBeGreaterThan(0);
    for (const name of second) expect(name).toMatch(/Urząd/);
    expect(second.filter((n) => first.includes(n))).toEqual([]);
    expect(await page.locator('#directory [part~="page"]').textContent()).toBe('Strona 2');

    count = await loads(page, '#directory');
    // Keyboard alone: from "next", Shift+Tab reaches "previous" and Enter presses it.
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.textContent)).toBe(
      'Poprzednia strona',
    );
    await page.keyboard.press('Enter');
    await waitForLoad(page, '#directory', count);
    expect(await names(page, '#directory')).toEqual(first);
  });

  it('switches language when the portal sets lang="en", with the hub’s English labels', async () => {
    const count = await loads(page, '#directory');
    await page.locator('#directory').evaluate((el) => el.setAttribute('lang', 'en'));
    await waitForLoad(page, '#directory', count);
    expect(await page.locator('#directory label').textContent()).toBe('Search organisations');
    expect(await page.locator('#directory [part~="summary"]').textContent()).toMatch(/^Organisations found: \d+$/);
    // The search typed before is kept across the switch.
    expect(await page.locator('#directory input').inputValue()).toBe('urzad');
    const item = page.locator('#directory [part~="item"]').first();
    const { legalForm } = await organisation((await item.getAttribute('data-id'))!);
    expect(await item.locator('[part~="legal-form"]').textContent()).toBe(await hubLabel('LegalForm', legalForm, 'EN'));
    await page.screenshot({ path: `${ARTIFACTS}/portal-en.png`, fullPage: true });
  });

  it('says so when nothing matches', async () => {
    const count = await loads(page, '#directory');
    await page.locator('#directory input').fill('qqqxyzzyq');
    await page.locator('#directory input').press('Enter');
    await waitForLoad(page, '#directory', count);
    expect(await page.locator('#directory [part~="item"]').count()).toBe(0);
    expect(await page.locator('#directory [part~="empty"]').textContent()).toBe('No organisations match the search.');
  });

  it('shows a human message and a retry button when the hub cannot be reached, never a stack', async () => {
    await page.waitForFunction(() => Number(document.querySelector<HTMLElement>('#broken')?.dataset.errors ?? 0) > 0);
    const alert = page.locator('#broken [role="alert"]');
    expect(await alert.locator('span').textContent()).toBe(
      'Nie udało się połączyć z bazą organizacji. Spróbuj ponownie za chwilę.',
    );
    expect(await alert.textContent()).not.toMatch(/TypeError|Failed to fetch|at \w+ \(/);
    expect(await alert.getByRole('button', { name: 'Spróbuj ponownie' }).count()).toBe(1);
    await page.locator('#broken').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/portal-error.png`, fullPage: true });
  });

  it('passes axe-core with no serious or critical violation', async () => {
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('is themed by the portal through CSS custom properties and ::part', async () => {
    const button = page.locator('#directory button[type="submit"]');
    expect(await button.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(107, 29, 92)');
    const empty = page.locator('#directory [part~="empty"]');
    expect(await empty.evaluate((p) => getComputedStyle(p).fontStyle)).toBe('italic');
  });
});

it('keeps the bundle small enough for a portal page', () => {
  expect(readFileSync(here('../dist/ngo-hub.js')).length).toBeLessThan(150_000);
});

import type { Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { TestHub } from './support/hub.js';
import { startHub, startPage } from './pictures-support/hub.js';

// The pictures in headless Chromium against a whole hub with the demo data: a portal page on another
// origin embeds both elements; what they draw is checked against the API's own answers, the states,
// the language switch, keyboard reading of cells, and an axe-core run on chart and table views.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
// Screenshots kept as test artefacts (git-ignored).
const ARTEFACTS = new URL('../.data/artefacts/', import.meta.url);
const TERRITORY = '14';

let hub: TestHub;
let browser: Browser;
let page: Page;
let server: Server;

async function api(query: string, variables: Record<string, unknown>): Promise<any> {
  const response = await fetch(hub.graphql, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  expect([response.status, body.errors]).toEqual([200, undefined]);
  return body.data;
}

const settled = () =>
  page.waitForFunction(() =>
    [...document.querySelectorAll<any>('ngo-hub-cooperation, ngo-hub-funding-flows')].every(
      (e) => e.status === 'ready' || e.status === 'error',
    ),
  );

async function axe(): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations: { id: string; impact: string; nodes: { target: string[] }[] }[] = await page.evaluate(
    async () => (await (window as any).axe.run(document)).violations,
  );
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} ${v.nodes[0].target}`);
}

beforeAll(async () => {
  mkdirSync(ARTEFACTS, { recursive: true });
  hub = await startHub('widgets_pictures');
  ({ server } = await startPage(''));
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  await hub?.close();
});

async function open(body: string): Promise<void> {
  server.close();
  const started = await startPage(body);
  server = started.server;
  page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
  await page.goto(started.url);
  await settled();
}

test('the cooperation matrix draws every tie the API gives, reads cells by keyboard, and passes axe', async () => {
  const { cooperation } = await api(
    'query($t: String!) { cooperation(territory: $t, level: POWIAT) { a { code name } b { code name } partnerships grants events } }',
    { t: TERRITORY },
  );
  expect(cooperation.length).toBeGreaterThan(0);
  await open(
    `<ngo-hub-cooperation territory="${TERRITORY}" level="POWIAT" endpoint="${hub.graphql}" max-units="200"></ngo-hub-cooperation>`,
  );
  const element = page.locator('ngo-hub-cooperation');
  await expect(element.locator('figcaption').textContent()).resolves.toBe('Współpraca między jednostkami');
  // Each tie is two cells of the symmetric matrix, labelled with its numbers.
  const labels = await element
    .locator('rect[part="cell"]')
    .evaluateAll((cells) => cells.map((c) => c.getAttribute('aria-label')));
  const first = cooperation[0];
  const expected = `${first.a.name} – ${first.b.name}: partnerstwa ${first.partnerships}, dotacje ${first.grants}, wydarzenia ${first.events}`;
  expect(labels.filter((l) => l === expected)).toHaveLength(1);
  expect(labels.filter((l) => l && !l.endsWith(': brak') && l.includes(' – ')).length).toBe(2 * cooperation.length);
  await page.screenshot({ path: new URL('pictures-cooperation.png', ARTEFACTS).pathname, fullPage: true });

  // Keyboard: one tab stop, arrows move, the line under the matrix says the numbers.
  await element.locator('rect[part="cell"][tabindex="0"]').focus();
  await page.keyboard.press('ArrowDown');
  const info = await element.locator('[part="info"]').textContent();
  const focused = await page.evaluate(() =>
    document.querySelector('ngo-hub-cooperation')!.shadowRoot!.activeElement?.getAttribute('aria-label'),
  );
  expect(info).toBe(focused);
  expect(await element.locator('rect[part="cell"][tabindex="0"]').count()).toBe(1);
  expect(await axe()).toEqual([]);

  // Table alternative: one row per tie.
  await element.getByRole('button', { name: 'Pokaż tabelę' }).click();
  await expect(element.locator('tbody tr').count()).resolves.toBe(cooperation.length);
  expect(await axe()).toEqual([]);

  // English on request, without a new request changing the numbers.
  await element.evaluate((e) => e.setAttribute('lang', 'en'));
  await expect(element.locator('figcaption').textContent()).resolves.toBe('Cooperation between units');
  await expect(element.locator('tbody tr').count()).resolves.toBe(cooperation.length);
  await page.close();
}, 60_000);

test('funding flows draw one bar per recipient unit and currency with the API amounts, and pass axe', async () => {
  const { fundingFlows } = await api(
    'query($t: String!) { fundingFlows(territory: $t, level: POWIAT, groupBy: [FUNDER, TERRITORY]) { territory { code } currency grants amountAwarded } }',
    { t: TERRITORY },
  );
  expect(fundingFlows.length).toBeGreaterThan(0);
  await open(
    `<ngo-hub-funding-flows territory="${TERRITORY}" level="POWIAT" group-by="FUNDER" lang="en" endpoint="${hub.graphql}"></ngo-hub-funding-flows>`,
  );
  const element = page.locator('ngo-hub-funding-flows');
  await expect(element.locator('figcaption').textContent()).resolves.toBe('Funding flows');
  const bars = new Set(
    fundingFlows.filter((f: any) => f.currency).map((f: any) => `${f.currency}:${f.territory?.code ?? ''}`),
  );
  await expect(element.locator('[part="bar"]').count()).resolves.toBe(bars.size);
  await page.screenshot({ path: new URL('pictures-funding-flows.png', ARTEFACTS).pathname, fullPage: true });
  expect(await axe()).toEqual([]);
  await element.getByRole('button', { name: 'Show table' }).click();
  await expect(element.locator('tbody tr').count()).resolves.toBe(fundingFlows.length);
  expect(await axe()).toEqual([]);
  await page.close();
}, 60_000);

test('empty and error states', async () => {
  const { cooperation } = await api('{ cooperation(territory: "0201011", level: GMINA) { a { code } } }', {});
  expect(cooperation).toEqual([]);
  await open(
    `<ngo-hub-cooperation territory="0201011" level="GMINA" endpoint="${hub.graphql}"></ngo-hub-cooperation>` +
      '<ngo-hub-funding-flows territory="14" level="POWIAT" endpoint="http://127.0.0.1:9/graphql"></ngo-hub-funding-flows>',
  );
  await expect(page.locator('ngo-hub-cooperation [part~="empty"]').textContent()).resolves.toBe(
    'Brak powiązań między jednostkami w tym obszarze.',
  );
  await expect(page.locator('ngo-hub-funding-flows [role="alert"]').textContent()).resolves.toContain(
    'Nie udało się wczytać danych.',
  );
  await expect(
    page.locator('ngo-hub-funding-flows').getByRole('button', { name: 'Spróbuj ponownie' }).isVisible(),
  ).resolves.toBe(true);
  expect(await axe()).toEqual([]);
  await page.close();
}, 60_000);

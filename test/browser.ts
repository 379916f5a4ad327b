/**
 * Real-browser tests: Debian's Chromium driven by playwright-core (never a
 * downloaded browser). Where Chromium is missing the suite is skipped with a
 * note, unless REQUIRE_BROWSER is set (CI), where that is a failure.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject } from 'vitest';
import { startServer, type TestServer } from './server.ts';

/** Path of the Chromium binary: CHROMIUM_PATH, else Debian's. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';

/** `describe` when a browser is available; otherwise skipped, or failing when REQUIRE_BROWSER is set. */
export function describeWithBrowser(name: string, body: () => void): void {
  if (existsSync(CHROMIUM_PATH)) {
    describe(name, body);
  } else if (process.env['REQUIRE_BROWSER']) {
    throw new Error(`REQUIRE_BROWSER is set but there is no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`);
  } else {
    console.warn(`[skipped] ${name}: no Chromium at ${CHROMIUM_PATH}; install Debian's chromium to run the browser tests`);
    describe.skip(name, body);
  }
}

/** Starts headless Chromium with the flags this machine's closed network needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/** The demo site on a test server and one Chromium, for a browser suite; set before its tests run. */
export interface DemoInBrowser {
  server: TestServer;
  browser: Browser;
}

/**
 * The usual start of a browser suite: the demo site served by the real server
 * (with a database of its own) and one headless Chromium, started before the
 * suite's tests and stopped after them. `prepare` runs once the server is up,
 * before the browser starts (agents to sign in as…).
 *
 * @example
 * const demo = demoInBrowser();
 * it('…', async () => { const page = await demo.browser.newPage(); await page.goto(demo.server.url); });
 */
export function demoInBrowser(prepare?: (server: TestServer) => Promise<unknown>): DemoInBrowser {
  const demo = {} as DemoInBrowser;
  beforeAll(async () => {
    demo.server = await startServer(inject('demoDist'));
    await prepare?.(demo.server);
    demo.browser = await launchBrowser();
  });
  afterAll(async () => {
    await demo.browser?.close();
    await demo.server?.stop();
  });
  return demo;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One accessibility rule an axe-core audit found broken, with the elements that break it. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs an axe-core audit (WCAG 2.1 A and AA) on the page as it is now. */
export async function auditAccessibility(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, not as a <script>: the site's
  // Content-Security-Policy rightly refuses inline scripts it does not know.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

/** Checks that `target` lies inside the viewport (and `within`), then clicks or taps its centre. */
export async function press(page: Page, target: Locator, within?: Locator, options: { double?: boolean } = {}): Promise<void> {
  await target.waitFor({ state: 'visible' });
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  const viewport = page.viewportSize();
  if (!box || !viewport) throw new Error('no box or viewport');
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
  if (within) {
    const outer = await within.boundingBox();
    if (!outer) throw new Error('no container box');
    expect(box.x).toBeGreaterThanOrEqual(outer.x - 0.5);
    expect(box.y).toBeGreaterThanOrEqual(outer.y - 0.5);
    expect(box.x + box.width).toBeLessThanOrEqual(outer.x + outer.width + 0.5);
    expect(box.y + box.height).toBeLessThanOrEqual(outer.y + outer.height + 0.5);
  }
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  const touch = await page.evaluate(() => matchMedia('(pointer: coarse)').matches);
  if (options.double) await page.mouse.click(x, y, { clickCount: 2, delay: 10 });
  else if (touch) await page.touchscreen.tap(x, y);
  else await page.mouse.click(x, y);
}

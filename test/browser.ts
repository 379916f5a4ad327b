/**
 * Real-browser tests: Debian's Chromium driven by playwright-core (never a
 * downloaded browser). Where Chromium is missing the suite is skipped with a
 * note, unless REQUIRE_BROWSER is set (CI), where that is a failure.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Download, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject } from 'vitest';
import type { Locale } from '#core/locale.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.ts';
import { DEMO_WAIT_MS, demoDist } from './demo-dist.ts';
import { startServer, type TestServer } from './server.ts';
import { DOUBLE_PRESS_MS, LATE_PRESS_MS, SAME_SPOT_PX, SEEN_AFTER_MS } from '../site/chat/double-press.ts';

export { CHROMIUM_PATH };

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

/** Starts headless Chromium with the flags this machine's closed network needs (benchmarks; tests take {@link testBrowser}). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/**
 * The run's one Chromium (test/shared-chromium.ts), connected to for this
 * test file; `close()` disconnects and closes the contexts this file opened,
 * and leaves the browser to the other files. Outside a Vitest run with that
 * global setup, a browser of its own.
 */
export async function testBrowser(): Promise<Browser> {
  const shared = inject('sharedChromium');
  if (!shared) return launchBrowser();
  const answer = await fetch(shared);
  const endpoint = await answer.text();
  if (!answer.ok) throw new Error(`the shared Chromium did not start: ${endpoint}`);
  return chromium.connect(endpoint);
}

/** The demo site on a test server and one Chromium, for a browser suite; set before its tests run. */
export interface DemoInBrowser {
  server: TestServer;
  browser: Browser;
}

/**
 * The usual start of a browser suite: the demo site served by the real server
 * (with a database of its own), started before the suite's tests and stopped
 * after them, and the run's Chromium ({@link testBrowser}). `prepare` runs once the server is up,
 * before the browser starts (agents to sign in as…). The browser contexts a test opens are closed
 * after it: a page left open keeps polling the server (the inbox every second, the widget) and
 * costs CPU the other test worker needs; contexts opened in `beforeAll` stay for the suite.
 *
 * @example
 * const demo = demoInBrowser();
 * it('…', async () => { const page = await demo.browser.newPage(); await page.goto(demo.server.url); });
 */
export function demoInBrowser(prepare?: (server: TestServer) => Promise<unknown>): DemoInBrowser {
  const demo = {} as DemoInBrowser;
  beforeAll(async () => {
    demo.server = await startServer(await demoDist());
    await prepare?.(demo.server);
    demo.browser = await testBrowser();
  }, DEMO_WAIT_MS + 180_000);
  let before = new Set<BrowserContext>();
  beforeEach(() => {
    before = new Set(demo.browser?.contexts());
  });
  afterEach(async () => {
    await Promise.all((demo.browser?.contexts() ?? []).filter((context) => !before.has(context)).map((context) => context.close()));
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
    const axe = (
      window as unknown as {
        axe: {
          run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

/** How a person reaches the site: a phone held in the hand (375×812, touch) or a desktop with a mouse (1366×900). */
export interface Way {
  name: string;
  touch: boolean;
  locale: Locale;
  viewport: { width: number; height: number };
  deviceScaleFactor?: number;
}
export const PHONE: Way = { name: 'phone', touch: true, locale: 'nl', viewport: { width: 375, height: 812 } };
export const DESKTOP: Way = { name: 'desktop', touch: false, locale: 'en', viewport: { width: 1366, height: 900 } };

/**
 * A browser context as `way` holds the site. The widget polls for replies
 * every 300 ms to 1.2 s instead of the production 10 s to 5 min, and the
 * inbox refreshes every second instead of every 10 s (the pages' test hooks),
 * so tests do not wait out the real intervals.
 */
export async function openContext(browser: Browser, way: Way, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: way.viewport,
    hasTouch: way.touch,
    isMobile: way.touch,
    deviceScaleFactor: way.deviceScaleFactor ?? 1,
    ...options,
  });
  await context.addInitScript(() => {
    window.wegwijsChatPoll = { baseMs: 300, maxMs: 1200 };
    window.wegwijsInboxRefresh = { ms: 1000 };
  });
  return context;
}

type Box = { x: number; y: number; width: number; height: number };

/** Expects `inner` to lie inside `outer` (half a pixel of slack for rounding). */
export function expectInside(inner: Box | null, outer: Box | null, what: string): void {
  expect(inner, what).not.toBeNull();
  expect(outer, what).not.toBeNull();
  if (!inner || !outer) return;
  const slack = 0.5;
  expect(inner.x, `${what}: left edge`).toBeGreaterThanOrEqual(outer.x - slack);
  expect(inner.y, `${what}: top edge`).toBeGreaterThanOrEqual(outer.y - slack);
  expect(inner.x + inner.width, `${what}: right edge`).toBeLessThanOrEqual(outer.x + outer.width + slack);
  expect(inner.y + inner.height, `${what}: bottom edge`).toBeLessThanOrEqual(outer.y + outer.height + slack);
}

/** How `press` treats its target. */
export interface PressOptions {
  /** What the target is, for the failure message. */
  what?: string;
  /** A double click (mouse): what an impatient person does to a Send button. */
  double?: boolean;
  /**
   * Scroll the page to the target first, as a person scrolls a page (default).
   * Off inside the widget: what a person cannot reach there without
   * scrolling the dialog must fail, not be scrolled into view.
   */
  scroll?: boolean;
}

/** Whether `box` lies wholly inside a viewport of `view`'s size (half a pixel of rounding allowed). */
function fitsIn(box: Box, view: { width: number; height: number }): boolean {
  return box.x >= -0.5 && box.y >= -0.5 && box.x + box.width <= view.width + 0.5 && box.y + box.height <= view.height + 0.5;
}

/**
 * Presses `target` as a person does: it must be visible inside the viewport,
 * inside `within` (a panel or dialog) and inside the dialog and the log it
 * sits in, with nothing on top of its centre; then it is tapped there on a
 * touch screen (pointer: coarse) or clicked with the mouse. Never a
 * locator's click, which reaches what a person could not.
 */
export async function press(page: Page, target: Locator, within?: Locator, options: PressOptions = {}): Promise<void> {
  const what = options.what ?? 'the control';
  await target.waitFor({ state: 'visible' });
  const view = page.viewportSize();
  if (options.scroll !== false) await target.scrollIntoViewIfNeeded();
  let box = await target.boundingBox();
  // A page still laying out (a panel loading above) can move the control after the scroll: a person looks
  // again and scrolls again. Up to five looks; the check below still fails a control that never comes into view.
  for (let look = 1; options.scroll !== false && box && view && !fitsIn(box, view) && look < 5; look++) {
    await page.waitForTimeout(100);
    await target.scrollIntoViewIfNeeded();
    box = await target.boundingBox();
  }
  if (!box || !view) throw new Error(`press: ${what} has no box, or the page no viewport`);
  expectInside(box, { x: 0, y: 0, width: view.width, height: view.height }, `${what} in the viewport`);
  if (within) expectInside(box, await within.boundingBox(), `${what} in its container`);
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  // One round trip for what the page knows: the dialog and log around it, what lies at its centre
  // (nothing on top of it: the launcher, a sticky bar, another control; a label counts as its input), and the pointer.
  const seen = await target.evaluate(
    (el, [px, py]) => {
      const rect = (role: string) => {
        const r = el.parentElement?.closest(`[role=${role}]`)?.getBoundingClientRect();
        return r ? { x: r.x, y: r.y, width: r.width, height: r.height } : null;
      };
      const top = document.elementFromPoint(px ?? 0, py ?? 0);
      const topmost = top === el || el.contains(top) || (el instanceof HTMLInputElement && top instanceof HTMLLabelElement && top.control === el);
      return { dialog: rect('dialog'), log: rect('log'), topmost, touch: matchMedia('(pointer: coarse)').matches };
    },
    [x, y],
  );
  if (seen.dialog) expectInside(box, seen.dialog, `${what} in the dialog`);
  if (seen.log) expectInside(box, seen.log, `${what} in the visible part of the thread`);
  expect(seen.topmost, `${what} is the topmost element at its centre`).toBe(true);
  const touch = seen.touch;
  // A person reads a control that just appeared under their finger before pressing it: a tap at the same spot as
  // the last one comes a second after it at the earliest. Faster, the widget takes it for the second half of a
  // double tap and stops it (site/chat/double-press.ts; a mouse's single clicks pass, only a double click is stopped).
  // Up to three seconds after that tap the widget also stops one that comes within 400 ms of the chat changing (a
  // reply arriving under the finger): the person looks at what came before pressing it. A test whose agent answered
  // quickly tapped the reply's attachment where it had tapped its own photo 2.5 s before, as the reply appeared, and
  // the tap was stopped (site/chat/attachments.browser.test.ts, on a quiet machine).
  const last = lastPress.get(page);
  if (touch && last && Math.hypot(x - last.x, y - last.y) <= SAME_SPOT_PX) {
    const since = Date.now() - last.at;
    if (since < DOUBLE_PRESS_MS) await page.waitForTimeout(DOUBLE_PRESS_MS - since);
    else if (since < LATE_PRESS_MS) await page.waitForTimeout(SEEN_AFTER_MS);
  }
  lastPress.set(page, { at: Date.now(), x, y });
  if (options.double) await page.mouse.click(x, y, { clickCount: 2, delay: 10 });
  else if (touch) await page.touchscreen.tap(x, y);
  else await page.mouse.click(x, y);
}

/** Where and when {@link press} last pressed on each page. */
const lastPress = new WeakMap<Page, { at: number; x: number; y: number }>();

/** The chat widget's parts and the steps every widget test takes, pressed as a person presses them. */
export const widget = {
  /** The launcher once the island runs: a button with exactly the launcher's name. */
  launcher: (page: Page, locale: Locale) => page.getByRole('button', { name: LAUNCHER[locale], exact: true }),
  dialog: (page: Page) => page.getByRole('dialog'),
  log: (page: Page) => page.getByRole('log'),
  /** Presses the launcher and waits for the dialog. */
  async open(page: Page, locale: Locale): Promise<void> {
    await press(page, widget.launcher(page, locale), undefined, { what: 'the launcher', scroll: false });
    await widget.dialog(page).waitFor();
  },
  /** Types `text` into the message box and presses Send. */
  async ask(page: Page, locale: Locale, text: string): Promise<void> {
    const dialog = widget.dialog(page);
    await press(page, dialog.getByRole('textbox'), undefined, { what: 'the message box', scroll: false });
    await page.keyboard.type(text);
    await press(page, dialog.getByRole('button', { name: SEND[locale], exact: true }), undefined, { what: 'Send', scroll: false });
  },
};
const LAUNCHER: Record<Locale, string> = { nl: 'Stel een vraag', en: 'Ask a question' };
const SEND: Record<Locale, string> = { nl: 'Versturen', en: 'Send' };

/**
 * The bytes of a finished download. The shared Chromium is reached over `connect`, which keeps no local path
 * (`download.path()` throws "not available when connecting remotely"): the file is copied here first.
 */
export async function downloadedBytes(download: Download): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'wegwijs-download-'));
  try {
    const file = join(dir, 'file');
    await download.saveAs(file);
    return readFileSync(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Whether this run keeps screenshots for people to look at: `WEGWIJS_SCREENSHOTS=1`. Off by default: no
 * test reads them, and a capture costs Chromium up to ~0.2 CPU-s at 1366×900, a full page more (decision 037).
 */
export const SCREENSHOTS = ['1', 'true'].includes(process.env['WEGWIJS_SCREENSHOTS'] ?? '');

const SCREENSHOT_FOLDER = join(import.meta.dirname, '..', '.screenshots');

/** How {@link screenshot} takes its picture. */
export interface ScreenshotOptions {
  /** The whole page, not only the window (a page's capture). */
  fullPage?: boolean;
  /**
   * Capture a page into memory even when the run asks for no screenshots: for a test whose later steps
   * were found to depend on the time a capture takes (site/chat/link.browser.test.ts); a race to find.
   */
  alwaysCapture?: boolean;
}

/**
 * A screenshot of `target` (a page, or one element) to `.screenshots/<file>` when the run asks for them
 * ({@link SCREENSHOTS}), for a person to look at; no test reads it. Without the variable a page is not
 * captured at all; an element still is, into memory only: its capture scrolls the page (and, for an
 * element taller than the window, more than `scrollIntoViewIfNeeded` does), and the steps after it
 * (a tap where a box was measured) rely on where that leaves the page. Element captures are few and small.
 */
export async function screenshot(target: Page | Locator, file: string, options: ScreenshotOptions = {}): Promise<void> {
  const isLocator = 'scrollIntoViewIfNeeded' in target;
  if (!SCREENSHOTS) {
    if (isLocator || options.alwaysCapture) await target.screenshot();
    return;
  }
  const where = join(SCREENSHOT_FOLDER, file);
  mkdirSync(dirname(where), { recursive: true });
  await (isLocator ? target.screenshot({ path: where }) : target.screenshot({ path: where, fullPage: options.fullPage ?? false }));
}

/**
 * What one step of a browser test costs Chromium (docs/decisions/037-browser-tests-spend-less-chromium.md): starts a test server over a
 * built demo site and a Chromium of its own, opens the chat and gets an answer, then repeats one
 * step N times. Run it for N and for 0 under a command that counts the CPU of every process it
 * started, Chromium's orphaned renderers included (a child subreaper; `/usr/bin/time` misses them),
 * and divide the difference by N:
 *
 *   WEGWIJS_DEMO_DIST=.cache/dist node --experimental-strip-types bench/browser-costs.ts <step> <N> [phone|desktop]
 *
 * Steps: `context` (a new browser context, a page load, network idle, closed), `visit` (the same
 * load in the open page), `shot` (a viewport screenshot), `full` (a full-page one), `read` (one
 * locator read, as an `expect.poll` round does). `CHROMIUM_EXTRA_ARGS` adds flags to the launch.
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { DESKTOP, openContext, PHONE, widget } from '../test/browser.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/chromium.ts';
import { startServer } from '../test/server.ts';

const [step = 'context', times = '10', wayName = 'desktop'] = process.argv.slice(2);
const steps = ['context', 'visit', 'shot', 'full', 'read'];
if (!steps.includes(step)) throw new Error(`browser-costs: the step is one of ${steps.join(', ')}, not ${step}`);
const dist = process.env['WEGWIJS_DEMO_DIST'];
if (!dist) throw new Error('browser-costs: set WEGWIJS_DEMO_DIST to a built site (npm run build -- --outDir .cache/dist)');
const way = wayName === 'phone' ? PHONE : DESKTOP;

const server = await startServer(dist);
const extra = (process.env['CHROMIUM_EXTRA_ARGS'] ?? '').split(' ').filter(Boolean);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS, ...extra] });
const page = await (await openContext(browser, way)).newPage();
await page.goto(`${server.url}/${way.locale}/`);
await widget.open(page, way.locale);
await widget.ask(page, way.locale, way.locale === 'nl' ? 'waar is mijn pakket' : 'where is my parcel');
await widget
  .log(page)
  .getByText(/pakket|parcel/)
  .first()
  .waitFor();

const picture = path.join(tmpdir(), `browser-costs-${process.pid}.png`);
const other = `${server.url}/nl/bezorging/`;
const started = performance.now();
for (let i = 0; i < Number(times); i++) {
  if (step === 'context') {
    const context = await openContext(browser, way);
    const visit = await context.newPage();
    await visit.goto(other);
    await visit.waitForLoadState('networkidle');
    await context.close();
  } else if (step === 'visit') {
    await page.goto(other);
    await page.waitForLoadState('networkidle');
  } else if (step === 'shot' || step === 'full') {
    await page.screenshot({ path: picture, fullPage: step === 'full' });
  } else {
    await widget.log(page).textContent();
  }
}
console.log(`${step} ×${times} (${way.name}): ${(performance.now() - started).toFixed(0)} ms wall`);
rmSync(picture, { force: true });
await browser.close();
await server.stop();

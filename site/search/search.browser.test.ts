/**
 * Search as a visitor uses it, in Chromium against the real server: nothing
 * loads before interaction, results as you type, keyboard, the spoken count,
 * failed searches reported without personal data, and an accessibility audit.
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { like } from 'drizzle-orm';
import { failedSearches } from '../../api/db/tables.ts';
import { DESKTOP, PHONE, auditAccessibility, demoInBrowser, describeWithBrowser, expectInside, openContext, press, screenshot } from '../../test/browser.ts';

describeWithBrowser('search in the browser', () => {
  const demo = demoInBrowser();

  async function open(path: string, options: { javaScriptEnabled?: boolean; width?: number } = {}): Promise<{ page: Page; requests: string[] }> {
    const context = await demo.browser.newContext({
      javaScriptEnabled: options.javaScriptEnabled ?? true,
      viewport: { width: options.width ?? 1100, height: 900 },
    });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    await page.goto(`${demo.server.url}${path}`);
    return { page, requests };
  }

  it('loads no script and no index until the visitor interacts', async () => {
    const { page, requests } = await open('/nl/bezorging/levertijden/');
    await page.waitForLoadState('networkidle');
    expect(requests.filter((r) => r.endsWith('.js') || r.startsWith('/search-index/') || r.startsWith('/assistant-model/'))).toEqual([]);
    await page.getByRole('combobox').first().focus();
    await page.waitForResponse((response) => new URL(response.url()).pathname.startsWith('/search-index/'));
    await page.context().close();
  });

  it('shows results as you type, moves with the arrow keys and opens one with Enter', async () => {
    const { page } = await open('/nl/');
    const box = page.getByRole('combobox');
    await box.click();
    await box.pressSequentially('pakketje kwijt', { delay: 20 });
    const options = page.getByRole('option');
    await expect.poll(() => options.count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/\d+ resultat/);
    await box.press('ArrowDown');
    const active = await box.getAttribute('aria-activedescendant');
    expect(active).toBeTruthy();
    // The open list too: its options held links (a control inside a control), and "all results" sat in it as no option.
    expect(await page.getByRole('link', { name: /Alle resultaten/ }).count()).toBe(1);
    expect(await auditAccessibility(page)).toEqual([]);
    const title = await page.locator(`[id="${active}"] .suggest-title`).textContent();
    await Promise.all([page.waitForURL(/\/nl\/bezorging\//), box.press('Enter')]);
    expect(await page.locator('h1').textContent()).toBe(title);
    await page.context().close();
  });

  for (const way of [PHONE, { ...DESKTOP, locale: 'nl' as const }]) {
    it(`${way.name}: suggests what Dutch customers look for as they type it, and lists it on the results page`, async () => {
      const shots = 'search';
      const context = await openContext(demo.browser, way);
      const page = await context.newPage();
      await page.goto(`${demo.server.url}/nl/bezorging/levertijden/`);
      const box = page.getByRole('combobox');
      const options = page.getByRole('option');
      const view = { x: 0, y: 0, ...way.viewport };
      const suggest = async (typed: string, first: string) => {
        await press(page, box, undefined, { what: 'the search box' });
        await page.keyboard.press('Control+A');
        await page.keyboard.type(typed, { delay: 40 });
        await expect.poll(() => options.first().locator('.suggest-title').textContent(), { message: typed }).toBe(first);
        expectInside(await options.first().boundingBox(), view, `the first suggestion for "${typed}"`);
        await screenshot(page, `${shots}/${way.name}-${typed.replaceAll(' ', '-')}.png`);
      };
      await suggest('pakketje kwijt', 'Pakket bezorgd maar niet ontvangen');
      await suggest('retourneren', 'Wat kan ik niet retourneren?');
      expect(await options.allTextContents()).toContainEqual(expect.stringContaining('Hoe stuur ik iets terug?'));
      await suggest('wachtwoord vergeten', 'Wachtwoord vergeten');
      // Enter without choosing a suggestion: the results page, with the same article first.
      await Promise.all([page.waitForURL(/\/nl\/search\/\?q=wachtwoord/), page.keyboard.press('Enter')]);
      await expect.poll(() => page.locator('.hits .hit a').first().textContent()).toBe('Wachtwoord vergeten');
      expect(await page.locator('h2[role="status"]').textContent()).toMatch(/Resultaten voor “wachtwoord vergeten”: \d+ resultaten/);
      // The query stays in the box, ready to refine.
      await expect.poll(() => box.inputValue()).toBe('wachtwoord vergeten');
      await screenshot(page, `${shots}/${way.name}-results.png`);
      // A suggestion pressed where a person presses it opens its article.
      await suggest('pakketje kwijt', 'Pakket bezorgd maar niet ontvangen');
      await Promise.all([page.waitForURL(/\/nl\/bezorging\//), press(page, options.first(), undefined, { what: 'the first suggestion' })]);
      expect(await page.locator('h1').textContent()).toBe('Pakket bezorgd maar niet ontvangen');
      await context.close();
    });
  }

  it('phone: words that find nothing say so on screen under the box, not only to a screen reader', async () => {
    const context = await openContext(demo.browser, PHONE);
    const page = await context.newPage();
    await page.goto(`${demo.server.url}/nl/`);
    await press(page, page.getByRole('combobox'), undefined, { what: 'the search box' });
    await page.keyboard.type('hondenvoer', { delay: 40 });
    const form = page.getByRole('search').first();
    const nothing = 'Geen artikelen gevonden. Probeer andere woorden, of neem contact met ons op.';
    await expect.poll(() => form.getByRole('status').textContent()).toBe(nothing);
    // The spoken status is 1 px wide: what a sighted person reads must have a real size, in view, with nothing over it.
    const boxes = await Promise.all((await form.getByText(nothing).all()).map((text) => text.boundingBox()));
    const readable = boxes.filter((box) => box !== null && box.width > 100 && box.height > 10);
    expect(readable, 'a no-results message a person can see').toHaveLength(1);
    expectInside(readable[0]!, { x: 0, y: 0, ...PHONE.viewport }, 'the no-results message');
    const { x, y, width, height } = readable[0]!;
    expect(await page.evaluate(([px, py]) => document.elementFromPoint(px!, py!)?.textContent, [x + width / 2, y + height / 2])).toBe(nothing);
    await screenshot(page, 'search/phone-no-results.png');
    await context.close();
  });

  it('closes the list with Escape', async () => {
    const { page } = await open('/en/');
    const box = page.getByRole('combobox');
    await box.click();
    await box.pressSequentially('refund');
    await expect.poll(() => box.getAttribute('aria-expanded')).toBe('true');
    await box.press('Escape');
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    await page.context().close();
  });

  it('counts a search without results once: typed, left standing, then Enter to the results page', async () => {
    const { page } = await open('/nl/', { width: 1366 });
    const mark = Array.from({ length: 10 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
    const typed = `xqzv ${mark} jan@example.com blorp`;
    const stored = `xqzv ${mark} [e-mail] blorp`;
    const rowsOf = async () =>
      (
        await demo.server.database.db
          .select()
          .from(failedSearches)
          .where(like(failedSearches.query, `%${mark}%`))
      ).map((r) => r.query);
    const sent = page.waitForRequest((request) => new URL(request.url()).pathname === '/api/signals', { timeout: 15_000 });
    const box = page.getByRole('combobox');
    const area = await box.boundingBox();
    if (!area) throw new Error('the search box is not visible');
    expect(area.x).toBeGreaterThanOrEqual(0);
    expect(area.x + area.width).toBeLessThanOrEqual(1366);
    await page.mouse.click(area.x + area.width / 2, area.y + area.height / 2);
    await box.pressSequentially(typed, { delay: 15 });
    // Left standing without results, the box reports it, redacted, as a signal through the outbox.
    const body = (await sent).postDataJSON() as { signals: { key: string; type: string; query: string; locale: string; resultCount: number }[] };
    expect(body.signals).toEqual([{ key: expect.any(String), type: 'failed_search', query: stored, locale: 'nl', resultCount: 0 }]);
    await Promise.all([page.waitForURL(/\/nl\/search\/\?q=/), box.press('Enter')]);
    await expect.poll(() => page.locator('h2[role="status"]').textContent()).toMatch(/Resultaten voor “xqzv .*”: 0 resultaten/);
    await expect.poll(rowsOf).toEqual([stored]);
    // The results page has run, and the outbox has nothing left to send: still one row.
    await page.waitForLoadState('networkidle');
    await expect.poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('wegwijs.outbox') ?? '[]').length)).toBe(0);
    expect(await rowsOf()).toEqual([stored]);
    await page.context().close();
  });

  // "Of neem contact met ons op" with nothing to press left people stuck on the results page; now it opens the chat.
  for (const way of [PHONE, { ...DESKTOP, viewport: { width: 1366, height: 768 } }]) {
    it(`results page without results, ${way.name} (${way.locale}): "ask in the chat" opens the chat, pressed or with the keyboard`, async () => {
      const words = way.locale === 'nl' ? { ask: 'stel je vraag in de chat', question: 'Je vraag' } : { ask: 'ask us in the chat', question: 'Your question' };
      const page = await (await openContext(demo.browser, way)).newPage();
      await page.goto(`${demo.server.url}/${way.locale}/search/?q=hondenvoer`);
      const ask = page.getByRole('main').getByRole('button', { name: words.ask });
      await press(page, ask, page.getByRole('main'), { what: `"${words.ask}"` });
      const dialog = page.getByRole('dialog');
      await dialog.waitFor({ timeout: 30_000 });
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('id'))).toBe('chat-q');
      expect(await dialog.getByRole('textbox', { name: words.question }).count()).toBe(1);
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.count()).toBe(0);
      // The keyboard: Tab to it (from the heading above it), Enter.
      await page
        .getByRole('main')
        .locator('#results-heading')
        .evaluate((heading) => {
          (heading as HTMLElement).tabIndex = -1;
          (heading as HTMLElement).focus();
        });
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(words.ask);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('id')), { timeout: 30_000 }).toBe('chat-q');
      expect(await auditAccessibility(page)).toEqual([]);
      await page.context().close();
    }, 90_000);
  }

  it('lists every hit on the results page', async () => {
    const { page } = await open('/en/search/?q=gift%20card');
    await expect.poll(() => page.locator('.hits .hit').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('h2[role="status"]').textContent()).toMatch(/Results for “gift card”: \d+ results/);
    await page.context().close();
  });

  it('works without JavaScript: pages read and the search form submits to the results page', async () => {
    const { page } = await open('/nl/', { javaScriptEnabled: false });
    expect(await page.getByRole('link', { name: /Bezorging/ }).count()).toBeGreaterThan(0);
    await page.locator('input[name="q"]').fill('retour');
    await Promise.all([page.waitForURL(/\/nl\/search\/\?q=retour/), page.locator('input[name="q"]').press('Enter')]);
    await page.context().close();
  });

  it('fits a 320 px wide screen without sideways scrolling', async () => {
    // One page visits each path: nothing is typed or stored on the way, and a browser context with its first page
    // load costs Chromium a few CPU-seconds more than another visit in it.
    const { page } = await open('/nl/', { width: 320 });
    for (const path of ['/nl/', '/en/delivery/where-is-my-parcel/']) {
      if (path !== '/nl/') await page.goto(`${demo.server.url}${path}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(320);
    }
    await page.context().close();
  });

  it('on a short screen (a desktop zoomed to 200 %), the open suggestions are not covered by the chat launcher', async () => {
    const context = await openContext(demo.browser, { ...DESKTOP, name: 'zoomed', locale: 'nl', viewport: { width: 683, height: 450 } });
    const page = await context.newPage();
    await page.goto(`${demo.server.url}/nl/`);
    const box = page.getByRole('combobox').first();
    await press(page, box, undefined, { what: 'zoekvak' });
    await page.keyboard.type('pakje nog ni ontvangen', { delay: 20 });
    const options = page.getByRole('option');
    await expect.poll(() => options.count()).toBeGreaterThanOrEqual(3);
    const launcher = await page.getByRole('button', { name: 'Stel een vraag' }).boundingBox();
    expect(launcher).not.toBeNull();
    // Where the launcher sits, the suggestion under it (if any) is what a click would reach.
    const at = { x: launcher!.x + launcher!.width / 2, y: launcher!.y + launcher!.height / 2 };
    const hit = await page.evaluate(({ x, y }) => {
      const found = document.elementFromPoint(x, y)?.closest('[role="option"], .chat-launch');
      return found ? (found.matches('[role="option"]') ? 'option' : 'chat launcher') : null;
    }, at);
    expect(hit).toBe('option');
    await context.close();
  });

  it('passes an accessibility audit (WCAG 2.1 AA) on every kind of page', async () => {
    // One page visits each path in turn, as in the test above: the audit reads the page as loaded, and nothing is
    // typed or stored between the visits.
    const { page } = await open('/nl/');
    for (const path of ['/nl/', '/en/', '/nl/bezorging/', '/en/delivery/where-is-my-parcel/', '/nl/search/?q=retour', '/404.html']) {
      if (path !== '/nl/') await page.goto(`${demo.server.url}${path}`);
      await page.waitForLoadState('networkidle');
      expect(await auditAccessibility(page), path).toEqual([]);
    }
    await page.context().close();
  }, 120_000);
});

/**
 * A phone's on-screen keyboard, emulated as the viewport it leaves: when it
 * comes up while the chat is open, the log gets shorter, and the newest line
 * (the answer and its "Ja"/"Nee") must stay in view. The old widget kept its
 * scroll position, so at 375 × 812 → 420 the customer saw the answer before
 * last and the newest one lay under the composer. And with the keyboard up,
 * a finger swiping the chat scrolls its log, never the page hidden behind it
 * (the old widget let a swipe on the header or the composer move the article
 * under it by hundreds of pixels).
 */
import { expect, it } from 'vitest';
import { demoInBrowser, describeWithBrowser, openContext, press, widget } from '../../test/browser.ts';

const WAYS = [
  {
    locale: 'nl',
    viewport: { width: 375, height: 812 },
    keyboardUp: 420,
    questions: ['waar is mijn pakket', 'hoe stuur ik iets terug'],
    draft: 'en ',
    yes: 'Ja',
  },
  {
    locale: 'en',
    viewport: { width: 812, height: 375 },
    keyboardUp: 200,
    questions: ['where is my parcel', 'how do I return something'],
    draft: 'and ',
    yes: 'Yes',
  },
] as const;

describeWithBrowser('the chat when the phone keyboard comes up', () => {
  const demo = demoInBrowser();

  for (const way of WAYS) {
    const size = `${way.viewport.width} × ${way.viewport.height} → ${way.keyboardUp}`;
    it(`keeps the newest answer in view at ${size} (${way.locale})`, async () => {
      const context = await openContext(demo.browser, { name: 'phone', touch: true, locale: way.locale, viewport: way.viewport });
      const page = await context.newPage();
      await page.goto(`${demo.server.url}/${way.locale}/`);
      await widget.open(page, way.locale);
      const dialog = widget.dialog(page);
      const log = widget.log(page);
      for (const question of way.questions) {
        const before = await log.getByRole('listitem').count();
        await widget.ask(page, way.locale, question);
        await expect.poll(() => log.getByRole('listitem').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(before + 2);
      }
      // The customer taps the box to start the next question: the keyboard comes up, the viewport shrinks.
      await press(page, dialog.getByRole('textbox'), dialog, { what: 'the message box', scroll: false });
      await page.keyboard.type(way.draft);
      await page.setViewportSize({ width: way.viewport.width, height: way.keyboardUp });

      const newest = log.getByRole('listitem').last();
      expect(await newest.textContent()).toContain(way.locale === 'nl' ? 'retour' : 'return');
      // Its bottom inside the log's visible part, without anyone scrolling it.
      await expect
        .poll(async () => {
          const [item, shown] = await Promise.all([newest.boundingBox(), log.boundingBox()]);
          return item && shown ? Math.round(item.y + item.height - (shown.y + shown.height)) : null;
        })
        .toBeLessThanOrEqual(1);
      // And its "Ja" pressed where it is: inside the dialog, the visible log and the viewport.
      await press(page, newest.getByRole('button', { name: way.yes, exact: true }), dialog, { what: `the newest answer's "${way.yes}"`, scroll: false });
      expect(await dialog.getByRole('textbox').inputValue(), 'the draft is still there').toBe(way.draft);
      // The keyboard's Enter key says what it does here: send (the box is a text area, whose key would show a new line).
      expect(await dialog.getByRole('textbox').evaluate((box) => (box as HTMLElement).enterKeyHint)).toBe('send');
      await context.close();
    }, 90_000);
  }

  it('at 375 × 420, a swipe on the chat moves its log and never the page behind it (nl)', async () => {
    const context = await openContext(demo.browser, { name: 'phone', touch: true, locale: 'nl', viewport: { width: 375, height: 420 } });
    const page = await context.newPage();
    // An article long enough to scroll behind the chat.
    await page.goto(`${demo.server.url}/nl/retourneren/hoe-stuur-ik-iets-terug/`);
    expect(await page.evaluate(() => document.documentElement.scrollHeight - innerHeight), 'the article scrolls').toBeGreaterThan(300);
    await widget.open(page, 'nl');
    for (const question of ['waar is mijn pakket', 'hoe stuur ik iets terug']) {
      const before = await widget.log(page).getByRole('listitem').count();
      await widget.ask(page, 'nl', question);
      await expect.poll(() => widget.log(page).getByRole('listitem').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(before + 2);
    }
    const cdp = await context.newCDPSession(page);
    /** A finger put down at (x, y) and moved `dy` pixels (up when negative), as the touch events a phone sends. */
    const swipe = async (x: number, y: number, dy: number) => {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
      for (let step = 1; step <= 12; step++) {
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y + (dy * step) / 12 }] });
        await page.waitForTimeout(16);
      }
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      await page.waitForTimeout(400);
    };
    const scrolled = () => page.evaluate(() => ({ log: Math.round(document.querySelector('[role=log]')?.scrollTop ?? 0), page: Math.round(window.scrollY) }));
    const log = await widget.log(page).boundingBox();
    if (!log) throw new Error('the log has no box');
    const atStart = await scrolled();
    // Down on the log: older lines come into view (the log scrolls).
    await swipe(log.x + log.width / 2, log.y + 40, 250);
    expect((await scrolled()).log, 'the log scrolled to older lines').toBeLessThan(atStart.log);
    // Up on the header and on the composer: nothing in the chat scrolls there, and the page behind must not either.
    await swipe(60, 20, -250);
    await swipe(60, 400, -250);
    expect((await scrolled()).page, 'the page behind the chat').toBe(0);
    await context.close();
  }, 90_000);
});

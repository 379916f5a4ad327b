/**
 * An impatient double tap (or double click) on the chat's controls that give
 * way when pressed: the second press, 120 ms after the first at the same
 * spot, must not do a second thing nobody chose. On the old widget, at
 * 375 px, "Nee" under "Heeft dit je vraag beantwoord?" then opened one of the
 * offered articles and an offered article's button opened the next offered
 * article's page; at both sizes "Ja, opnieuw beginnen" opened the hand-off
 * form and "Versturen naar een medewerker" the file picker of the reply box.
 */
import { expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { Locale } from '#core/locale.ts';
import { DESKTOP, PHONE, type Way, demoInBrowser, describeWithBrowser, openContext, press, widget } from '../../test/browser.ts';

const WORDS: Record<
  Locale,
  {
    payment: string;
    vague: string;
    firstOffered: string;
    no: string;
    none: string;
    restart: string;
    restartYes: string;
    person: string;
    email: string;
    sendHandoff: string;
    handoffTitle: string;
    attach: string;
  }
> = {
  nl: {
    payment: 'hoe kan ik betalen',
    vague: 'pakket',
    firstOffered: 'Waar is mijn pakket?',
    no: 'Nee',
    none: 'Geen van deze',
    restart: 'Opnieuw beginnen',
    restartYes: 'Ja, opnieuw beginnen',
    person: 'Praat met een medewerker',
    email: 'Je e-mailadres (verplicht)',
    sendHandoff: 'Versturen naar een medewerker',
    handoffTitle: 'Vraag het een medewerker',
    attach: 'Bijlage toevoegen',
  },
  en: {
    payment: 'how can I pay',
    vague: 'parcel',
    firstOffered: 'Where is my parcel?',
    no: 'No',
    none: 'None of these',
    restart: 'Start over',
    restartYes: 'Yes, start over',
    person: 'Talk to a person',
    email: 'Your e-mail address (required)',
    sendHandoff: 'Send to a person',
    handoffTitle: 'Ask a person',
    attach: 'Add attachment',
  },
};

describeWithBrowser('a double tap in the chat', () => {
  const demo = demoInBrowser();

  /** Presses `target` as a person does, then once more at the same spot 120 ms later. */
  async function doublePress(page: Page, way: Way, target: Locator, what: string) {
    const box = await target.boundingBox();
    if (!box) throw new Error(`${what}: not visible`);
    await press(page, target, widget.dialog(page), { what, scroll: false });
    await page.waitForTimeout(120);
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    // Chromium counts the second of two taps this close as a double tap (`detail` 2); a mouse's second click is
    // pressed as the system counts it.
    if (way.touch) await page.touchscreen.tap(x, y);
    else {
      await page.mouse.move(x, y);
      await page.mouse.down({ clickCount: 2 });
      await page.mouse.up({ clickCount: 2 });
    }
    // Whatever the second press set off has time to show.
    await page.waitForTimeout(600);
  }

  for (const way of [PHONE, { ...DESKTOP, viewport: { width: 1366, height: 768 } }]) {
    it(`does one thing, ${way.name} (${way.locale})`, async () => {
      const w = WORDS[way.locale];
      const page = await (await openContext(demo.browser, way)).newPage();
      let pickers = 0;
      page.on('filechooser', () => pickers++);
      const start = `${demo.server.url}/${way.locale}/`;
      await page.goto(start);
      await widget.open(page, way.locale);
      const dialog = widget.dialog(page);
      const log = widget.log(page);
      const saidByCustomer = () => log.locator('.from-customer').count();

      // "Nee" under the answer: the alternatives are offered and stay offered, none is picked.
      await widget.ask(page, way.locale, w.payment);
      await doublePress(page, way, log.getByRole('button', { name: w.no, exact: true }), `"${w.no}"`);
      await expect.poll(() => log.getByRole('button', { name: w.none }).count()).toBe(1);
      expect(await saidByCustomer()).toBe(1);
      expect(page.url()).toBe(start);

      // Starting over: the empty chat, not the hand-off form that took the confirmation's place.
      await press(page, dialog.getByRole('button', { name: w.restart, exact: true }), dialog, { what: `"${w.restart}"`, scroll: false });
      await doublePress(page, way, dialog.getByRole('button', { name: w.restartYes }), `"${w.restartYes}"`);
      expect(await saidByCustomer()).toBe(0);
      expect(await dialog.getByRole('heading', { name: w.handoffTitle }).count()).toBe(0);

      // One of the offered articles: its answer, not the page of the article that moved under the finger.
      await widget.ask(page, way.locale, w.vague);
      await doublePress(page, way, log.getByRole('button', { name: w.firstOffered }), `"${w.firstOffered}"`);
      expect(page.url()).toBe(start);
      await expect.poll(() => log.locator('strong').allTextContents()).toEqual([w.firstOffered]);

      // The hand-off: sent once, and the reply box's file picker does not open under the finger.
      await press(page, dialog.getByRole('button', { name: w.person }).last(), dialog, { what: `"${w.person}"`, scroll: false });
      await dialog.getByLabel(w.email).fill('jan@example.com');
      await doublePress(page, way, dialog.getByRole('button', { name: w.sendHandoff }), `"${w.sendHandoff}"`);
      await expect.poll(() => log.textContent(), { timeout: 20_000 }).toMatch(/WW-\d+/);
      expect(pickers).toBe(0);
      // A press of its own still opens it.
      await press(page, dialog.getByText(w.attach), dialog, { what: `"${w.attach}"`, scroll: false });
      await expect.poll(() => pickers).toBe(1);
    }, 120_000);
  }

  it('lets two single clicks through, however quick: only what the browser counts as a double click is stopped', async () => {
    // A person who knows where the next control comes, or a test robot, clicks once and once more (`detail` 1 each):
    // the second click does what a click there does. At 1366 px "Talk to a person" comes where "Yes, start over" was.
    const way = { ...DESKTOP, viewport: { width: 1366, height: 768 } };
    const w = WORDS[way.locale];
    const page = await (await openContext(demo.browser, way)).newPage();
    await page.goto(`${demo.server.url}/${way.locale}/`);
    await widget.open(page, way.locale);
    const dialog = widget.dialog(page);
    await widget.ask(page, way.locale, w.payment);
    await press(page, dialog.getByRole('button', { name: w.restart, exact: true }), dialog, { what: `"${w.restart}"`, scroll: false });
    const box = await dialog.getByRole('button', { name: w.restartYes }).boundingBox();
    if (!box) throw new Error(`"${w.restartYes}" has no box`);
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await page.mouse.click(x, y);
    await page.waitForTimeout(120);
    const under = await page.evaluate(([px, py]) => document.elementFromPoint(px ?? 0, py ?? 0)?.closest('button')?.textContent ?? '', [x, y]);
    expect(under, 'what lies where "Yes, start over" was').toBe(w.person);
    await page.mouse.click(x, y);
    await expect.poll(() => dialog.getByRole('heading', { name: w.handoffTitle }).count()).toBe(1);
  }, 60_000);
});

/**
 * The chat as a customer carries it from page to page. On a phone they
 * follow the answer's "Lees het hele artikel" and read the article, then
 * press Back: the old widget opened the same chat again over the article,
 * so the screen did not seem to change. And a Belgian customer who switches
 * the site to English mid-conversation keeps the conversation as it was
 * said: the old widget put the English title over the Dutch answer, with a
 * link to the English article. And one with two tabs of the site open
 * asks in both and hands off in one: the other kept its own copy of the
 * conversation and wrote it back with its next question, so the hand-off
 * and its ticket were gone from both, and the team's replies with them.
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DESKTOP, PHONE, type Way, demoInBrowser, describeWithBrowser, expectInside, openContext, press, widget } from '../../test/browser.ts';

const WIDE: Way = { ...DESKTOP, locale: 'nl', viewport: { width: 1366, height: 768 } };

describeWithBrowser('the chat across pages', () => {
  const demo = demoInBrowser();

  /** Whether the element's centre shows the element itself: it is in view and nothing lies over it. */
  const seen = (page: Page, selector: string) =>
    page.locator(selector).evaluate((el) => {
      const box = el.getBoundingClientRect();
      const top = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
      return top !== null && (top === el || el.contains(top));
    });

  for (const way of [PHONE, WIDE]) {
    it(`the answer's article, then Back, ${way.name} (nl)`, async () => {
      const page = await (await openContext(demo.browser, way)).newPage();
      const start = `${demo.server.url}/nl/`;
      await page.goto(start);
      await widget.open(page, 'nl');
      await widget.ask(page, 'nl', 'wanneer krijg ik mijn geld terug');
      const dialog = widget.dialog(page);
      const log = widget.log(page);
      const read = log.getByRole('link', { name: 'Lees het hele artikel' });
      await read.waitFor();
      await press(page, dialog.getByRole('textbox'), dialog, { what: 'the message box', scroll: false });
      await page.keyboard.type('en bij een cadeaubon');
      await press(page, read, dialog, { what: '"Lees het hele artikel"', scroll: false });
      await page.waitForURL('**/nl/retourneren/wanneer-krijg-ik-mijn-geld-terug/');
      await page.getByRole('heading', { level: 1, name: 'Wanneer krijg ik mijn geld terug?' }).waitFor();
      // Give a reopening chat its chance to cover the article.
      await page.waitForTimeout(1500);
      expect(await seen(page, 'main h1'), 'the article is in view, not under the chat').toBe(true);
      // On a phone the chat waits behind its launcher; beside the article it stays open, as on every page.
      expect(await dialog.count()).toBe(way.touch ? 0 : 1);

      await page.goBack();
      await page.waitForURL(start);
      await dialog.waitFor({ timeout: 30_000 });
      expect(await dialog.getByRole('textbox').inputValue()).toBe('en bij een cadeaubon');
      // The answer's title where the thread shows it.
      const title = log.locator('.from-assistant:last-child strong');
      await expect.poll(async () => (await title.boundingBox())?.height ?? 0).toBeGreaterThan(0);
      expectInside(await title.boundingBox(), await log.boundingBox(), 'the answer in the visible part of the thread');
      await page.context().close();
    }, 90_000);
  }

  for (const way of [PHONE, WIDE]) {
    it(`a switch to English and back keeps the conversation as it was said, ${way.name}`, async () => {
      const page = await (await openContext(demo.browser, way)).newPage();
      await page.goto(`${demo.server.url}/nl/`);
      await widget.open(page, 'nl');
      await widget.ask(page, 'nl', 'hoe kan ik betalen');
      const log = widget.log(page);
      const answer = log.locator('.from-assistant').filter({ hasText: 'Je betaalt met iDEAL' });
      await answer.waitFor();
      const asSaid = async () => ({
        title: await answer.locator('strong').textContent(),
        article: await answer.getByRole('link').getAttribute('href'),
      });
      const dutch = { title: 'Welke betaalmethoden zijn er?', article: '/nl/betalen/welke-betaalmethoden-zijn-er/' };
      expect(await asSaid()).toEqual(dutch);

      for (const [language, locale] of [
        ['English', 'en'],
        ['Nederlands', 'nl'],
      ] as const) {
        // On a phone the chat covers the header: a person closes it to reach the language link.
        const dialog = widget.dialog(page);
        if (way.touch && (await dialog.count()) > 0) {
          await press(page, dialog.getByRole('button', { name: locale === 'en' ? 'Sluiten' : 'Close' }), dialog, { scroll: false });
        }
        await press(page, page.getByRole('link', { name: language }), undefined, { what: `"${language}"` });
        await page.waitForURL(`**/${locale}/`);
        // Closed on the phone, it opens with its launcher; open at the desk, it opens again by itself on the new page.
        if (way.touch) await widget.open(page, locale);
        else await dialog.waitFor({ timeout: 30_000 });
        await answer.waitFor();
        expect(await asSaid()).toEqual(dutch);
      }
      await page.context().close();
    }, 90_000);
  }

  it('two tabs of the site: a question in each, the hand-off in one; the other follows, and what it writes (its own hand-off form too) goes to the team', async () => {
    const context = await openContext(demo.browser, WIDE);
    const first = await context.newPage();
    const second = await context.newPage();
    await first.goto(`${demo.server.url}/nl/bezorging/`);
    await second.goto(`${demo.server.url}/nl/retourneren/`);
    const thread = (page: Page) => widget.log(page).locator('.chat-messages > li');
    await first.bringToFront();
    await widget.open(first, 'nl');
    await widget.ask(first, 'nl', 'mn pakket is er nog niet');
    await widget.log(first).getByText('Waar is mijn pakket?').waitFor();
    await second.bringToFront();
    await widget.open(second, 'nl');
    await widget.ask(second, 'nl', 'kan ik dit nog retour sturen');
    await widget.log(second).getByText('Wat kan ik niet retourneren?').waitFor();
    // The second tab's hand-off form, half filled, waits there while the first hands off.
    const secondDialog = widget.dialog(second);
    await press(second, secondDialog.getByRole('button', { name: 'Praat met een medewerker' }).last(), secondDialog, { scroll: false });
    await press(second, secondDialog.getByLabel('Wat wil je nog kwijt? (niet verplicht)'), secondDialog, { scroll: false });
    await second.keyboard.type('het gaat om bestelling 40231');
    // Back in the first tab, the question asked in the second is there too.
    await first.bringToFront();
    await thread(first).filter({ hasText: 'kan ik dit nog retour sturen' }).waitFor();

    const dialog = widget.dialog(first);
    await press(first, dialog.getByRole('button', { name: 'Praat met een medewerker' }).last(), dialog, { scroll: false });
    await press(first, dialog.getByLabel('Je e-mailadres (verplicht)'), dialog, { scroll: false });
    await first.keyboard.type('twee.tabs@example.nl');
    await press(first, dialog.getByRole('button', { name: 'Versturen naar een medewerker' }), dialog, { scroll: false });
    const handedOff = /Je vraag is doorgestuurd \(ticket WW-\d+\)/;
    await widget.log(first).getByText(handedOff).waitFor();

    // The second tab shows the conversation with the team. Its form's Send did nothing (the conversation was handed off
    // already) and its words reached no one: the form is gone, and its words wait in the message box, to the team.
    await second.bringToFront();
    await widget.log(second).getByText(handedOff).waitFor();
    expect(await secondDialog.getByRole('heading', { level: 2 }).textContent()).toBe('Je gesprek met ons team');
    expect(await secondDialog.getByLabel('Je e-mailadres (verplicht)').count()).toBe(0);
    const box = secondDialog.getByRole('textbox', { name: 'Antwoord aan de medewerker' });
    expect(await box.inputValue()).toBe('het gaat om bestelling 40231');
    await press(second, secondDialog.getByRole('button', { name: 'Versturen', exact: true }), secondDialog, { scroll: false });
    await expect.poll(() => thread(second).last().textContent()).toMatch(/^Jij: het gaat om bestelling 40231/);
    // Its next line goes to the team too, not to the assistant.
    await widget.ask(second, 'nl', 'ik heb ook nog een vraag over de factuur');
    await expect.poll(() => thread(second).last().textContent()).toBe('Jij: ik heb ook nog een vraag over de factuur');

    // A reload of the first tab keeps it all: the hand-off, its ticket and the lines written in the second.
    await first.bringToFront();
    await first.reload();
    await widget.log(first).getByText(handedOff).waitFor();
    await thread(first).filter({ hasText: 'het gaat om bestelling 40231' }).waitFor();
    await thread(first).filter({ hasText: 'ik heb ook nog een vraag over de factuur' }).waitFor();
    expect(await thread(first).filter({ hasText: 'kan ik dit nog retour sturen' }).count()).toBe(1);
  }, 90_000);
});

/**
 * The customer's path under the display settings people browse with: Windows
 * high contrast (forced colours), a dark colour scheme and reduced motion, in
 * Chromium against the real server. High contrast paints every background in
 * one system colour and drops shadows, so whatever is drawn by its background
 * alone must carry a border there (global.css, chat.css). Screenshots (with
 * WEGWIJS_SCREENSHOTS=1) in .screenshots/display-settings/.
 */
import { expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import {
  DESKTOP,
  PHONE,
  auditAccessibility,
  demoInBrowser,
  describeWithBrowser,
  expectInside,
  openContext,
  press,
  screenshot,
  widget,
} from '../../test/browser.ts';

const SHOTS = 'display-settings';
const ARTICLE = '/nl/bezorging/levertijden/';
/** A 1366 × 768 laptop with a mouse, in Dutch. */
const LAPTOP = { ...DESKTOP, name: 'laptop', locale: 'nl' as const, viewport: { width: 1366, height: 768 } };

/** The width of an element's top border as painted: 0 when there is none, or it is transparent. */
const edge = (target: Locator) =>
  target.evaluate((el) => {
    const style = getComputedStyle(el);
    const seen = style.borderTopStyle !== 'none' && !/^(transparent|rgba\(.*, 0\))$/.test(style.borderTopColor);
    return seen ? Number.parseFloat(style.borderTopWidth) : 0;
  });

describeWithBrowser('the site under display settings', () => {
  const demo = demoInBrowser();

  it('high contrast: the launcher, the search button, each chat message and a pressed answer keep a shape of their own; the audit passes', async () => {
    const page = await (await openContext(demo.browser, LAPTOP, { forcedColors: 'active' })).newPage();
    await page.goto(`${demo.server.url}${ARTICLE}`);
    // Before, both were bare words on the page: their background is all that made them buttons.
    expect(await edge(page.locator('#chat-launcher')), 'the launcher').toBeGreaterThanOrEqual(1);
    expect(await edge(page.getByRole('button', { name: 'Zoeken' })), 'the search button').toBeGreaterThanOrEqual(1);
    await screenshot(page, `${SHOTS}/forced-article.png`);

    // The keyboard's focus shows as an outline, which high contrast keeps (a box-shadow it would drop).
    const search = page.getByRole('combobox');
    while (!(await search.evaluate((el) => el === document.activeElement))) await page.keyboard.press('Tab');
    expect(await search.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');

    // "Was dit artikel nuttig?" Ja: pressed looked the same as not pressed.
    const feedback = page.locator('.article-feedback');
    await press(page, feedback.getByRole('button', { name: 'Ja', exact: true }), feedback, { what: 'Ja under the article' });
    await expect.poll(() => feedback.getByRole('button', { name: 'Ja', exact: true }).getAttribute('aria-pressed')).toBe('true');
    const background = (name: string) => feedback.getByRole('button', { name, exact: true }).evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await background('Ja'), 'pressed against not pressed').not.toBe(await background('Nee'));
    await screenshot(feedback, `${SHOTS}/forced-feedback-pressed.png`);

    await widget.open(page, 'nl');
    await widget.ask(page, 'nl', 'waar blijft mn pakket');
    const dialog = widget.dialog(page);
    await dialog.getByRole('button', { name: 'Ja', exact: true }).waitFor();
    // Who said what: the customer's words and the assistant's answer each in a box, not loose lines of text.
    const messages = widget.log(page).locator('.chat-messages > li');
    expect(await messages.count()).toBeGreaterThanOrEqual(3);
    for (const message of await messages.all()) expect(await edge(message), (await message.textContent()) ?? undefined).toBeGreaterThanOrEqual(1);
    await screenshot(page, `${SHOTS}/forced-answer.png`);
    expect(await auditAccessibility(page)).toEqual([]);
  }, 60_000);

  it('dark mode with reduced motion: the audit passes on the article, the answer and the hand-off form, and nothing moves', async () => {
    const page = await (await openContext(demo.browser, LAPTOP, { colorScheme: 'dark', reducedMotion: 'reduce' })).newPage();
    await page.goto(`${demo.server.url}${ARTICLE}`);
    expect(await auditAccessibility(page), 'the article').toEqual([]);
    await widget.open(page, 'nl');
    await widget.ask(page, 'nl', 'kan ik mn bestelling nog annuleren');
    const dialog = widget.dialog(page);
    await dialog.getByRole('button', { name: 'Ja', exact: true }).waitFor();
    // No transition or animation runs, and nothing scrolls smoothly: the newest answer is simply there.
    const motion = await page.evaluate(() => ({
      animations: document.getAnimations().length,
      scrolling: [document.documentElement, document.querySelector('.chat-log'), document.querySelector('.chat-dialog')].map(
        (el) => el && getComputedStyle(el).scrollBehavior,
      ),
    }));
    expect(motion).toEqual({ animations: 0, scrolling: ['auto', 'auto', 'auto'] });
    expect(await auditAccessibility(page), 'the answer').toEqual([]);
    await screenshot(page, `${SHOTS}/dark-answer.png`);
    await widget.ask(page, 'nl', 'ik wil iemand spreken');
    await dialog.getByLabel('Je e-mailadres (verplicht)').waitFor();
    expect(await auditAccessibility(page), 'the hand-off form').toEqual([]);
    await screenshot(page, `${SHOTS}/dark-handoff.png`);
  }, 60_000);

  it('a larger default font (24 px, not zoom) on a phone: no page is wider than the screen, and the launcher, the dialog, the composer and "Praat met een medewerker" stay on it', async () => {
    const context = await openContext(demo.browser, PHONE);
    const page = await context.newPage();
    // Chromium's "font size" setting: rem and em grow, px widths stay. At 400 % zoom everything grows alike, so this was not seen there.
    await (await context.newCDPSession(page)).send('Page.setFontSizes', { fontSizes: { standard: 24, fixed: 20 } });
    const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
    // An article (the footer's e-mail address, one long word) and the home page (its category cards, 15rem at the least):
    // either made the page wider than the phone, the phone's layout viewport grew with it, and the launcher sat half off the screen.
    await page.goto(`${demo.server.url}${ARTICLE}`);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('24px');
    expect(await pageWidth(), 'the article').toBeLessThanOrEqual(PHONE.viewport.width);
    await page.goto(`${demo.server.url}/nl/`);
    expect(await pageWidth(), 'the home page').toBeLessThanOrEqual(PHONE.viewport.width);
    await screenshot(page, `${SHOTS}/font-24-phone-home.png`);
    await widget.open(page, 'nl');
    const dialog = widget.dialog(page);
    expectInside(await dialog.boundingBox(), { x: 0, y: 0, ...PHONE.viewport }, 'the dialog on the screen');
    await widget.ask(page, 'nl', 'kan ik dit nog retour sturen');
    await dialog.getByRole('button', { name: 'Ja', exact: true }).waitFor();
    await screenshot(page, `${SHOTS}/font-24-phone-answer.png`);
    await press(page, dialog.getByRole('button', { name: 'Praat met een medewerker' }), dialog, { what: 'Praat met een medewerker', scroll: false });
    const email = dialog.getByLabel('Je e-mailadres (verplicht)');
    await press(page, email, dialog, { what: 'the e-mail field', scroll: false });
    await page.keyboard.type('jan@example.nl');
    expect(await email.inputValue()).toBe('jan@example.nl');
    await press(page, dialog.getByRole('button', { name: 'Versturen naar een medewerker' }), dialog, { what: 'Send to a person', scroll: false });
    await dialog.getByText(/Je vraag (wordt doorgestuurd|is doorgestuurd)/).waitFor();
    await screenshot(page, `${SHOTS}/font-24-phone-handoff.png`);
  }, 60_000);
});

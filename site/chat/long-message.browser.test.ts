/**
 * What customers paste: a long story is never cut without a word. The old
 * widget's fields cut it silently (the message box at 500 characters, the
 * hand-off form's "anything to add" at 2,000), also when the customer wrote
 * to the team, where the API takes 5,000. Now the question box says the
 * assistant reads 500 and keeps the text, "Talk to a person" takes it along
 * into the form, a reply to the team goes whole, and a form message over the
 * API's limit is named as the field that is wrong, with the focus on it.
 * Line breaks in a pasted message survive (the old one-line box made them
 * spaces): the team gets them, and the chat shows them as lines.
 */
import { expect, it } from 'vitest';
import { MAX_MESSAGE_LENGTH } from '#core/messages.ts';
import { DESKTOP, PHONE, demoInBrowser, describeWithBrowser, openContext, press, widget } from '../../test/browser.ts';

/** 3,000 characters of a customer's own story, as pasted (insertText keeps to a field's maxLength, as a paste does). */
const STORY = 'Mijn bestelling kwam beschadigd aan en ik wil precies uitleggen wat er allemaal gebeurd is. '.repeat(40).slice(0, 3000);

describeWithBrowser('a long message in the chat', () => {
  const demo = demoInBrowser();

  it('to the assistant: kept whole and said why it is not sent; "Praat met een medewerker" takes it along (375 touch)', async () => {
    const context = await openContext(demo.browser, PHONE);
    const page = await context.newPage();
    await page.goto(`${demo.server.url}/nl/`);
    await widget.open(page, 'nl');
    const dialog = widget.dialog(page);
    const box = dialog.getByRole('textbox');
    await press(page, box, dialog, { what: 'the message box', scroll: false });
    await page.keyboard.insertText(STORY);
    expect(await box.inputValue(), 'the field holds the whole paste').toBe(STORY);
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByRole('alert').textContent()).toMatch(/langer dan 500 tekens/);
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    expect(await box.inputValue(), 'kept after Enter').toBe(STORY);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('chat-q');
    // Nothing went to the assistant: the greeting is the only line.
    expect(await widget.log(page).getByRole('listitem').count()).toBe(1);

    await press(page, dialog.getByRole('button', { name: 'Praat met een medewerker' }), dialog, { what: '"Praat met een medewerker"', scroll: false });
    expect(await dialog.getByLabel('Wat wil je nog kwijt? (niet verplicht)').inputValue()).toBe(STORY);
    await dialog.getByLabel('Je e-mailadres (verplicht)').fill('lang@example.com');
    await press(page, dialog.getByRole('button', { name: 'Versturen naar een medewerker' }), dialog, { what: 'Send', scroll: false });
    await expect.poll(() => widget.log(page).textContent(), { timeout: 20_000 }).toMatch(/ticket WW-\d+/);
    await context.close();
  }, 90_000);

  it('to the team: a reply of 3,000 characters goes whole; one over the limit in the form is named, with the focus on it (1366 mouse)', async () => {
    const context = await openContext(demo.browser, DESKTOP);
    const page = await context.newPage();
    await page.goto(`${demo.server.url}/en/`);
    await widget.open(page, 'en');
    const dialog = widget.dialog(page);
    await press(page, dialog.getByRole('button', { name: 'Talk to a person' }), dialog, { what: '"Talk to a person"', scroll: false });
    const message = dialog.getByLabel('Anything you want to add? (optional)');
    await message.focus();
    await page.keyboard.insertText('x'.repeat(MAX_MESSAGE_LENGTH + 1));
    expect((await message.inputValue()).length, 'the field holds the whole paste').toBe(MAX_MESSAGE_LENGTH + 1);
    await dialog.getByLabel('Your e-mail address (required)').fill('long@example.com');
    await press(page, dialog.getByRole('button', { name: 'Send to a person' }), dialog, { what: 'Send', scroll: false });
    await expect.poll(() => dialog.getByRole('alert').textContent()).toMatch(/longer than 5,000 characters/);
    expect(await page.evaluate(() => document.activeElement?.id), 'the focus on the field that is wrong').toBe('handoff-message');
    expect(await message.getAttribute('aria-invalid')).toBe('true');
    // A screen reader reads the error with the field: it describes the message field, not the e-mail address.
    expect(await message.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent)).toMatch(/longer than 5,000/);
    expect(await dialog.getByLabel('Your e-mail address (required)').getAttribute('aria-invalid')).toBeNull();

    await message.fill('See my story below.');
    await press(page, dialog.getByRole('button', { name: 'Send to a person' }), dialog, { what: 'Send', scroll: false });
    await expect.poll(() => widget.log(page).textContent(), { timeout: 20_000 }).toMatch(/ticket WW-\d+/);

    const story = STORY.replaceAll('Mijn bestelling kwam beschadigd aan', 'My order arrived damaged');
    const box = dialog.getByRole('textbox');
    await press(page, box, dialog, { what: 'the reply box', scroll: false });
    await page.keyboard.insertText(story);
    await press(page, dialog.getByRole('button', { name: 'Send', exact: true }), dialog, { what: 'Send', scroll: false });
    const sent = widget.log(page).getByRole('listitem').filter({ hasText: 'My order arrived damaged' }).last();
    await expect.poll(() => sent.textContent(), { timeout: 20_000 }).toContain(story.trim());
    expect(await box.inputValue()).toBe('');

    await context.close();
  }, 90_000);

  it('pasted with line breaks (an address): the team gets the lines, and the chat shows them (375 touch)', async () => {
    const context = await openContext(demo.browser, PHONE);
    const page = await context.newPage();
    await page.goto(`${demo.server.url}/nl/`);
    await widget.open(page, 'nl');
    const dialog = widget.dialog(page);
    await press(page, dialog.getByRole('button', { name: 'Praat met een medewerker' }), dialog, { what: '"Praat met een medewerker"', scroll: false });
    await dialog.getByLabel('Je e-mailadres (verplicht)').fill('regels@example.com');
    await press(page, dialog.getByRole('button', { name: 'Versturen naar een medewerker' }), dialog, { what: 'Send', scroll: false });
    await expect.poll(() => widget.log(page).textContent(), { timeout: 20_000 }).toMatch(/ticket WW-\d+/);

    const lines = 'Afleveradres:\nKerkstraat 1\n1234 AB Utrecht';
    const sending = page.waitForRequest((request) => request.url().endsWith('/ticket/messages') && (request.postData() ?? '').includes('Kerkstraat'));
    const box = dialog.getByRole('textbox');
    await press(page, box, dialog, { what: 'the reply box', scroll: false });
    await page.keyboard.insertText(lines);
    await page.keyboard.press('Enter');
    expect(JSON.parse((await sending).postData() ?? '{}').body, 'what the team gets').toBe(lines);
    const shown = widget.log(page).getByRole('listitem').filter({ hasText: 'Kerkstraat' }).last();
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered lines, as the customer sees them, are the point here.
    expect(await shown.locator('p').evaluate((p) => (p as HTMLElement).innerText)).toBe(lines);
    expect(await box.inputValue()).toBe('');
    await context.close();
  }, 90_000);
});

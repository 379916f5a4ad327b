/**
 * Saved replies as people use them, in a real browser against the real
 * server, at 1366 px with a mouse and at 375 px by touch: an admin manages
 * them on /agent/saved-replies/ (placeholders explained; empty, duplicate and
 * double-clicked submits; edit; delete after a confirmation naming it), an
 * agent who is no admin only reads them there, and inserts one into a reply
 * from the keyboard (i, then Ctrl+/ in the reply box) with the placeholders
 * filled in. Every press is at a control's centre after checking it lies
 * inside the viewport (and its dialog). Screenshots (WEGWIJS_SCREENSHOTS=1): .screenshots/inbox3/.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { createAgent } from '../../api/agents/service.ts';
import { CHEAP_COST } from '../../api/test/app.ts';
import { auditAccessibility, demoInBrowser, describeWithBrowser, press, screenshot } from '../../test/browser.ts';
import type { TestServer } from '../../test/server.ts';

const PASSWORD = 'correct horse battery staple';
const SHOTS = 'inbox3';

const WAYS = [
  { name: 'desktop', options: { viewport: { width: 1366, height: 900 } } },
  { name: 'phone', options: { viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true } },
] as const;

/** Hands a conversation off through the public API, as the widget does; the ticket's number. */
async function handOff(server: TestServer, note: string): Promise<string> {
  const started = await fetch(`${server.url}/api/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  const { id, token } = (await started.json()) as { id: string; token: string };
  const res = await fetch(`${server.url}/api/conversations/${id}/handoff`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
    body: JSON.stringify({
      email: 'kim@example.com',
      name: 'Kim',
      locale: 'nl',
      message: note,
      transcript: [{ from: 'customer', text: 'levering', at: new Date().toISOString() }],
    }),
  });
  return ((await res.json()) as { number: string }).number;
}

describeWithBrowser('saved replies', () => {
  const demo = demoInBrowser(async (server) => {
    await createAgent(server.database.db, { email: 'beheer@duinwinkel.example', name: 'Beheer', role: 'admin', password: PASSWORD }, CHEAP_COST);
    await createAgent(server.database.db, { email: 'sanne@duinwinkel.example', name: 'Sanne', role: 'agent', password: PASSWORD }, CHEAP_COST);
  });

  const signIn = async (email: string, options: (typeof WAYS)[number]['options']): Promise<Page> => {
    const page = await (await demo.browser.newContext(options)).newPage();
    await page.goto(`${demo.server.url}/agent/`);
    await press(page, page.getByLabel('E-mailadres'));
    await page.keyboard.type(email);
    await press(page, page.getByLabel('Wachtwoord'));
    await page.keyboard.type(PASSWORD);
    await press(page, page.getByRole('button', { name: 'Inloggen' }));
    await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
    return page;
  };
  const count = (page: Page) =>
    page.evaluate(async () => ((await (await fetch('/api/agent/saved-replies?locale=nl')).json()) as { savedReplies: unknown[] }).savedReplies.length);

  for (const way of WAYS) {
    it(`${way.name}: an admin adds, edits and deletes saved replies, errors in Dutch and nothing typed lost`, { timeout: 300_000 }, async () => {
      const admin = await signIn('beheer@duinwinkel.example', way.options);
      await press(admin, admin.getByRole('link', { name: 'Standaardantwoorden' }));
      await admin.getByRole('heading', { name: 'Invulvelden' }).waitFor();
      const placeholders = (await admin.locator('.placeholders').textContent()) ?? '';
      for (const name of ['{klant}', '{customer}', '{ticket}', '{medewerker}', '{agent}']) expect(placeholders).toContain(name);
      expect(placeholders).toContain('het ticketnummer');
      const before = await count(admin);

      const form = admin.getByRole('form', { name: 'Nieuw standaardantwoord' });
      const title = `Excuses ${way.name}`;
      // Empty: refused before sending, in Dutch, naming the field.
      await press(admin, form.getByRole('button', { name: 'Toevoegen' }));
      await expect.poll(() => form.getByRole('alert').textContent()).toBe('Vul titel in.');
      await press(admin, form.getByLabel('Titel'));
      await admin.keyboard.type(title);
      await press(admin, form.getByLabel('Tekst'));
      await admin.keyboard.type('Sorry voor het wachten, {klant}. Ik kijk naar {ticket}. Groet, {medewerker}');
      // A double click adds it once.
      await press(admin, form.getByRole('button', { name: 'Toevoegen' }), undefined, { double: true });
      await expect.poll(() => admin.getByRole('status').first().textContent()).toBe(`"${title}" is toegevoegd.`);
      expect(await count(admin)).toBe(before + 1);
      expect(await form.getByLabel('Titel').inputValue()).toBe('');
      const list = admin.getByRole('region', { name: /^Nederlands/ });
      await expect.poll(() => list.getByRole('heading', { name: title }).count()).toBe(1);

      // The same title again: a Dutch message naming it; what was typed stays.
      await press(admin, form.getByLabel('Titel'));
      await admin.keyboard.type(title);
      await press(admin, form.getByLabel('Tekst'));
      await admin.keyboard.type('nog een keer');
      await press(admin, form.getByRole('button', { name: 'Toevoegen' }));
      await expect
        .poll(() => form.getByRole('alert').textContent())
        .toBe(`Er is al een standaardantwoord "${title}" in het Nederlands. Kies een andere titel.`);
      expect(await form.getByLabel('Tekst').inputValue()).toBe('nog een keer');
      await press(admin, form.getByLabel('Titel'));
      await admin.keyboard.type(' 2');
      await press(admin, form.getByRole('button', { name: 'Toevoegen' }));
      await expect.poll(() => list.getByRole('heading', { name: `${title} 2` }).count()).toBe(1);
      expect(await auditAccessibility(admin)).toEqual([]);
      await screenshot(admin, path.join(SHOTS, `saved-replies-${way.name}.png`), { fullPage: true });
      expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(way.options.viewport.width);

      // Edit: the text changes, the title stays.
      await press(admin, list.getByRole('button', { name: `${title} 2 bewerken` }));
      const edit = admin.getByRole('form', { name: `"${title} 2" bewerken` });
      // The form opens where the reply was; the person scrolls it into view.
      await edit.evaluate((form) => form.scrollIntoView({ block: 'center' }));
      await press(admin, edit.getByLabel('Tekst'));
      await admin.keyboard.press('ControlOrMeta+A');
      await admin.keyboard.type('Fijne dag, {klant}!');
      await press(admin, edit.getByRole('button', { name: 'Opslaan' }));
      // Saved: the form closes and the reply shows its new text (the textarea's own text does not count).
      await expect.poll(() => edit.count()).toBe(0);
      expect(await list.locator('.saved-reply-body').allTextContents()).toContain('Fijne dag, {klant}!');

      // Delete, after a confirmation naming it.
      await press(admin, list.getByRole('button', { name: `${title} 2 verwijderen` }));
      const dialog = admin.getByRole('dialog', { name: `"${title} 2" verwijderen?` });
      await dialog.waitFor();
      await screenshot(admin, path.join(SHOTS, `saved-replies-delete-${way.name}.png`));
      await press(admin, dialog.getByRole('button', { name: 'Verwijderen' }), dialog);
      await expect.poll(() => list.getByRole('heading', { name: `${title} 2` }).count()).toBe(0);
      expect(await list.getByRole('heading', { name: title }).count()).toBe(1);
      await admin.context().close();
    });
  }

  it('lets an agent who is no admin read them only, and insert one from the keyboard, filled in', { timeout: 300_000 }, async () => {
    const number = await handOff(demo.server, 'Mijn levering is al een week te laat');
    const admin = await signIn('beheer@duinwinkel.example', WAYS[0].options);
    const added = await admin.evaluate(async () =>
      Promise.all(
        [
          { title: 'Bedankt voor je geduld', body: 'Bedankt voor je geduld, {klant}.' },
          { title: 'Te laat geleverd', body: 'Sorry dat {ticket} zo lang duurt, {klant}. Groet, {medewerker}' },
        ].map(
          async (reply) =>
            (
              await fetch('/api/agent/saved-replies', {
                method: 'POST',
                headers: { 'content-type': 'application/json', 'x-requested-with': 'wegwijs' },
                body: JSON.stringify({ locale: 'nl', ...reply }),
              })
            ).status,
        ),
      ),
    );
    expect(added.every((status) => status === 201 || status === 409)).toBe(true);
    await admin.context().close();

    const page = await signIn('sanne@duinwinkel.example', WAYS[0].options);
    await page.goto(`${demo.server.url}/agent/saved-replies/`);
    await page.getByRole('heading', { name: 'Invulvelden' }).waitFor();
    await expect.poll(() => page.locator('main').textContent()).toContain('Alleen beheerders kunnen standaardantwoorden toevoegen');
    expect(await page.getByRole('button', { name: 'Toevoegen' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /bewerken$/ }).count()).toBe(0);

    await page.goto(`${demo.server.url}/agent/`);
    await press(page, page.getByRole('tab', { name: /^Niet toegewezen/ }));
    await press(page, page.getByRole('navigation', { name: 'Tickets' }).getByRole('button', { name: new RegExp(`^${number}\\b`) }));
    await expect.poll(() => page.locator('#ticket-title').textContent()).toContain(number);
    expect(await page.locator('.inbox-ticket').textContent()).toContain('i standaardantwoord invoegen (Ctrl+/ in het antwoordvak)');
    const box = page.getByRole('textbox', { name: /Antwoord/ });
    await press(page, box);
    await page.keyboard.type('Hoi Kim,');

    // i (outside the reply box) opens the list with its filter focused; typing narrows it, Enter inserts.
    await press(page, page.locator('#ticket-title'));
    await page.keyboard.press('i');
    const filter = page.getByRole('searchbox', { name: 'Zoek een standaardantwoord' });
    await expect.poll(() => filter.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('laat');
    await page.keyboard.press('Enter');
    await expect.poll(() => box.inputValue()).toBe(`Hoi Kim,\nSorry dat ${number} zo lang duurt, Kim. Groet, Sanne`);
    expect(await filter.count()).toBe(0);

    // Ctrl+/ in the reply box: the arrow keys walk the list without inserting; Enter inserts the one reached.
    await box.press('ControlOrMeta+/');
    await expect.poll(() => filter.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    expect(await box.inputValue()).toBe(`Hoi Kim,\nSorry dat ${number} zo lang duurt, Kim. Groet, Sanne`);
    await page.keyboard.press('Enter');
    await expect.poll(() => box.inputValue()).toBe(`Hoi Kim,\nSorry dat ${number} zo lang duurt, Kim. Groet, Sanne\nBedankt voor je geduld, Kim.`);
    // Escape closes the list without inserting.
    await box.press('ControlOrMeta+/');
    await filter.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => filter.count()).toBe(0);
    expect(await box.inputValue()).toContain('Bedankt voor je geduld, Kim.');
    await screenshot(page, path.join(SHOTS, 'saved-reply-inserted-desktop.png'), { fullPage: true });
    await page.context().close();
  });
});

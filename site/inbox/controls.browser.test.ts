/**
 * Inbox and reports as a person works them, on a 375 × 812 phone by touch and
 * at 1366 × 900 with a mouse: every control agents use (sign-in, the queue's
 * tabs, search and entries, the reply box and Send, take-over and its
 * confirmation, sign-out, the report's sections and each CSV link) is checked
 * to lie inside the viewport (and its dialog) and nothing on top of it, then
 * pressed at its centre. The page never scrolls sideways. It also walks what
 * outside checks rely on (issue 13), in Dutch and in English: the sign-in
 * fields' labels, queue entries named by their number, the All tab and a
 * search inside message text reaching a colleague's ticket, the heading with
 * the number, the reply box and its button, the take-over naming the holder.
 * Screenshots (WEGWIJS_SCREENSHOTS=1) go to .screenshots/inbox3/.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { createAgent } from '../../api/agents/service.ts';
import { CHEAP_COST } from '../../api/test/app.ts';
import { auditAccessibility, demoInBrowser, describeWithBrowser, downloadedBytes, press, screenshot } from '../../test/browser.ts';
import type { TestServer } from '../../test/server.ts';

const PASSWORD = 'correct horse battery staple';
const SHOTS = 'inbox3';

const WAYS = [
  { name: 'phone', options: { viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true } },
  { name: 'desktop', options: { viewport: { width: 1366, height: 900 } } },
] as const;
type Way = (typeof WAYS)[number];

/** Hands a conversation off through the public API, as the widget does. */
async function handOff(server: TestServer, question: string, note: string): Promise<{ id: string; number: string }> {
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
      transcript: [{ from: 'customer', text: question, at: new Date().toISOString() }],
    }),
  });
  const created = (await res.json()) as { ticketId: string; number: string };
  return { id: created.ticketId, number: created.number };
}

/** The queue (a navigation landmark named "Tickets"): the customer panel beside a ticket lists ticket numbers too. */
const queue = (page: Page) => page.getByRole('navigation', { name: 'Tickets' });

/** The page is no wider than the viewport: nothing scrolls sideways. */
const noSideways = async (page: Page, way: Way) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(way.options.viewport.width);

describeWithBrowser('inbox and reports on a phone and a desktop', () => {
  const demo = demoInBrowser(async (server) => {
    await createAgent(server.database.db, { email: 'sanne@duinwinkel.example', name: 'Sanne', role: 'agent', password: PASSWORD }, CHEAP_COST);
    await createAgent(server.database.db, { email: 'beheer@duinwinkel.example', name: 'Beheer', role: 'admin', password: PASSWORD }, CHEAP_COST);
  });

  /** Signs in by pressing the labelled fields and the button, as a person does. */
  const signIn = async (way: Way, email: string, at = '/agent/'): Promise<Page> => {
    const page = await (await demo.browser.newContext(way.options)).newPage();
    await page.goto(`${demo.server.url}${at}`);
    await press(page, page.getByLabel('E-mailadres'));
    await page.keyboard.type(email);
    await press(page, page.getByLabel('Wachtwoord'));
    await page.keyboard.type(PASSWORD);
    await noSideways(page, way);
    await press(page, page.getByRole('button', { name: 'Inloggen' }));
    await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
    return page;
  };

  for (const way of WAYS) {
    it(`${way.name}: the inbox's controls lie inside the screen and work pressed at their centres`, { timeout: 300_000 }, async () => {
      const mine = await handOff(demo.server, 'jas kapot', `Rits van me jas is na 1x dragen al kapot (${way.name})`);
      const held = await handOff(demo.server, 'retour', `Waar blijft me geld? Retour al 2 weken geleden verstuurd (${way.name})`);
      // Sanne holds the second ticket (claimed through the API as her inbox would).
      const sanne = await signIn(WAYS[1], 'sanne@duinwinkel.example');
      expect(
        await sanne.evaluate(
          async (id) => (await fetch(`/api/agent/tickets/${id}/claim`, { method: 'POST', headers: { 'x-requested-with': 'wegwijs' } })).status,
          held.id,
        ),
      ).toBe(200);

      const page = await signIn(way, 'beheer@duinwinkel.example');
      await screenshot(page, path.join(SHOTS, `inbox-${way.name}-queue.png`), { fullPage: true });
      await noSideways(page, way);
      // The tabs, each pressed; the entry's name starts with its number.
      for (const tab of ['Van mij', 'Alle', 'Niet toegewezen']) {
        await press(page, page.getByRole('tab', { name: new RegExp(`^${tab}`) }));
        await expect.poll(() => page.getByRole('tab', { name: new RegExp(`^${tab}`) }).getAttribute('aria-selected')).toBe('true');
      }
      await press(page, queue(page).getByRole('button', { name: new RegExp(`^${mine.number}\\b`) }));
      await expect.poll(() => page.locator('#ticket-title').textContent()).toContain(mine.number);
      await noSideways(page, way);

      // Reply box and Send.
      const box = page.getByRole('textbox', { name: /Antwoord/ });
      await press(page, box);
      await page.keyboard.type('Hoi Kim, we sturen je een nieuwe jas. Groetjes!');
      await press(page, page.getByRole('button', { name: 'Versturen' }), page.locator('.inbox-reply'));
      await expect.poll(() => box.inputValue()).toBe('');
      await expect.poll(() => page.locator('.thread').textContent()).toContain('we sturen je een nieuwe jas');
      await screenshot(page, path.join(SHOTS, `inbox-${way.name}-replied.png`), { fullPage: true });

      // The search reaches Sanne's ticket by words only in its messages; take it over after the confirmation naming her.
      await press(page, page.getByRole('tab', { name: /^Alle/ }));
      await press(page, page.getByRole('searchbox', { name: 'Zoeken in tickets' }));
      await page.keyboard.type('geld');
      await press(page, queue(page).getByRole('button', { name: new RegExp(`^${held.number}\\b`) }));
      await expect.poll(() => page.locator('#ticket-title').textContent()).toContain(held.number);
      await press(page, page.getByRole('button', { name: 'Overnemen' }));
      const dialog = page.getByRole('dialog', { name: `${held.number} overnemen?` });
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain(`Sanne heeft ${held.number}`);
      await screenshot(page, path.join(SHOTS, `inbox-${way.name}-take-over.png`));
      await press(page, dialog.getByRole('button', { name: 'Overnemen' }), dialog);
      await expect.poll(() => page.locator('.assignment').textContent()).toContain('Beheer');
      await noSideways(page, way);
      expect(await auditAccessibility(page)).toEqual([]);

      // Sign out is reachable from wherever the agent is.
      await press(page, page.getByRole('button', { name: 'Uitloggen' }));
      await page.getByRole('button', { name: 'Inloggen' }).waitFor();
      await sanne.context().close();
      await page.context().close();
    });

    it(`${way.name}: the reports' sections fit and each CSV link downloads its own table`, { timeout: 300_000 }, async () => {
      await handOff(demo.server, 'factuur', 'factuur klopt nie');
      const page = await signIn(way, 'beheer@duinwinkel.example', '/agent/reports/');
      const main = page.locator('main');
      await expect.poll(() => main.getByRole('region').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(5);
      await noSideways(page, way);
      for (const region of await main.getByRole('region').all()) {
        const box = await region.boundingBox();
        if (!box) throw new Error('a section without a box');
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(way.options.viewport.width + 0.5);
      }
      const links = await main.getByRole('link', { name: /^CSV downloaden: / }).all();
      expect(links.length).toBeGreaterThanOrEqual(7);
      const files = new Set<string>();
      for (const link of links) {
        const [download] = await Promise.all([page.waitForEvent('download'), press(page, link)]);
        // A CSV file with a header line, named after its table.
        expect((await downloadedBytes(download)).toString('utf8')).toMatch(/^[^\n]+,[^\n]+\r?\n/);
        files.add(download.suggestedFilename());
      }
      // One table each: no two links download the same file.
      expect(files.size).toBe(links.length);
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, path.join(SHOTS, `reports-${way.name}.png`), { fullPage: true });
      await press(page, page.getByRole('button', { name: 'Uitloggen' }));
      await page.getByRole('button', { name: 'Inloggen' }).waitFor();
      await page.context().close();
    });
  }

  it('keeps the names outside checks rely on, in Dutch and in English', { timeout: 300_000 }, async () => {
    const ticket = await handOff(demo.server, 'adres', 'Ik ben verhuisd, kan de bezorging naar mn nieuwe adres in Gent?');
    const sanne = await signIn(WAYS[1], 'sanne@duinwinkel.example');
    expect(
      await sanne.evaluate(
        async (id) => (await fetch(`/api/agent/tickets/${id}/claim`, { method: 'POST', headers: { 'x-requested-with': 'wegwijs' } })).status,
        ticket.id,
      ),
    ).toBe(200);
    await sanne.context().close();

    const page = await (await demo.browser.newContext(WAYS[1].options)).newPage();
    await page.goto(`${demo.server.url}/agent/`);
    // Labelled e-mail and password (wachtwoord), whatever the wording around them.
    await page.getByLabel(/e-mail/i).fill('beheer@duinwinkel.example');
    await page.getByLabel(/wachtwoord|password/i).fill(PASSWORD);
    await press(page, page.getByRole('button', { name: 'Inloggen' }));
    await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
    for (const words of [
      {
        language: 'nl',
        all: 'Alle',
        search: 'Zoeken in tickets',
        reply: /Antwoord/,
        send: 'Versturen',
        takeOver: 'Overnemen',
        title: `${ticket.number} overnemen?`,
        holder: 'Sanne heeft',
      },
      {
        language: 'en',
        all: 'All',
        search: 'Search tickets',
        reply: /Reply/,
        send: 'Send',
        takeOver: 'Take over',
        title: `Take over ${ticket.number}?`,
        holder: 'Sanne claimed',
      },
    ]) {
      await page.getByRole('combobox').first().selectOption(words.language);
      await press(page, page.getByRole('tab', { name: new RegExp(`^${words.all}`) }));
      // A word that is only in the customer's note finds the colleague's ticket.
      const search = page.getByRole('searchbox', { name: words.search });
      await search.fill('Gent');
      const entry = queue(page).getByRole('button', { name: new RegExp(`^${ticket.number}\\b`) });
      await press(page, entry);
      expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toContain(ticket.number);
      expect(await page.getByRole('textbox', { name: words.reply }).count()).toBe(1);
      expect(await page.getByRole('button', { name: words.send, exact: true }).count()).toBe(1);
      await press(page, page.getByRole('button', { name: words.takeOver, exact: true }));
      const dialog = page.getByRole('dialog', { name: words.title });
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain(words.holder);
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.count()).toBe(0);
      await search.fill('');
    }
    await page.context().close();
  });
});

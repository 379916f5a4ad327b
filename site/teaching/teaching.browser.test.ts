/**
 * Teaching goes live without a developer, in real browsers against one real
 * server: a customer's wording the assistant does not know is suggested for
 * an article; an admin approves it on the teaching screen (pressed at the
 * button's centre, on a phone and on a desktop); a customer opening the chat
 * afterwards gets the article for that wording, with no restart and no
 * rebuild. The screen passes an accessibility audit.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { createAgent } from '../../api/agents/service.ts';
import { CHEAP_COST } from '../../api/test/app.ts';
import { auditAccessibility, demoInBrowser, describeWithBrowser, press, screenshot } from '../../test/browser.ts';

const PASSWORD = 'correct horse battery staple';
const SHOTS = 'teaching';

/** Typed like a Flemish customer: no article has these words for a late delivery of a sofa. */
const WORDING = 'de vrachtwagen met mijn zetel is nog niet geweest';

describeWithBrowser('teaching the live assistant', () => {
  const demo = demoInBrowser((server) =>
    createAgent(server.database.db, { email: 'noor@duinwinkel.example', name: 'Noor', role: 'admin', password: PASSWORD }, CHEAP_COST),
  );

  async function ask(page: Page, question: string): Promise<string> {
    await page.goto(`${demo.server.url}/nl/`);
    await press(page, page.getByRole('button', { name: 'Stel een vraag', exact: true }));
    const input = page.getByRole('dialog').getByRole('textbox', { name: 'Je vraag' });
    await input.fill(question);
    await input.press('Enter');
    const log = page.getByRole('dialog').getByRole('log');
    // The assistant's reply to this question: an answer names its article, a no-match says so.
    await expect.poll(() => log.textContent(), { timeout: 20_000 }).toMatch(/Daar heb ik helaas geen antwoord op|Bezorging van grote artikelen|Bedoel je/);
    return (await log.textContent()) ?? '';
  }

  it('answers a wording an admin approved a moment ago, without a restart', async () => {
    // Before: the assistant does not know it.
    const before = await (await demo.browser.newContext({ viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true })).newPage();
    expect(await ask(before, WORDING)).not.toContain('Bezorging van grote artikelen');
    await before.context().close();

    // An agent attaches the wording to the article (as from a ticket: the API the inbox's "Teach" form calls).
    const admin = await (await demo.browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    await admin.goto(`${demo.server.url}/agent/teaching/`);
    await admin.getByLabel('E-mailadres').fill('noor@duinwinkel.example');
    await admin.getByLabel('Wachtwoord').fill(PASSWORD);
    await press(admin, admin.getByRole('button', { name: 'Inloggen' }));
    await admin.getByRole('button', { name: 'Uitloggen' }).waitFor();
    const suggested = await admin.evaluate(async (text) => {
      const res = await fetch('/api/agent/phrasings', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'wegwijs' },
        body: JSON.stringify({ articleId: 'large-item-delivery', locale: 'nl', text, source: 'ticket', sourceRef: 'WW-1001' }),
      });
      return res.status;
    }, WORDING);
    expect(suggested).toBe(201);
    await admin.reload();
    const approve = admin.getByRole('button', { name: `Goedkeuren: ${WORDING}` });
    await approve.waitFor();
    // The article the agent chose is shown, and can still be changed.
    expect(await admin.getByRole('combobox', { name: `Artikel voor "${WORDING}"` }).inputValue()).toBe('large-item-delivery');
    await screenshot(admin, `${SHOTS}/desktop-before-approve.png`, { fullPage: true });
    expect(await auditAccessibility(admin)).toEqual([]);
    await press(admin, approve);
    await expect.poll(() => admin.getByRole('status').textContent()).toContain('is goedgekeurd; de assistent kent het binnen een minuut');
    expect(await admin.getByRole('button', { name: `Niet meer live: ${WORDING}` }).count()).toBe(1);
    await screenshot(admin, `${SHOTS}/desktop-approved.png`, { fullPage: true });
    await admin.context().close();

    // A customer who opens the chat now (a new visit): answered with the article within a minute. A server looks
    // for approvals every 10 s (api/phrasings/live-model.ts), a test server every 0.5 s (test/server.ts); rather than a whole visit until then,
    // the question the widget asks when it opens is asked here until it names the live model, and then one visit.
    const liveModel = async () => ((await (await fetch(`${demo.server.url}/api/assistant/models/nl`)).json()) as { url: string | null }).url;
    await expect.poll(liveModel, { timeout: 60_000, interval: 500 }).toMatch(/^\/api\/assistant\/models\/live\/nl\.live\./);
    const visit = await (await demo.browser.newContext({ viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true })).newPage();
    const answered = await ask(visit, WORDING);
    await screenshot(visit, `${SHOTS}/phone-answer.png`);
    await visit.context().close();
    expect(answered).toContain('Bezorging van grote artikelen');
  }, 180_000);

  it('fits a phone: every control reachable at 375 px, sign-out too', async () => {
    const phone = await (await demo.browser.newContext({ viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true })).newPage();
    await phone.goto(`${demo.server.url}/agent/teaching/`);
    await phone.getByLabel('E-mailadres').fill('noor@duinwinkel.example');
    await phone.getByLabel('Wachtwoord').fill(PASSWORD);
    await press(phone, phone.getByRole('button', { name: 'Inloggen' }));
    await phone.getByRole('button', { name: 'Uitloggen' }).waitFor();
    // The list has loaded: the suggestion approved in the first test is still pending for `content pull`.
    await phone.getByRole('button', { name: `Niet meer live: ${WORDING}` }).waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(phone, `${SHOTS}/phone-list.png`, { fullPage: true });
    // Every button of the suggestion lies inside the screen.
    for (const button of await phone.locator('.suggestion button').all()) {
      const box = await button.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 375).toBe(true);
    }
    await press(phone, phone.getByRole('button', { name: 'Uitloggen' }));
    await phone.getByRole('button', { name: 'Inloggen' }).waitFor();
  }, 120_000);
});

/**
 * The inbox renders any stored reason. The API now stores only well-shaped
 * reasons, but rows written before (or by hand) may hold anything: here they
 * are written straight into the database, past the API, and an agent opens
 * the ticket in a real browser with every reason unfolded.
 */
import { expect, it } from 'vitest';
import { createAgent } from '../../api/agents/service.ts';
import { CHEAP_COST } from '../../api/test/app.ts';
import { createConversation } from '../../api/conversations/service.ts';
import type { HandoffInput } from '../../api/conversations/schema.ts';
import { handOff } from '../../api/tickets/handoff.ts';
import { demoInBrowser, describeWithBrowser, screenshot } from '../../test/browser.ts';

/** Reasons that crashed the inbox before (React error #31, terms.join, score.toFixed), and other junk. */
const STORED_REASONS: unknown[] = [
  { kind: 'ranking', terms: 'pakket', score: 'hoog', margin: null },
  { kind: 'ranking', terms: [{ a: 1 }, 'retour'], score: 1e308, margin: '0.2', phrasing: { html: '<b>x</b>' } },
  { kind: 'rule', ruleId: { nested: true }, pattern: ['a'] },
  { kind: 'pattern', pattern: { toString: 'x' } },
  { kind: { evil: true } },
  ['a', 'list'],
  'just text',
  42,
  true,
  { '<img src=x onerror=alert(1)>': '<script>alert(1)</script>' },
];

describeWithBrowser('the inbox with odd stored reasons', () => {
  const demo = demoInBrowser(async (server) => {
    const db = server.database.db;
    await createAgent(db, { email: 'sanne@duinwinkel.example', name: 'Sanne', role: 'agent', password: 'correct horse battery staple' }, CHEAP_COST);
    const { id } = await createConversation(db);
    const at = new Date().toISOString();
    const transcript = STORED_REASONS.map((why, i) => ({ from: 'assistant' as const, text: `antwoord ${i}`, at, articleId: null, why }));
    // Straight to the service, past the API's schema: as rows stored before it was strict.
    const input = {
      email: 'klant@example.com',
      message: 'rare redenen',
      locale: 'nl',
      transcript: [{ from: 'customer' as const, text: 'odd reasons question', at, articleId: null }, ...transcript],
    } as unknown as HandoffInput;
    await handOff(db, id, 'odd-reasons', input);
  });

  it.each([
    ['desktop', { width: 1366, height: 900 }, false],
    ['phone', { width: 375, height: 812 }, true],
  ] as const)(
    'shows every message and every reason on %s, without a page error',
    async (name, viewport, touch) => {
      const context = await demo.browser.newContext({ viewport, hasTouch: touch, isMobile: touch });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('dialog', (dialog) => {
        errors.push(`dialog: ${dialog.message()}`);
        void dialog.dismiss();
      });
      await page.goto(`${demo.server.url}/agent/`);
      await page.getByLabel('E-mailadres').fill('sanne@duinwinkel.example');
      await page.getByLabel('Wachtwoord').fill('correct horse battery staple');
      await page.getByRole('button', { name: 'Inloggen' }).click();
      await page.getByRole('button', { name: /rare redenen/ }).click();
      await expect.poll(() => page.locator('.thread > li').count(), { timeout: 20_000 }).toBe(STORED_REASONS.length + 2);
      for (const summary of await page.locator('.thread details > summary').all()) await summary.click();
      const thread = (await page.locator('.thread').textContent()) ?? '';
      for (let i = 0; i < STORED_REASONS.length; i++) expect(thread).toContain(`antwoord ${i}`);
      expect(thread).toMatch(/: retour/); // the one well-typed term of a malformed list
      expect(thread).toContain('<script>alert(1)</script>'); // shown as text
      expect(await page.locator('.thread img, .thread script, .thread b').count()).toBe(0);
      expect(await page.locator('.thread .error').count()).toBe(0);
      expect(errors).toEqual([]);
      await screenshot(page, `inbox/inbox-odd-reasons-${name}.png`, { fullPage: true });
      await context.close();
    },
    120_000,
  );
});

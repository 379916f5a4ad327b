/**
 * Replies by e-mail as an agent meets them, in a real browser against the
 * real server started with `SMTP_INBOUND_PORT` (as `npm start` would be): a
 * customer's Gmail-style reply, delivered by nodemailer over SMTP on
 * 127.0.0.1, shows in the ticket as the new text only, marked "per e-mail";
 * "Originele e-mail tonen" folds out the whole e-mail, by mouse at 1366 px,
 * by touch at 375 px and by keyboard. On the routing screen the agent
 * switches their notices by e-mail on. Screenshots (WEGWIJS_SCREENSHOTS=1): .screenshots/inbound/.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { createTransport } from 'nodemailer';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAgent } from '../../api/agents/service.ts';
import { CHEAP_COST } from '../../api/test/app.ts';
import { signingKey } from '../../api/http/signed.ts';
import { replyAddress } from '../../api/mail/reply-address.ts';
import { auditAccessibility, DESKTOP, describeWithBrowser, openContext, PHONE, press, testBrowser, type Way, screenshot } from '../../test/browser.ts';
import { DEMO_WAIT_MS, demoDist } from '../../test/demo-dist.ts';
import { freePort, startServer, type TestServer } from '../../test/server.ts';

const PASSWORD = 'correct horse battery staple';
const FROM = 'Duinwinkel <klantenservice@duinwinkel.example>';
const SHOTS = 'inbound';

const WAYS = [DESKTOP, PHONE] as const;

describeWithBrowser('replies by e-mail in the inbox', () => {
  let server: TestServer;
  let browser: Browser;
  let smtpPort: number;

  beforeAll(async () => {
    smtpPort = await freePort();
    server = await startServer(await demoDist(), { MAIL_FROM: FROM, SMTP_INBOUND_PORT: String(smtpPort), SMTP_INBOUND_HOST: '127.0.0.1' });
    await createAgent(server.database.db, { email: 'sanne@duinwinkel.example', name: 'Sanne', role: 'agent', password: PASSWORD }, CHEAP_COST);
    browser = await testBrowser();
  }, DEMO_WAIT_MS + 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A ticket handed off through the public API, as the widget does. */
  async function handOff(note: string): Promise<{ id: string; number: string }> {
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
        transcript: [{ from: 'customer', text: 'waar blijft mijn pakket', at: new Date().toISOString() }],
      }),
    });
    const created = (await res.json()) as { ticketId: string; number: string };
    return { id: created.ticketId, number: created.number };
  }

  async function signIn(way: Way): Promise<Page> {
    const page = await (await openContext(browser, way)).newPage();
    await page.goto(`${server.url}/agent/`);
    await page.getByLabel('E-mailadres').fill('sanne@duinwinkel.example');
    await page.getByLabel('Wachtwoord').fill(PASSWORD);
    await press(page, page.getByRole('button', { name: 'Inloggen' }));
    await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
    return page;
  }

  for (const way of WAYS) {
    it(`${way.name}: a customer's e-mail reply shows as its new text, and the original folds out by pointer and by keyboard`, {
      timeout: 120_000,
    }, async () => {
      const ticket = await handOff(`pakket kwijt ${way.name}`);
      const mailer = createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
      try {
        await mailer.sendMail({
          from: 'Kim <kim@example.com>',
          to: replyAddress(await signingKey(server.database.db, undefined)(), FROM, ticket.number),
          subject: `Re: Antwoord op je vraag [${ticket.number}]`,
          text: `Heb em nog steeds nie ontvangen hoor, track en trace zegt bezorgd?!\n\nOp ma 30 nov. 2026 om 14:02 schreef Duinwinkel <klantenservice@duinwinkel.example>:\n> Hoi Kim, je pakket is onderweg.\n`,
        });
      } finally {
        mailer.close();
      }

      const page = await signIn(way);
      await press(page, page.getByRole('tab', { name: 'Alle' }));
      await press(page, page.getByRole('button', { name: new RegExp(`${ticket.number}\\b`) }));
      await expect.poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toContain(ticket.number);
      const message = page.locator('.msg', { hasText: 'Heb em nog steeds nie ontvangen' });
      await expect.poll(() => message.textContent()).toContain('per e-mail');
      expect(await message.locator('p').first().textContent()).not.toContain('schreef');

      const toggle = message.getByText('Originele e-mail tonen');
      const original = message.locator('pre');
      expect(await original.isVisible()).toBe(false);
      await press(page, toggle);
      await expect.poll(() => original.isVisible()).toBe(true);
      expect(await original.textContent()).toContain('> Hoi Kim, je pakket is onderweg.');
      expect(await auditAccessibility(page)).toEqual([]);
      await screenshot(page, path.join(SHOTS, `${way.name}-original.png`), { fullPage: false });

      // Closed again from the keyboard: focus on the summary, Enter.
      await toggle.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => original.isVisible()).toBe(false);
      await page.keyboard.press('Space');
      await expect.poll(() => original.isVisible()).toBe(true);
      await page.context().close();
    });
  }

  it('the agent switches notices by e-mail on, on the routing screen, in the inbox language', { timeout: 60_000 }, async () => {
    const page = await signIn(PHONE);
    await press(page, page.getByRole('link', { name: 'Routering' }));
    const box = page.getByRole('checkbox', { name: /E-mail me bij een nieuw ticket/ });
    await box.waitFor();
    await expect.poll(() => box.isEnabled()).toBe(true);
    expect(await box.isChecked()).toBe(false);
    await press(page, box);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Meldingen per e-mail staan aan.' }).count()).toBe(1);
    expect(await box.isChecked()).toBe(true);
    expect(await auditAccessibility(page)).toEqual([]);
    await screenshot(page, path.join(SHOTS, 'phone-notice-setting.png'), { fullPage: false });
    const stored = await page.evaluate(async () => (await fetch('/api/agent/me/notices')).json());
    expect(stored).toEqual({ notifyByEmail: true, locale: 'nl' });
    await page.reload();
    await expect.poll(() => page.getByRole('checkbox', { name: /E-mail me bij een nieuw ticket/ }).isChecked()).toBe(true);
  });
});

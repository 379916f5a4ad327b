/**
 * The way back from an e-mail, in Debian's Chromium against the real server
 * with a real SMTP exchange: a customer hands off on one device, the agent
 * replies, the reply e-mail arrives at an SMTP listener on 127.0.0.1 with the
 * link, and the link opened in a fresh browser context (another device, at
 * 375×812 with touch and at 1366×900 with the mouse) shows the conversation
 * with the agent's reply. The customer writes a follow-up there; then, the
 * ticket closed while a message was on its way, the widget says it was not
 * delivered and sends the words as a new question. Every control is pressed
 * at its centre by coordinates; with WEGWIJS_SCREENSHOTS=1, screenshots go to .screenshots/widget/.
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { eq, sql } from 'drizzle-orm';
import { createAgent } from '../../api/agents/service.ts';
import { CHEAP_COST } from '../../api/test/app.ts';
import { rows } from '../../api/db/query.ts';
import { tickets } from '../../api/db/tables.ts';
import { fakeSmtpServer } from '../../api/test/smtp.ts';
import {
  DESKTOP,
  PHONE,
  type Way,
  auditAccessibility,
  describeWithBrowser,
  openContext,
  press as pressAt,
  testBrowser,
  widget,
  screenshot,
} from '../../test/browser.ts';
import { DEMO_WAIT_MS, demoDist } from '../../test/demo-dist.ts';
import { startServer, type TestServer } from '../../test/server.ts';

const SHOTS = 'widget';

const AGENT = { email: 'sanne@duinwinkel.example', name: 'Sanne de Vries', password: 'correct horse battery staple' };

const WORDS = {
  nl: {
    launcher: 'Stel een vraag',
    send: 'Versturen',
    askPerson: 'ik wil een medewerker spreken',
    email: 'E-mail',
    handoffSend: /versturen/i,
    followUp: 'top, maar kan het ook morgen ipv vandaag?',
    late: 'o ja en de doos was beschadigd',
    notDelivered: /Niet afgeleverd: vraag WW-\d+ was al afgesloten/,
    sendAsNew: 'Stuur als nieuwe vraag',
    closed: /is afgesloten/,
    invalidPage: 'Deze link klopt niet',
    invalidWidget: 'Deze link naar je gesprek klopt niet',
  },
  en: {
    launcher: 'Ask a question',
    send: 'Send',
    askPerson: 'talk to a person',
    email: 'E-mail',
    handoffSend: /send/i,
    followUp: 'great, but could it come tomorrow instead?',
    late: 'oh and the box was damaged',
    notDelivered: /Not delivered: question WW-\d+ was already closed/,
    sendAsNew: 'Send as a new question',
    closed: /is closed/,
    invalidPage: 'This link is not right',
    invalidWidget: 'This link to your conversation is not right',
  },
} as const;

describeWithBrowser('the link back to a conversation, from the e-mail to another device', () => {
  let server: TestServer;
  let browser: Browser;
  let smtp: Awaited<ReturnType<typeof fakeSmtpServer>>;
  beforeAll(async () => {
    smtp = await fakeSmtpServer();
    server = await startServer(await demoDist(), { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'Duinwinkel <klantenservice@duinwinkel.example>' });
    await createAgent(server.database.db, { ...AGENT, role: 'agent' }, CHEAP_COST);
    browser = await testBrowser();
  }, DEMO_WAIT_MS + 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise<void>((resolve) => (smtp ? smtp.server.close(() => resolve()) : resolve()));
  });

  /** A browser on a device of its own (nothing stored), with short reply polling. */
  async function device(way: Way): Promise<{ context: BrowserContext; page: Page }> {
    const context = await openContext(browser, way, { locale: way.locale === 'nl' ? 'nl-BE' : 'en-GB' });
    return { context, page: await context.newPage() };
  }
  const { dialog, log } = widget;
  const press = (page: Page, _way: Way, target: Locator, what: string) => pressAt(page, target, undefined, { what, scroll: false });
  // Captured even without WEGWIJS_SCREENSHOTS: without the captures' time the new question after a closed ticket was
  // not sent (its ticket number never came, twice, at the phone and the desk; decision 037). Not yet understood.
  const shot = (page: Page, way: Way, state: string) =>
    screenshot(page, path.join(SHOTS, `${way.name}-${way.viewport.width}-link-${state}.png`), { alwaysCapture: true });

  const write = (page: Page, way: Way, text: string) => widget.ask(page, way.locale, text);

  /** The agent's side, through the API. */
  async function agentApi() {
    const headers = { 'content-type': 'application/json', 'x-requested-with': 'wegwijs' };
    const login = await fetch(`${server.url}/api/agent/login`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ email: AGENT.email, password: AGENT.password }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const call = (method: string, url: string, body?: unknown) =>
      fetch(`${server.url}/api/agent/tickets${url}`, { method, headers: { ...headers, cookie }, ...(body ? { body: JSON.stringify(body) } : {}) });
    return {
      async ticketId(number: string) {
        const list = (await (await call('GET', '?status=all')).json()) as { tickets: { id: string; number: string }[] };
        return list.tickets.find((t) => t.number === number)?.id ?? '';
      },
      reply: (id: string, body: string) => call('POST', `/${id}/replies`, { body }),
      status: (id: string, status: string) => call('PATCH', `/${id}`, { status }),
    };
  }

  for (const way of [PHONE, DESKTOP]) {
    const w = WORDS[way.locale];
    it(`${way.name}: the link in the reply e-mail opens the conversation on another device, where the customer carries on`, async () => {
      const email = `link-${way.name}@example.com`;
      // The first device: a hand-off.
      const laptop = await device(way);
      await laptop.page.goto(`${server.url}/${way.locale}/`);
      await press(laptop.page, way, laptop.page.getByRole('button', { name: w.launcher, exact: true }), 'the launcher');
      await write(laptop.page, way, w.askPerson);
      await dialog(laptop.page).getByLabel(w.email).waitFor();
      await laptop.page.keyboard.type(email);
      await press(laptop.page, way, dialog(laptop.page).locator('.chat-handoff button[type=submit]'), 'the hand-off Send');
      await expect.poll(() => log(laptop.page).textContent(), { timeout: 20_000 }).toMatch(/WW-\d+/);
      const number = /(WW-\d+)/.exec((await log(laptop.page).textContent()) ?? '')?.[1] ?? '';

      // The agent replies; the e-mail goes over SMTP with the link.
      const agent = await agentApi();
      const ticketId = await agent.ticketId(number);
      const before = smtp.received.length;
      expect(
        (await agent.reply(ticketId, way.locale === 'nl' ? 'Hoi!\nHet pakket komt vandaag.\nGroet, Sanne' : 'Hi!\nThe parcel arrives today.\nRegards, Sanne'))
          .status,
      ).toBe(201);
      // Wait for the mail with the link itself: under load another mail to the customer (the hand-off's receipt) can arrive first.
      const linkInMail = () =>
        smtp.received
          .slice(before)
          .filter((m) => m.to.includes(`RCPT TO:<${email}>`))
          .map((m) => /\/c\/([0-9a-f-]{36}\.[0-9a-z]+\.[A-Za-z0-9_-]{22})/.exec(m.data.replace(/=\r?\n/g, ''))?.[1])
          .find((found) => found !== undefined);
      await expect.poll(linkInMail, { timeout: 20_000, message: 'the link in the e-mail' }).toBeDefined();
      const link = linkInMail();

      // Another device: a fresh context, nothing stored.
      const phone = await device(way);
      await phone.page.goto(`${server.url}/c/${link}`);
      await dialog(phone.page).waitFor();
      const agentLine = log(phone.page).locator('li.from-agent');
      await agentLine.waitFor({ timeout: 20_000 });
      expect(await agentLine.locator('p').innerText()).toMatch(way.locale === 'nl' ? /^Hoi!\nHet pakket komt vandaag\./ : /^Hi!\nThe parcel arrives today\./);
      expect(await agentLine.locator('.chat-byline').textContent()).toMatch(/^Sanne · \d\d:\d\d$/);
      // What was said before the hand-off shows too.
      expect(await log(phone.page).textContent()).toContain(w.askPerson);
      // The link left the address bar.
      expect(new URL(phone.page.url()).hash).toBe('');
      expect(new URL(phone.page.url()).pathname).toBe(`/${way.locale}/`);
      await shot(phone.page, way, '01-opened');
      expect(await auditAccessibility(phone.page)).toEqual([]);

      // The follow-up from the other device reaches the ticket.
      await write(phone.page, way, w.followUp);
      const threadOf = async () =>
        rows<{ body: string }>(
          server.database.db,
          sql`select m.body from messages m join tickets t on t.id = m.ticket_id where t.number = ${number} and m.author = 'customer' and not m.transcript order by m.id`,
        );
      await expect.poll(async () => (await threadOf()).map((m) => m.body), { timeout: 20_000 }).toContain(w.followUp);
      await expect.poll(() => log(phone.page).locator('.chat-waiting').count(), { timeout: 20_000 }).toBe(0);
      await shot(phone.page, way, '02-follow-up');

      // A message on its way while the ticket is closed: not delivered, said so, and sent as a new question.
      await phone.context.setOffline(true);
      await write(phone.page, way, w.late);
      expect((await agent.status(ticketId, 'solved')).status).toBe(200);
      expect((await agent.status(ticketId, 'closed')).status).toBe(200);
      await phone.context.setOffline(false);
      await phone.page.evaluate(() => window.dispatchEvent(new Event('online')));
      const notDelivered = log(phone.page).locator('.chat-not-sent');
      await expect.poll(() => notDelivered.textContent(), { timeout: 20_000 }).toMatch(w.notDelivered);
      await shot(phone.page, way, '03-not-delivered');
      await press(phone.page, way, notDelivered.getByRole('button', { name: w.sendAsNew }), 'Send as a new question');
      const emailField = dialog(phone.page).getByLabel(w.email);
      await emailField.waitFor();
      // The words are kept in the form; this device never had the address, so the customer gives it.
      expect(await dialog(phone.page).locator('#handoff-message').inputValue()).toBe(w.late);
      await press(phone.page, way, emailField, 'the e-mail field');
      await phone.page.keyboard.type(email);
      await shot(phone.page, way, '04-new-question-form');
      // The new hand-off is held back a moment, so the poll that starts with it is answered first, still naming the closed
      // ticket (as on a slow line; CI met it once): that answer must not become the new question's number.
      await phone.page.route('**/api/conversations/*/handoff', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        await route.continue();
      });
      await press(phone.page, way, dialog(phone.page).locator('.chat-handoff button[type=submit]'), 'the hand-off Send');
      await expect.poll(() => log(phone.page).textContent(), { timeout: 20_000 }).toMatch(new RegExp(`WW-\\d+(?<!${number})\\)`));
      expect(await log(phone.page).textContent()).not.toContain(`(ticket ${number})`);
      const ofConversation = await server.database.db
        .select({ number: tickets.number, status: tickets.status })
        .from(tickets)
        .where(eq(tickets.customerEmail, email));
      expect(ofConversation.map((t) => t.status).sort()).toEqual(['closed', 'open']);
      await shot(phone.page, way, '05-new-question-sent');

      // The first device follows the conversation into the new question.
      const newNumber = ofConversation.find((t) => t.status === 'open')?.number ?? '';
      await expect.poll(() => log(laptop.page).textContent(), { timeout: 20_000 }).toContain(newNumber);
      expect(await log(laptop.page).locator('li.chat-solved').count()).toBe(0);
      await shot(laptop.page, way, '06-first-device-follows');

      // Closed again, and known to be: writing now opens a new question with the words and the address filled in.
      const newId = await agent.ticketId(newNumber);
      expect((await agent.status(newId, 'solved')).status).toBe(200);
      expect((await agent.status(newId, 'closed')).status).toBe(200);
      const closedNotice = log(phone.page).locator('li.chat-solved');
      await expect.poll(() => closedNotice.textContent(), { timeout: 20_000 }).toMatch(w.closed);
      await shot(phone.page, way, '08-closed-known');
      await write(phone.page, way, w.followUp);
      await dialog(phone.page).getByLabel(w.email).waitFor();
      expect(await dialog(phone.page).getByLabel(w.email).inputValue()).toBe(email);
      expect(await dialog(phone.page).locator('#handoff-message').inputValue()).toBe(w.followUp);
      await shot(phone.page, way, '09-closed-new-question-form');
      await press(phone.page, way, dialog(phone.page).getByRole('button', { name: way.locale === 'nl' ? 'Annuleren' : 'Cancel', exact: true }), 'Cancel');
      expect(await rows(server.database.db, sql`select 1 from tickets where customer_email = ${email}`)).toHaveLength(2);

      // A changed link: the server's page and the widget both say so, in the page's language.
      const tampered = `${link?.slice(0, -3)}abc`;
      const other = await device(way);
      const answer = await other.page.goto(`${server.url}/c/${tampered}`, { waitUntil: 'load' });
      expect(answer?.status()).toBe(400);
      expect(await other.page.getByRole('heading', { level: 1 }).textContent()).toBe(w.invalidPage);
      await other.page.goto(`${server.url}/${way.locale}/#gesprek=${tampered}`);
      await expect.poll(() => dialog(other.page).getByRole('alert').textContent(), { timeout: 20_000 }).toContain(w.invalidWidget);
      await shot(other.page, way, '07-invalid-link');
      await Promise.all([laptop.context.close(), phone.context.close(), other.context.close()]);
    }, 180_000);
  }
});

/**
 * Notices in the inbox, in a real browser against the real server: a new
 * ticket and a customer's reply show as a count on the queue's tabs and in
 * the page's title ("(1) Inbox · …"), and go once the agent has the ticket
 * open. The browser is asked for permission to notify only when the agent
 * switches notifications on, never on loading the page; once allowed, a new
 * ticket and a reply each raise one notification. The page's refresh is
 * shortened through `window.wegwijsInboxRefresh` (site/inbox/refresh.ts), and
 * "nothing happened" is checked after the page has polled, not after a fixed wait; the
 * browser's Notification is watched, not replaced: calls are counted and
 * passed on to the real one.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterEach, expect, it } from 'vitest';
import { createAgent } from '../../api/agents/service.ts';
import { CHEAP_COST } from '../../api/test/app.ts';
import { demoInBrowser, describeWithBrowser, press, screenshot } from '../../test/browser.ts';
import type { TestServer } from '../../test/server.ts';

const PASSWORD = 'correct horse battery staple';
const SHOTS = 'inbox3';

declare global {
  interface Window {
    /** What the test saw of the Notification API. */
    seenNotifications?: { asked: number; shown: string[] };
  }
}

/** Hands a conversation off through the public API, as the widget does; the ticket and the customer's token. */
async function handOff(server: TestServer, note: string): Promise<{ id: string; number: string; conversation: string; token: string }> {
  const started = await fetch(`${server.url}/api/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  const { id, token } = (await started.json()) as { id: string; token: string };
  const res = await fetch(`${server.url}/api/conversations/${id}/handoff`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
    body: JSON.stringify({
      email: 'jelle@example.be',
      name: 'Jelle',
      locale: 'nl',
      message: note,
      transcript: [{ from: 'customer', text: 'hallo', at: new Date().toISOString() }],
    }),
  });
  const created = (await res.json()) as { ticketId: string; number: string };
  return { id: created.ticketId, number: created.number, conversation: id, token };
}

describeWithBrowser('notices in the inbox', () => {
  const demo = demoInBrowser((server) =>
    createAgent(server.database.db, { email: 'sanne@duinwinkel.example', name: 'Sanne', role: 'agent', password: PASSWORD }, CHEAP_COST),
  );

  // Every context is closed after its test, passed or not: a polling page left open loads the shared server.
  const contexts: BrowserContext[] = [];
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  /**
   * The notices' polls each page has answered: every poll asks for the agent's own open tickets (the queue on
   * screen asks for the unassigned ones), one poll at a time (site/inbox/Notices.tsx).
   */
  const polls = new WeakMap<Page, () => number>();
  /**
   * Waits until `count` polls that began after this call have ended: what a fixed wait stood for when the test
   * checks that something did not happen. The poll answered next may have begun before; the one after it began
   * once that one had ended, and has ended when the next one is answered.
   */
  const polledAfterNow = async (page: Page, count: number) => {
    const answered = polls.get(page);
    if (!answered) throw new Error('polledAfterNow: a page from signIn expected');
    const now = answered();
    await expect.poll(answered, { timeout: 30_000 }).toBeGreaterThanOrEqual(now + count + 2);
  };

  const signIn = async (options: BrowserContextOptions): Promise<Page> => {
    const context = await demo.browser.newContext({ viewport: { width: 1366, height: 900 }, ...options });
    contexts.push(context);
    await context.addInitScript(() => {
      window.wegwijsInboxRefresh = { ms: 300 };
      const seen = { asked: 0, shown: [] as string[] };
      window.seenNotifications = seen;
      const Real = window.Notification;
      const ask = Real.requestPermission.bind(Real);
      // Counted, then passed on: the real permission and the real notification.
      class Watched extends Real {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          seen.shown.push(title);
        }
      }
      Object.defineProperty(Watched, 'requestPermission', {
        value: (...args: Parameters<typeof Real.requestPermission>) => {
          seen.asked++;
          return ask(...args);
        },
      });
      window.Notification = Watched as typeof Notification;
    });
    const page = await context.newPage();
    let answered = 0;
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.pathname === '/api/agent/tickets' && url.searchParams.get('assignee') === 'me') answered++;
    });
    polls.set(page, () => answered);
    await page.goto(`${demo.server.url}/agent/`);
    await press(page, page.getByLabel('E-mailadres'));
    await page.keyboard.type('sanne@duinwinkel.example');
    await press(page, page.getByLabel('Wachtwoord'));
    await page.keyboard.type(PASSWORD);
    await press(page, page.getByRole('button', { name: 'Inloggen' }));
    await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
    return page;
  };
  const seen = (page: Page) => page.evaluate(() => window.seenNotifications ?? { asked: -1, shown: [] });

  it('counts new tickets and replies on the tabs and in the title, until the agent has them open', { timeout: 300_000 }, async () => {
    const page = await signIn({});
    const base = await page.title();
    expect(base).not.toMatch(/^\(\d+\)/);
    const ticket = await handOff(demo.server, 'Me pakket is nooit aangekomen, al 10 dagen wachten');
    await expect.poll(() => page.title()).toBe(`(1) ${base}`);
    // The badge shows the number; the tab's name says it in words.
    const unassigned = page.getByRole('tab', { name: /^Niet toegewezen/ });
    expect(await page.getByRole('tab', { name: 'Niet toegewezen 1 nieuw', exact: true }).count()).toBe(1);
    expect(await unassigned.locator('.count-badge [aria-hidden=true]').textContent()).toBe('1');
    expect(await unassigned.getAttribute('aria-selected')).toBe('true');
    await screenshot(page, path.join(SHOTS, 'notices-count-desktop.png'));

    // Opening it is seeing it.
    await press(page, page.getByRole('navigation', { name: 'Tickets' }).getByRole('button', { name: new RegExp(`^${ticket.number}\\b`) }));
    await expect.poll(() => page.title()).toBe(base);
    expect(await page.getByRole('tab', { name: 'Niet toegewezen', exact: true }).count()).toBe(1);
    // Claimed and answered; the agent looks elsewhere (a reload shows no ticket); the customer writes back.
    await press(page, page.getByRole('button', { name: 'Oppakken' }));
    await press(page, page.getByRole('textbox', { name: /Antwoord/ }));
    await page.keyboard.type('Hoi Jelle, ik zoek het voor je uit.');
    await press(page, page.getByRole('button', { name: 'Versturen' }));
    await expect.poll(() => page.locator('.thread').textContent()).toContain('ik zoek het voor je uit');
    await page.reload();
    await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
    const reply = await fetch(`${demo.server.url}/api/conversations/${ticket.conversation}/ticket/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ticket.token}`, 'idempotency-key': randomUUID() },
      body: JSON.stringify({ body: 'nog steeds niks binnen hoor' }),
    });
    expect(reply.status).toBe(201);
    await expect.poll(() => page.title()).toBe(`(1) ${base}`);
    await expect.poll(() => page.getByRole('tab', { name: 'Van mij 1 nieuw', exact: true }).count()).toBe(1);
    // Notifications were never switched on: the browser was never asked, nothing was shown.
    expect(await seen(page)).toEqual({ asked: 0, shown: [] });
    await page.context().close();
  });

  it('asks the browser only when the agent switches notifications on, and then notifies once per new ticket', { timeout: 300_000 }, async () => {
    // Not allowed yet: switching on asks once; the browser's refusal is said in Dutch and the switch stays off.
    const refused = await signIn({});
    await polledAfterNow(refused, 2);
    expect((await seen(refused)).asked).toBe(0);
    const switchOff = refused.getByRole('checkbox', { name: 'Meldingen in de browser' });
    expect(await switchOff.isChecked()).toBe(false);
    await press(refused, switchOff);
    await expect.poll(async () => (await seen(refused)).asked).toBe(1);
    const permission = await refused.evaluate(() => Notification.permission);
    if (permission !== 'granted') {
      await expect.poll(() => refused.locator('.notify-switch [role=alert]').textContent()).toContain('De browser staat meldingen voor deze site niet toe');
      expect(await switchOff.isChecked()).toBe(false);
    }
    await refused.context().close();

    // Allowed by the browser: switching on asks nothing more; a new ticket raises one notification.
    const page = await signIn({ permissions: ['notifications'] });
    const toggle = page.getByRole('checkbox', { name: 'Meldingen in de browser' });
    await press(page, toggle);
    await expect.poll(() => toggle.isChecked()).toBe(true);
    await polledAfterNow(page, 1);
    const before = (await seen(page)).shown.length;
    const ticket = await handOff(demo.server, 'factuur 2x betaald, graag geld terug');
    await expect.poll(async () => (await seen(page)).shown.slice(before)).toEqual([`Nieuw ticket ${ticket.number}`]);
    // The next polls do not repeat it.
    await polledAfterNow(page, 3);
    expect((await seen(page)).shown.slice(before)).toEqual([`Nieuw ticket ${ticket.number}`]);
    expect((await seen(page)).asked).toBe(0);
    // The choice is kept across a reload, and switching off stops it.
    await page.reload();
    await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
    await expect.poll(() => toggle.isChecked()).toBe(true);
    await press(page, toggle);
    await expect.poll(() => toggle.isChecked()).toBe(false);
    await polledAfterNow(page, 1);
    const after = (await seen(page)).shown.length;
    await handOff(demo.server, 'retourlabel kwijt');
    await polledAfterNow(page, 3);
    expect((await seen(page)).shown.length).toBe(after);
    await page.context().close();
  });
});

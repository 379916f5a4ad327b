/**
 * A customer with a long name and a long e-mail address, as Belgian double
 * names come: handed off from the widget on a phone, then opened in the agent
 * inbox at 1366×900 (mouse) and 375×812 (touch). The queue row, the ticket
 * header and the reply area stay inside their boxes, the page does not scroll
 * sideways, and the claim and send buttons are pressed at their centres.
 * Screenshots (WEGWIJS_SCREENSHOTS=1) go to .screenshots/inbox/.
 */
import { randomUUID } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { createAgent } from '../../api/agents/service.ts';
import { CHEAP_COST } from '../../api/test/app.ts';
import { DESKTOP, demoInBrowser, describeWithBrowser, expectInside, openContext, PHONE, press, widget, screenshot } from '../../test/browser.ts';

const PASSWORD = 'correct horse battery staple';
const SHOTS = 'inbox';

const NAME = 'Marie-Christine Van den Bossche-Vandenberghe de Wilde-Verstraeten ter Beke';
const EMAIL = 'marie-christine.vandenbossche-vandenberghe@voorbeeld-bedrijf.be';
/** An address with nowhere to break a line (no hyphen, no space), shown where no name was given. */
const UNBROKEN = 'mariechristine.vandenbosschevandenberghe@voorbeeldbedrijfgroep.be';

/** Hands a conversation off through the public API, as the widget does, with an address and no name; the ticket's number. */
async function handOffWithoutName(url: string, email: string): Promise<string> {
  const started = await fetch(`${url}/api/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  const { id, token } = (await started.json()) as { id: string; token: string };
  const res = await fetch(`${url}/api/conversations/${id}/handoff`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
    body: JSON.stringify({
      email,
      locale: 'nl',
      message: '',
      transcript: [{ from: 'customer', text: 'factuur klopt nie, 2x betaald', at: new Date().toISOString() }],
    }),
  });
  return ((await res.json()) as { number: string }).number;
}

/** Expects `inner` (every one it matches) to lie inside `outer`. */
async function expectBoxInside(inner: Locator, outer: Locator, what: string): Promise<void> {
  const [box, container] = await Promise.all([inner.boundingBox(), outer.boundingBox()]);
  expectInside(box, container, what);
}

/** Whether the page scrolls sideways: wider content than the viewport. */
const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

describeWithBrowser('the agent inbox with a long customer name', () => {
  const demo = demoInBrowser((server) =>
    createAgent(server.database.db, { email: 'sanne@duinwinkel.example', name: 'Sanne', role: 'agent', password: PASSWORD }, CHEAP_COST),
  );

  for (const way of [DESKTOP, PHONE]) {
    it(`keeps the row, the header and the reply area in their boxes (${way.viewport.width}×${way.viewport.height})`, async () => {
      // The customer hands off from the widget on a phone, with their whole name.
      const customer = await (await openContext(demo.browser, PHONE)).newPage();
      await customer.goto(`${demo.server.url}/nl/`);
      await widget.open(customer, 'nl');
      const dialog = widget.dialog(customer);
      await widget.ask(customer, 'nl', 'de lade vd commode klemt, al sinds de levering. kan iemand helpen?');
      await press(customer, dialog.getByRole('button', { name: 'Praat met een medewerker' }).first(), dialog, { scroll: false });
      await dialog.getByLabel('Je e-mailadres (verplicht)').fill(EMAIL);
      await dialog.getByLabel('Je naam (niet verplicht)').fill(NAME);
      await press(customer, dialog.getByRole('button', { name: 'Versturen naar een medewerker' }), dialog);
      await expect.poll(() => widget.log(customer).textContent(), { timeout: 20_000 }).toMatch(/WW-\d+/);
      const number = /WW-\d+/.exec((await widget.log(customer).textContent()) ?? '')![0];
      await customer.context().close();
      const unnamed = await handOffWithoutName(demo.server.url, UNBROKEN);

      const agent = await (await openContext(demo.browser, way)).newPage();
      await agent.goto(`${demo.server.url}/agent/`);
      await agent.getByLabel('E-mailadres').fill('sanne@duinwinkel.example');
      await agent.getByLabel('Wachtwoord').fill(PASSWORD);
      await press(agent, agent.getByRole('button', { name: 'Inloggen' }));
      await agent.getByRole('button', { name: 'Uitloggen' }).waitFor();

      // The queue row: the name's line inside the row, the row inside the list.
      const row = agent.locator('.inbox-list').getByRole('button', { name: new RegExp(`^${number}\\b`) });
      await row.waitFor();
      await expectBoxInside(row.locator('.customer'), row, 'the name in its queue row');
      await expectBoxInside(row, agent.locator('.inbox-list'), 'the queue row in the list');
      const unnamedRow = agent.locator('.inbox-list').getByRole('button', { name: new RegExp(`^${unnamed}\\b`) });
      await expectBoxInside(unnamedRow.locator('.customer'), unnamedRow, 'the unbroken address in its queue row');
      expect(await scrollsSideways(agent), 'the page scrolls sideways (queue)').toBe(false);
      await row.scrollIntoViewIfNeeded();
      await screenshot(agent, `${SHOTS}/long-name-${way.name}-queue.png`);
      await press(agent, row);

      // The ticket header: the name and address inside the ticket, nothing sideways; Claim pressed at its centre.
      const ticket = agent.locator('.inbox-ticket');
      const customerLine = ticket.locator('.ticket-meta dd').first();
      await expect.poll(() => customerLine.textContent()).toContain(NAME);
      await expectBoxInside(ticket.locator('#ticket-title'), ticket, 'the ticket title');
      await expectBoxInside(customerLine, ticket, 'the customer line of the ticket');
      await expectBoxInside(customerLine.getByRole('link', { name: EMAIL }), ticket, 'the e-mail address');
      expect(await scrollsSideways(agent), 'the page scrolls sideways (ticket)').toBe(false);
      await screenshot(agent, `${SHOTS}/long-name-${way.name}-ticket.png`, { fullPage: true });
      await press(agent, ticket.getByRole('button', { name: 'Oppakken' }), ticket);
      await expect.poll(() => ticket.locator('.ticket-meta').textContent()).toContain('Sanne');

      // The reply area: inside the ticket, and Send pressed at its centre.
      const reply = agent.locator('.inbox-reply');
      await agent.locator('#reply-body').fill(`Dag ${NAME.split(' ')[0]}, we sturen een monteur langs. Past dinsdag?`);
      await expectBoxInside(reply, ticket, 'the reply area');
      expect(await scrollsSideways(agent), 'the page scrolls sideways (reply)').toBe(false);
      await reply.scrollIntoViewIfNeeded();
      await screenshot(agent, `${SHOTS}/long-name-${way.name}-reply.png`);
      await press(agent, reply.getByRole('button', { name: 'Versturen' }), reply);
      await expect.poll(() => agent.locator('.thread').textContent()).toContain('we sturen een monteur langs');

      // The ticket of the address with nowhere to break: it wraps inside the ticket all the same.
      await press(agent, unnamedRow);
      await expect.poll(() => customerLine.textContent()).toContain(UNBROKEN);
      await expectBoxInside(customerLine.getByRole('link', { name: UNBROKEN }), ticket, 'the unbroken e-mail address');
      expect(await scrollsSideways(agent), 'the page scrolls sideways (unbroken address)').toBe(false);
      await screenshot(agent, `${SHOTS}/long-name-${way.name}-unbroken.png`);
      await press(agent, ticket.getByRole('button', { name: 'Oppakken' }), ticket);
      await agent.context().close();
    }, 120_000);
  }
});

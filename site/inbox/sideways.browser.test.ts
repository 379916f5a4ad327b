/**
 * A customer and an agent each with a phone held sideways (812×375, touch),
 * in Chromium against the real server: the customer asks, gives the effort
 * score and hands off in the widget; the agent signs in, opens the ticket,
 * reads the customer panel beside it, claims and replies; the customer sees
 * the reply in the widget. Every control is pressed at its centre (`press`).
 * Screenshots (WEGWIJS_SCREENSHOTS=1) go to .screenshots/sideways/.
 */
import type { Locator } from 'playwright-core';
import { expect, it } from 'vitest';
import { createAgent } from '../../api/agents/service.ts';
import { CHEAP_COST } from '../../api/test/app.ts';
import { PHONE, type Way, demoInBrowser, describeWithBrowser, openContext, press, screenshot, widget } from '../../test/browser.ts';

const PASSWORD = 'correct horse battery staple';
const SHOTS = 'sideways';
const SIDEWAYS: Way = { ...PHONE, name: 'sideways', viewport: { width: 812, height: 375 } };

/** The words of `target`'s text that the browser broke across two lines (each word is measured where it is drawn). */
const brokenWords = (target: Locator) =>
  target.evaluate((root) => {
    const broken: string[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      for (const word of text.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const lines = new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)));
        if (lines.size > 1) broken.push(word[0]);
      }
    }
    return broken;
  });

describeWithBrowser('customer and agent on phones held sideways', () => {
  const demo = demoInBrowser((server) =>
    createAgent(server.database.db, { email: 'sanne@duinwinkel.example', name: 'Sanne', role: 'agent', password: PASSWORD }, CHEAP_COST),
  );

  it('the hand-off from the widget, the reply from the inbox, and the customer panel breaks no word', async () => {
    const customer = await (await openContext(demo.browser, SIDEWAYS)).newPage();
    await customer.goto(`${demo.server.url}/nl/bezorging/levertijden/`);
    const dialog = widget.dialog(customer);
    await widget.open(customer, 'nl');
    await widget.ask(customer, 'nl', 'kan ik mn bestelling nog annuleren');
    await press(customer, dialog.getByRole('button', { name: 'Ja', exact: true }).last(), dialog, { what: 'Ja', scroll: false });
    await press(customer, dialog.getByRole('button', { name: '2', exact: true }), dialog, { what: 'effort 2', scroll: false });
    await widget.ask(customer, 'nl', 'ik wil iemand spreken');
    await dialog.getByLabel('Je e-mailadres (verplicht)').waitFor();
    await customer.keyboard.type('kim.liggend@example.com');
    await press(customer, dialog.getByRole('button', { name: 'Versturen naar een medewerker' }), dialog, { what: 'Send to a person', scroll: false });
    await expect.poll(() => widget.log(customer).textContent(), { timeout: 20_000 }).toMatch(/ticket WW-\d+/);
    const number = /ticket (WW-\d+)/.exec((await widget.log(customer).textContent()) ?? '')?.[1] ?? '';

    const agent = await (await openContext(demo.browser, SIDEWAYS)).newPage();
    await agent.goto(`${demo.server.url}/agent/`);
    await press(agent, agent.getByLabel('E-mailadres'), undefined, { what: 'the e-mail field' });
    await agent.keyboard.type('sanne@duinwinkel.example');
    await press(agent, agent.getByLabel('Wachtwoord'), undefined, { what: 'the password field' });
    await agent.keyboard.type(PASSWORD);
    await press(agent, agent.getByRole('button', { name: 'Inloggen' }), undefined, { what: 'Inloggen' });
    await press(agent, agent.getByRole('button', { name: new RegExp(`^${number}\\b`) }), undefined, { what: 'the ticket in the queue' });

    // The panel beside a ticket some 400 px wide: its names took all but 60 px, and the values broke inside words
    // ("Levertij / den", "telefoo / n").
    const panel = agent.locator('.customer-panel');
    await expect.poll(() => panel.textContent()).toContain(' · NL');
    await panel.scrollIntoViewIfNeeded();
    await screenshot(agent, `${SHOTS}/customer-panel.png`);
    expect(await brokenWords(panel.locator('dl'))).toEqual([]);

    const ticket = agent.locator('.inbox-ticket');
    await press(agent, ticket.getByRole('button', { name: 'Oppakken' }), ticket, { what: 'Oppakken' });
    await expect.poll(() => ticket.locator('.ticket-meta').textContent()).toContain('Sanne');
    await press(agent, agent.locator('#reply-body'), undefined, { what: 'the reply box' });
    await agent.keyboard.type('Hoi Kim, je bestelling is geannuleerd.');
    const reply = agent.locator('.inbox-reply');
    await press(agent, reply.getByRole('button', { name: 'Versturen' }), reply, { what: 'Versturen' });
    await expect.poll(() => agent.locator('.thread').textContent()).toContain('je bestelling is geannuleerd');
    await agent.close();

    // The customer, who kept the widget open, reads it as the newest line of the thread.
    await expect.poll(() => widget.log(customer).textContent(), { timeout: 20_000 }).toContain('je bestelling is geannuleerd');
    const [newest, shown] = await Promise.all([widget.log(customer).locator('.chat-messages > li').last().boundingBox(), widget.log(customer).boundingBox()]);
    expect(newest && shown && newest.y >= shown.y && newest.y + newest.height <= shown.y + shown.height + 0.5, 'the reply in the visible thread').toBe(true);
    await screenshot(customer, `${SHOTS}/customer-reply.png`);
  }, 120_000);
});

/**
 * The transcript as an agent reads it, end to end in real browsers: a
 * customer types informal Dutch in the widget, is asked what they meant,
 * picks one of the offered articles, says "Nee" to it, turns down the
 * alternatives with "Geen van deze" and asks for a person. An agent who reads
 * the inbox in English then sees, in English, which articles were offered
 * (titles as links), which one the customer picked, the "no", "none of
 * these", the times the customer's browser gave each line, and the technical
 * reasons one click away. Every press is at a control's centre after checking
 * it lies inside the viewport (and the chat dialog).
 */
import path from 'node:path';
import { expect, it } from 'vitest';
import { createAgent } from '../../api/agents/service.ts';
import { CHEAP_COST } from '../../api/test/app.ts';
import { auditAccessibility, demoInBrowser, describeWithBrowser, press, screenshot } from '../../test/browser.ts';

const PASSWORD = 'correct horse battery staple';
const SHOTS = 'inbox3';
const DESKTOP = { viewport: { width: 1366, height: 900 } };

describeWithBrowser('the transcript as an agent reads it', () => {
  const demo = demoInBrowser((server) =>
    createAgent(server.database.db, { email: 'sanne@duinwinkel.example', name: 'Sanne', role: 'agent', password: PASSWORD }, CHEAP_COST),
  );

  it('lists the offered articles and the customer’s pick, the no and "none of these", in the agent’s language', { timeout: 300_000 }, async () => {
    const customer = await (await demo.browser.newContext(DESKTOP)).newPage();
    await customer.goto(`${demo.server.url}/nl/`);
    await press(customer, customer.getByRole('button', { name: 'Stel een vraag', exact: true }));
    const dialog = customer.getByRole('dialog');
    const ask = async (text: string) => {
      await press(customer, dialog.getByRole('textbox', { name: 'Je vraag' }), dialog);
      await customer.keyboard.type(text);
      await customer.keyboard.press('Enter');
    };
    // What the widget's own tests know to give a "did you mean" (site/chat/widget.browser.test.ts: three gift-card
    // articles share the word; "retourneren" is answered outright since the 2026-12-07 phrasings).
    await ask('cadeaubon');
    // "Did you mean…": the offered articles as buttons.
    const options = dialog.locator('.chat-options button');
    await options.first().waitFor();
    const offered = (await options.allTextContents()).map((title) => title.trim()).filter((title) => title !== 'Geen van deze');
    expect(offered.length).toBeGreaterThan(1);
    const picked = offered[1] ?? '';
    await press(customer, dialog.getByRole('button', { name: picked, exact: true }), dialog);
    await press(customer, dialog.getByRole('button', { name: 'Nee', exact: true }), dialog);
    // After the "no": alternatives, or straight on to a person when there are none.
    const none = dialog.getByRole('button', { name: 'Geen van deze', exact: true });
    const hadAlternatives = await none
      .waitFor({ timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (hadAlternatives) await press(customer, none, dialog);
    await press(customer, dialog.locator('.chat-handoff-offer').getByRole('button', { name: 'Praat met een medewerker' }).first(), dialog);
    await press(customer, dialog.getByLabel('Je e-mailadres (verplicht)'), dialog);
    await customer.keyboard.type('kim.transcript@example.com');
    await press(customer, customer.locator('#handoff-message'), dialog);
    await customer.keyboard.type('retourlabel werkt nie, heb al 2x geprobeerd');
    await press(customer, dialog.getByRole('button', { name: 'Versturen naar een medewerker' }), dialog);
    await expect.poll(() => customer.getByRole('log').textContent(), { timeout: 30_000 }).toMatch(/ticket WW-\d+/);
    const number = /ticket (WW-\d+)/.exec((await customer.getByRole('log').textContent()) ?? '')?.[1] ?? '';
    // The times the customer's browser gave its lines: the agent must see these, not the hand-off's.
    const times = await customer.evaluate(() =>
      (JSON.parse(localStorage.getItem('wegwijs.chat') ?? '{}') as { messages: { from: string; at: string }[] }).messages
        .filter((m) => m.from === 'customer' || m.from === 'assistant')
        .map((m) => m.at),
    );

    // The agent reads the inbox in English.
    const agent = await (await demo.browser.newContext(DESKTOP)).newPage();
    await agent.goto(`${demo.server.url}/agent/`);
    await agent.getByLabel('E-mailadres').fill('sanne@duinwinkel.example');
    await agent.getByLabel('Wachtwoord').fill(PASSWORD);
    await press(agent, agent.getByRole('button', { name: 'Inloggen' }));
    await agent.getByRole('combobox', { name: 'Taal' }).first().selectOption('en');
    await agent.getByRole('button', { name: 'Sign out' }).waitFor();
    await press(agent, agent.getByRole('tab', { name: /^Unassigned/ }));
    await press(agent, agent.getByRole('navigation', { name: 'Tickets' }).getByRole('button', { name: new RegExp(`^${number}\\b`) }));
    await expect.poll(() => agent.locator('#ticket-title').textContent()).toContain(number);
    const thread = agent.locator('.thread');
    await expect.poll(() => thread.textContent()).toContain('Offered:');

    // The first question's offers, in order, as links to the articles; the pick marked.
    const firstOffer = thread.locator('.offered').first();
    await expect.poll(async () => (await firstOffer.getByRole('link').allTextContents()).map((t) => t.trim())).toEqual(offered);
    const pickedItem = firstOffer.getByRole('listitem').filter({ hasText: picked });
    expect(await pickedItem.textContent()).toContain('chosen');
    expect(await pickedItem.getByRole('link').getAttribute('href')).toMatch(/^\/nl\/.+\/$/);
    const text = (await thread.textContent()) ?? '';
    expect(text).toContain('Asked what the customer meant');
    expect(text).toContain(`Chose: ${picked}`);
    expect(text).toContain(`Answered with: ${picked}`);
    expect(text).toContain('Customer: no, this did not help');
    expect(text).toContain(hadAlternatives ? 'Chose: none of these articles' : 'Offered a person');
    // Outside "Technical details": no Dutch labels of the inbox and no developer words.
    const plain = await thread.evaluate((el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      for (const details of copy.querySelectorAll('details')) details.remove();
      return copy.textContent ?? '';
    });
    expect(plain).not.toMatch(/Bood aan|Koos:|Antwoordde met|score \d|margin|not-helpful|top choice/);
    expect(text).not.toMatch(/not-helpful|picked from the offered/);

    // Every transcript line carries the time the customer's browser gave it.
    const shown = await thread.locator('li.msg time').evaluateAll((els) => els.map((el) => el.getAttribute('datetime')));
    expect(shown.slice(0, times.length)).toEqual(times);

    // The technical reasons are one click away.
    const details = thread.locator('details').first();
    expect(await details.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(false);
    await press(agent, details.getByText('Technical details'));
    expect(await details.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);
    expect(await auditAccessibility(agent)).toEqual([]);
    await screenshot(agent, path.join(SHOTS, 'transcript-desktop-en.png'), { fullPage: true });
    await customer.context().close();
    await agent.context().close();
  });
});

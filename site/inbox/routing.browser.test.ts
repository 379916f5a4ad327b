/**
 * Routing as people use it, in a real browser against the real server: an
 * admin creates a team and a rule on the routing screen (at 1366 px with a
 * mouse and at 375 px by touch, every control pressed at its centre); a
 * customer hands off in the widget with words the rule looks for; the
 * ticket is in the team member's "Van mij" tab, its history naming the rule,
 * with the customer panel beside it. Screenshots (WEGWIJS_SCREENSHOTS=1): .screenshots/routing/.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { createAgent } from '../../api/agents/service.ts';
import { CHEAP_COST } from '../../api/test/app.ts';
import { auditAccessibility, demoInBrowser, describeWithBrowser, press, screenshot } from '../../test/browser.ts';

const PASSWORD = 'correct horse battery staple';
const SHOTS = 'routing';

const WAYS = [
  { name: 'desktop', options: { viewport: { width: 1366, height: 900 } }, keyword: 'retour', note: 'ik wil die jas retourneren maar t retourlabel doet t nie' },
  {
    name: 'phone',
    options: { viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true },
    keyword: 'factuur',
    note: 'me factuur klopt nie, er staat 2x verzendkosten op',
  },
] as const;

describeWithBrowser('routing in the inbox', () => {
  const demo = demoInBrowser(async (server) => {
    await createAgent(server.database.db, { email: 'beheer@duinwinkel.example', name: 'Beheer', role: 'admin', password: PASSWORD }, CHEAP_COST);
    await createAgent(server.database.db, { email: 'sanne@duinwinkel.example', name: 'Sanne', role: 'agent', password: PASSWORD }, CHEAP_COST);
    await createAgent(server.database.db, { email: 'pieter@duinwinkel.example', name: 'Pieter', role: 'agent', password: PASSWORD }, CHEAP_COST);
  });

  const signIn = async (email: string, options: (typeof WAYS)[number]['options']): Promise<Page> => {
    const page = await (await demo.browser.newContext(options)).newPage();
    await page.goto(`${demo.server.url}/agent/`);
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Wachtwoord').fill(PASSWORD);
    await press(page, page.getByRole('button', { name: 'Inloggen' }));
    await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
    return page;
  };

  for (const way of WAYS) {
    it(`${way.name}: a rule made in the inbox sends the widget's hand-off to the right agent, naming the rule`, { timeout: 180_000 }, async () => {
      const team = `Team ${way.name}`;
      const rule = `Regel ${way.keyword}`;
      const admin = await signIn('beheer@duinwinkel.example', way.options);
      await press(admin, admin.getByRole('link', { name: 'Routering' }));
      await admin.getByRole('heading', { name: 'Regels' }).waitFor();

      // A team with Sanne in it. An empty name first: refused, in Dutch, nothing sent.
      const teamForm = admin.locator('form', { has: admin.getByRole('button', { name: 'Team toevoegen' }) });
      await press(admin, teamForm.getByRole('button', { name: 'Team toevoegen' }));
      await expect.poll(() => teamForm.getByRole('alert').textContent()).toContain('Vul Naam van het team in');
      await press(admin, teamForm.getByLabel('Naam van het team'));
      await admin.keyboard.type(team);
      await press(admin, teamForm.getByRole('checkbox', { name: 'Sanne' }));
      await press(admin, teamForm.getByRole('button', { name: 'Team toevoegen' }));
      await admin.getByRole('group', { name: team }).waitFor();

      // The rule: the keyword in the customer's note sends it to that team.
      const ruleForm = admin.locator('form', { has: admin.getByRole('button', { name: 'Regel toevoegen' }) });
      await press(admin, ruleForm.getByLabel('Naam van de regel'));
      await admin.keyboard.type(rule);
      await ruleForm.getByRole('combobox', { name: 'Team', exact: true }).selectOption({ label: team });
      await press(admin, ruleForm.getByLabel('Woorden in de notitie van de klant'));
      await admin.keyboard.type(way.keyword);
      await press(admin, ruleForm.getByRole('button', { name: 'Regel toevoegen' }));
      await expect.poll(() => admin.locator('.routing-rules').textContent()).toContain(rule);
      expect(await ruleForm.getByLabel('Naam van de regel').inputValue()).toBe('');
      expect(await auditAccessibility(admin)).toEqual([]);
      await screenshot(admin, path.join(SHOTS, `${way.name}-rule-created.png`), { fullPage: true });
      // Each page is closed once its part is done: an open inbox or widget keeps polling the server.
      await admin.context().close();

      // The customer hands off in the widget.
      const customer = await (await demo.browser.newContext(way.options)).newPage();
      await customer.goto(`${demo.server.url}/nl/`);
      await press(customer, customer.getByRole('button', { name: 'Stel een vraag', exact: true }));
      const dialog = customer.getByRole('dialog');
      await press(customer, dialog.getByRole('textbox', { name: 'Je vraag' }), dialog);
      await customer.keyboard.type('hoe werkt dat nou precies');
      await customer.keyboard.press('Enter');
      await press(customer, dialog.getByRole('button', { name: 'Praat met een medewerker' }).first(), dialog);
      await customer.getByLabel('Je e-mailadres (verplicht)').fill(`kim.${way.name}@example.com`);
      await press(customer, customer.locator('#handoff-message'), dialog);
      await customer.keyboard.type(way.note);
      await press(customer, dialog.getByRole('button', { name: 'Versturen naar een medewerker' }), dialog);
      await expect.poll(() => customer.getByRole('log').textContent(), { timeout: 30_000 }).toMatch(/ticket WW-\d+/);
      const number = /ticket (WW-\d+)/.exec((await customer.getByRole('log').textContent()) ?? '')?.[1] ?? '';
      await customer.context().close();

      // Sanne finds it in "Van mij", with the rule named in its history; Pieter does not have it.
      const sanne = await signIn('sanne@duinwinkel.example', way.options);
      await press(sanne, sanne.getByRole('tab', { name: 'Van mij' }));
      await press(sanne, sanne.getByRole('button', { name: new RegExp(`^${number}\\b`) }));
      await expect.poll(() => sanne.locator('.history').textContent()).toContain(`Regel "${rule}" wees het toe aan Sanne`);
      await expect.poll(() => sanne.locator('.customer-panel').textContent()).toContain(way.name === 'phone' ? 'telefoon' : 'computer');
      expect(await auditAccessibility(sanne)).toEqual([]);
      await screenshot(sanne, path.join(SHOTS, `${way.name}-mine-with-rule.png`), { fullPage: true });
      await sanne.context().close();
      const pieter = await signIn('pieter@duinwinkel.example', way.options);
      await press(pieter, pieter.getByRole('tab', { name: 'Van mij' }));
      await expect.poll(() => pieter.locator('.inbox-queue').textContent()).not.toContain(number);
    });
  }
});

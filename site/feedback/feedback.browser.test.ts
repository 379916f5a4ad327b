/**
 * Feedback from customers in Chromium against the real server: the question
 * at the end of an article (no code before interaction, each answer sent
 * once even over a reload), and CSAT once a ticket is solved, in the widget
 * and on the page the e-mail links to.
 */
import { beforeAll, expect, it } from 'vitest';
import type { APIRequestContext, Page } from 'playwright-core';
import { createAgent } from '../../api/agents/service.ts';
import { CHEAP_COST } from '../../api/test/app.ts';
import { issueCsatToken } from '../../api/csat/service.ts';
import { auditAccessibility, demoInBrowser, describeWithBrowser } from '../../test/browser.ts';

const PASSWORD = 'correct horse battery staple';
const CSRF = { 'x-requested-with': 'wegwijs' };

describeWithBrowser('customer feedback', () => {
  const demo = demoInBrowser((server) =>
    createAgent(server.database.db, { email: 'noor@duinwinkel.example', name: 'Noor', role: 'agent', password: PASSWORD }, CHEAP_COST),
  );
  let agent: APIRequestContext;
  beforeAll(async () => {
    agent = (await demo.browser.newContext({ baseURL: demo.server.url })).request;
    const login = await agent.post('/api/agent/login', { headers: CSRF, data: { email: 'noor@duinwinkel.example', password: PASSWORD } });
    expect(login.status()).toBe(200);
  });

  const drained = (page: Page) =>
    expect.poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('wegwijs.outbox') ?? '[]').length), { timeout: 20_000 }).toBe(0);
  const summary = async () =>
    (await (await agent.get('/api/agent/reports/summary')).json()) as {
      ces: { bySource: { article: { count: number; average: number | null } }; byArticle: { articleId: string; title: string; count: number }[] };
      articleFeedback: { helpful: number; notHelpful: number };
      tickets: { csat: { count: number; distribution: number[] } };
    };

  it('lays the effort scale out on a 320 px phone as one row of five buttons, its ends on the line below', async () => {
    const page = await (await demo.browser.newContext({ viewport: { width: 320, height: 568 }, hasTouch: true, isMobile: true })).newPage();
    await page.goto(`${demo.server.url}/nl/bezorging/waar-is-mijn-pakket/`);
    const effort = page.getByRole('group', { name: 'Hoeveel moeite kostte het om je antwoord te krijgen?' });
    await effort.scrollIntoViewIfNeeded();
    const boxes = await effort.evaluate((group) =>
      [...group.querySelectorAll('button, .ces-ends span')].map((element) => {
        const box = element.getBoundingClientRect();
        return { tag: element.tagName, top: Math.round(box.top), bottom: Math.round(box.bottom), left: box.left, right: box.right };
      }),
    );
    const buttons = boxes.filter((box) => box.tag === 'BUTTON');
    const ends = boxes.filter((box) => box.tag === 'SPAN');
    expect(buttons).toHaveLength(5);
    expect(new Set(buttons.map((box) => box.top)).size).toBe(1);
    expect(ends).toHaveLength(2);
    for (const end of ends) expect(end.top).toBeGreaterThanOrEqual(buttons[0]!.bottom);
    for (const box of boxes) expect(box.left >= 0 && box.right <= 320).toBe(true);
    // Low end left, high end right.
    expect(ends[0]!.left).toBeLessThan(ends[1]!.left);
  });

  it('asks "was this helpful" and effort at the end of an article, loads nothing before, and sends each answer once', async () => {
    const page = await (await demo.browser.newContext()).newPage();
    const scripts: string[] = [];
    const signals: unknown[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
      if (request.url().endsWith('/api/signals')) signals.push(...(request.postDataJSON() as { signals: unknown[] }).signals);
    });
    await page.goto(`${demo.server.url}/nl/bezorging/waar-is-mijn-pakket/`);
    const form = page.getByRole('form', { name: 'Je mening over dit artikel' });
    const helpful = form.getByRole('group', { name: 'Was dit artikel nuttig?' });
    const effort = form.getByRole('group', { name: 'Hoeveel moeite kostte het om je antwoord te krijgen?' });
    // Server-rendered, both ends of the scale labelled, and the feedback island's code not fetched yet.
    // (The chat widget's code does load when the browser is idle, by design: README, "The assistant".)
    expect(await effort.textContent()).toContain('1 = nauwelijks moeite');
    expect(await effort.textContent()).toContain('5 = heel veel moeite');
    expect(scripts.filter((url) => url.includes('/_astro/ArticleFeedback'))).toEqual([]);

    await helpful.getByRole('button', { name: 'Ja' }).click();
    await expect.poll(() => helpful.getByRole('button', { name: 'Ja' }).getAttribute('aria-pressed')).toBe('true');
    expect(await form.getByRole('status').textContent()).toBe('Bedankt! Hiermee maken we het helpcentrum beter.');
    await effort.getByRole('button', { name: '4', exact: true }).click();
    await expect.poll(() => effort.getByRole('button', { name: '4', exact: true }).getAttribute('aria-pressed')).toBe('true');
    await drained(page);
    expect(signals).toEqual([
      expect.objectContaining({ type: 'article_feedback', articleId: 'track-parcel', locale: 'nl', helpful: true }),
      expect.objectContaining({ type: 'article_feedback', articleId: 'track-parcel', locale: 'nl', ces: 4 }),
    ]);
    expect(await auditAccessibility(page)).toEqual([]);

    // A reload: the answers are remembered; trying again sends nothing.
    await page.reload();
    await helpful.getByRole('button', { name: 'Nee' }).click();
    await expect.poll(() => helpful.getByRole('button', { name: 'Ja' }).getAttribute('aria-pressed')).toBe('true');
    expect(await helpful.getByRole('button', { name: 'Nee' }).getAttribute('aria-pressed')).toBe('false');
    // Answered buttons are aria-disabled (still focusable); a click on one does nothing.
    expect(await effort.getByRole('button', { name: '1, nauwelijks moeite' }).getAttribute('aria-disabled')).toBe('true');
    await effort.getByRole('button', { name: '1, nauwelijks moeite' }).click({ force: true });
    await page.waitForTimeout(500);
    await drained(page);
    expect(signals).toHaveLength(2);

    const figures = await summary();
    expect(figures.ces.bySource.article).toEqual({ count: 1, average: 4 });
    // Named as the assistant names articles, so the report finds its title.
    expect(figures.ces.byArticle).toContainEqual(expect.objectContaining({ articleId: 'track-parcel', title: 'Waar is mijn pakket?', count: 1 }));
    expect(figures.articleFeedback).toMatchObject({ helpful: 1, notHelpful: 0 });
    await page.context().close();
  }, 60_000);

  it('asks CSAT in the widget once the ticket is solved, and on the page the e-mail links to', async () => {
    const customer = await (await demo.browser.newContext()).newPage();
    await customer.goto(`${demo.server.url}/nl/`);
    await customer.getByRole('button', { name: 'Stel een vraag', exact: true }).click();
    const dialog = customer.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Praat met een medewerker' }).first().click();
    await customer.getByLabel('Je e-mailadres (verplicht)').fill('klant@example.com');
    await customer.getByLabel('Wat wil je nog kwijt? (niet verplicht)').fill('Mijn pakket is beschadigd aangekomen.');
    await customer.getByRole('button', { name: 'Versturen naar een medewerker' }).click();
    await expect.poll(() => customer.getByRole('log').textContent(), { timeout: 20_000 }).toMatch(/ticket WW-\d+/);

    const { tickets } = (await (await agent.get('/api/agent/tickets?status=all&assignee=any')).json()) as { tickets: { id: string; number: string }[] };
    const ticket = tickets[0];
    if (!ticket) throw new Error('no ticket');
    // Not solved yet: no question.
    expect(await dialog.getByRole('group', { name: 'Hoe tevreden ben je over de hulp die je kreeg?' }).count()).toBe(0);
    expect((await agent.patch(`/api/agent/tickets/${ticket.id}`, { headers: CSRF, data: { status: 'solved' } })).status()).toBe(200);

    // The widget polls while open; the question appears with both ends labelled.
    const csat = dialog.getByRole('group', { name: 'Hoe tevreden ben je over de hulp die je kreeg?' });
    await csat.waitFor({ timeout: 30_000 });
    expect(await csat.textContent()).toContain('1 = zeer ontevreden');
    expect(await csat.textContent()).toContain('5 = zeer tevreden');
    await csat.getByRole('button', { name: '4', exact: true }).click();
    await expect.poll(() => dialog.textContent()).toContain('Je gaf 4 van 5.');
    expect(await csat.count()).toBe(0);
    await drained(customer);
    await expect.poll(async () => (await summary()).tickets.csat.distribution).toEqual([0, 0, 0, 1, 0]);
    expect(await auditAccessibility(customer)).toEqual([]);

    // The e-mail link: a page of five buttons; the new score replaces the earlier one.
    const token = await issueCsatToken(demo.server.database.db, ticket.id);
    const page = await (await demo.browser.newContext()).newPage();
    // The form's code is held back until after the press, as on a slow phone: the press must not be lost.
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/_astro\/CsatForm\./, async (route) => {
      await released;
      await route.continue();
    });
    await page.goto(`${demo.server.url}/nl/feedback/?t=${encodeURIComponent(token)}`, { waitUntil: 'domcontentloaded' });
    expect(await page.locator('meta[name=robots]').getAttribute('content')).toContain('noindex');
    await page.getByRole('button', { name: '5, zeer tevreden' }).click();
    release();
    // The press is held until the island has hydrated and replayed on it: slow on a loaded 2-core CI machine.
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Bedankt' }).textContent(), { timeout: 30_000 })
      .toBe('Bedankt voor je beoordeling! Je gaf 5 van 5.');
    expect(await page.getByRole('button', { name: '5, zeer tevreden' }).getAttribute('aria-pressed')).toBe('true');
    const after = await summary();
    expect(after.tickets.csat).toMatchObject({ count: 1, distribution: [0, 0, 0, 0, 1] });
    expect(await auditAccessibility(page)).toEqual([]);

    // An unknown link says so clearly.
    await page.goto(`${demo.server.url}/en/feedback/?t=not-a-real-token`);
    await page.getByRole('button', { name: '2', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('We do not know this link');
    await page.goto(`${demo.server.url}/en/feedback/`);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('We do not know this link');
  }, 120_000);
});

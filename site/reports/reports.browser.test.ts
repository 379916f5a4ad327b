/**
 * The learning loop in real browsers against one real server: a customer
 * gives an effort score in the widget and asks something the assistant does
 * not know; an agent signs in to the reports, sees the score counted and the
 * question among the content gaps, and teaches the assistant from that row.
 * The reports page passes an accessibility audit with data on it.
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createAgent } from '../../api/agents/service.ts';
import { CHEAP_COST } from '../../api/test/app.ts';
import { auditAccessibility, demoInBrowser, describeWithBrowser, expectInside, openContext, PHONE, press, type Way } from '../../test/browser.ts';

const PASSWORD = 'correct horse battery staple';

describeWithBrowser('effort from the widget in the reports', () => {
  const demo = demoInBrowser((server) =>
    createAgent(server.database.db, { email: 'ruben@duinwinkel.example', name: 'Ruben', role: 'agent', password: PASSWORD }, CHEAP_COST),
  );

  /** Waits until the page's outbox has delivered everything. */
  const drained = (page: Page) =>
    expect.poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('wegwijs.outbox') ?? '[]').length), { timeout: 20_000 }).toBe(0);

  async function signIn(page: Page) {
    await page.getByLabel('E-mailadres').fill('ruben@duinwinkel.example');
    await page.getByLabel('Wachtwoord').fill(PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
  }

  /** Searches nobody found anything for, as the search box reports them (at most 50 signals a request). */
  async function searchedFor(queries: readonly string[]) {
    const signals = queries.map((query) => ({ key: randomUUID(), type: 'failed_search', query, locale: 'nl', resultCount: 0 }));
    for (let start = 0; start < signals.length; start += 50) {
      const sent = await fetch(`${demo.server.url}/api/signals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ signals: signals.slice(start, start + 50) }),
      });
      expect(sent.status).toBeLessThan(300);
    }
  }

  /** The reports signed in on a device of its own, once the Dutch content-gaps table lists `wording`. */
  async function gapsListing(way: Way, wording: string) {
    const context = await openContext(demo.browser, way);
    const agent = await context.newPage();
    await agent.goto(`${demo.server.url}/agent/reports/`);
    await signIn(agent);
    const gaps = agent.getByRole('table', { name: 'Ontbrekende inhoud: Nederlands' });
    // The first report compiles the assistant for the content gaps: slow on a loaded machine.
    await expect.poll(() => gaps.textContent(), { timeout: 60_000 }).toContain(wording);
    return { context, agent, gaps };
  }

  it('counts a CES given in the widget, lists the unanswered question and takes a phrasing from it', async () => {
    const customer = await (await demo.browser.newContext()).newPage();
    await customer.goto(`${demo.server.url}/nl/`);
    await customer.getByRole('button', { name: 'Stel een vraag', exact: true }).click();
    const input = customer.getByRole('dialog').getByRole('textbox', { name: 'Je vraag' });
    await input.fill('hoe kan ik iets terugsturen');
    await input.press('Enter');
    // The effort score is asked after "did this answer your question?".
    await customer.getByRole('dialog').getByRole('group', { name: 'Heeft dit je vraag beantwoord?' }).getByRole('button', { name: 'Ja' }).click();
    const ces = customer.getByRole('dialog').getByRole('group', { name: 'Hoeveel moeite kostte het om je antwoord te krijgen?' }).last();
    await ces.getByRole('button', { name: /^2$/ }).click();
    await input.fill('mijn koelkast zoemt heel raar');
    await input.press('Enter');
    await expect.poll(() => customer.getByRole('log').textContent()).toContain('Daar heb ik helaas geen antwoord op');
    // A service no article covers: the assistant says so (the demo's gap rule), and it is a content gap too.
    await input.fill('nemen jullie mijn oude wasmachine mee als de nieuwe komt');
    await input.press('Enter');
    await expect.poll(() => customer.getByRole('log').textContent()).toContain('Daar staat niets over in onze hulpartikelen');
    await drained(customer);

    const agent = await (await demo.browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
    await agent.goto(`${demo.server.url}/agent/reports/`);
    expect(await agent.locator('meta[name=robots]').getAttribute('content')).toContain('noindex');
    await signIn(agent);
    const effort = agent.getByRole('region', { name: 'Moeite (CES)' });
    // The first report compiles the assistant for the content gaps: slow on a loaded machine.
    await expect.poll(() => effort.textContent(), { timeout: 30_000 }).toContain('uit 1 antwoorden');
    const figures = await effort.locator('.figure').allTextContents();
    expect(figures[0]).toMatch(/^Gemiddelde moeite2,0/);
    expect(figures[0]).toContain('1 = nauwelijks moeite, 5 = heel veel moeite; lager is beter');
    expect(figures[1]).toMatch(/^In de chat2,0 uit 1 antwoorden/);
    // The distribution table says the same as the chart: one score of 2.
    const distribution = effort.getByRole('table', { name: 'Verdeling van de scores' });
    expect(await distribution.getByRole('row', { name: /^2 / }).textContent()).toBe('21100%');
    // The chart is a picture with a text alternative that carries the figures.
    const chart = effort.getByRole('img', { name: /Verdeling van de scores/ });
    expect(await chart.evaluate((svg) => svg.querySelector('desc')?.textContent)).toContain('2: 1 (100%)');

    // The CSV link downloads with the session.
    const csvHref = await effort.getByRole('link', { name: 'CSV downloaden: Verdeling van de scores' }).getAttribute('href');
    // Each link downloads its own table: this one the distribution, one row per score.
    expect(csvHref).toMatch(/^\/api\/agent\/reports\/summary\?from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d&format=csv&section=distribution$/);
    const csv = await agent.evaluate(async (href) => {
      const response = await fetch(href ?? '');
      return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
    }, csvHref);
    expect(csv).toEqual({ status: 200, type: expect.stringContaining('text/csv'), text: '"score","count"\r\n1,0\r\n2,1\r\n3,0\r\n4,0\r\n5,0\r\n' });
    const weeklyHref = await effort.getByRole('link', { name: 'CSV downloaden: Gemiddelde moeite per week' }).getAttribute('href');
    expect(weeklyHref).toContain('&section=weekly');

    // The question the assistant could not answer is a content gap; teach it as a new article.
    const gaps = agent.getByRole('table', { name: 'Ontbrekende inhoud: Nederlands' });
    await expect.poll(() => gaps.textContent()).toContain('koelkast');
    expect(await gaps.textContent()).toContain('oude wasmachine mee');
    const teach = gaps.getByRole('button', { name: /^Leer de assistent: .*koelkast/ });
    await teach.click();
    expect(await teach.getAttribute('aria-expanded')).toBe('true');
    // Focus moves into the form, on the wording.
    await expect.poll(() => agent.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await agent.getByRole('combobox', { name: 'Bij artikel' }).selectOption({ label: 'Nieuw artikel voorstellen' });
    await agent.getByLabel('Voorgestelde titel (niet verplicht)').fill('Geluid van de koelkast');
    await agent.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await expect.poll(() => agent.getByRole('status').filter({ hasText: 'voorstel voor een nieuw artikel' }).count()).toBe(1);
    // Focus is back on the row's button.
    await expect.poll(() => agent.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')).toMatch(/^Leer de assistent: /);
    const pending = await agent.evaluate(
      async () =>
        (await (await fetch('/api/agent/phrasings?status=pending')).json()) as { phrasings: { articleId: string | null; text: string; source?: string }[] },
    );
    expect(pending.phrasings).toHaveLength(1);
    expect(pending.phrasings[0]?.articleId).toBeNull();
    expect(pending.phrasings[0]?.text).toContain('koelkast');

    expect(await auditAccessibility(agent)).toEqual([]);
  }, 120_000);

  it('filters by period and language, and keeps the filter in the address', async () => {
    const agent = await (await demo.browser.newContext()).newPage();
    await agent.goto(`${demo.server.url}/agent/reports/`);
    await signIn(agent);
    await agent.getByRole('region', { name: 'Moeite (CES)' }).waitFor();
    await agent.getByLabel('Van', { exact: true }).fill('2020-01-01');
    await agent.getByLabel('Tot en met', { exact: true }).fill('2020-01-31');
    await agent.getByRole('combobox', { name: 'Taal', exact: true }).selectOption('en');
    await agent.getByRole('button', { name: 'Tonen' }).click();
    await expect.poll(() => agent.url()).toContain('?from=2020-01-01&to=2020-01-31&locale=en');
    // Nothing happened in January 2020: no average, and only the English gap list.
    await expect.poll(() => agent.getByRole('region', { name: 'Moeite (CES)' }).locator('.figure').first().textContent()).toMatch(/^Gemiddelde moeite–/);
    expect(await agent.getByRole('table', { name: 'Ontbrekende inhoud: Nederlands' }).count()).toBe(0);
    // A period the wrong way round is refused with a message, not sent.
    await agent.getByLabel('Van', { exact: true }).fill('2020-02-01');
    await agent.getByRole('button', { name: 'Tonen' }).click();
    expect(await agent.getByRole('alert').textContent()).toBe('"Van" moet voor "Tot en met" liggen.');
    expect(await auditAccessibility(agent)).toEqual([]);
  }, 60_000);

  it("at 1366 px, a customer's unbroken order code wraps in its cell: the gaps table fits its box and its buttons show", async () => {
    // What customers paste: an order code of 80 characters without a space. The old table kept it on one line, and the
    // column pushed "Leer de assistent" out of the box at 1366 px (the table 1,404 px in a box of 1,120).
    const code = `bestelling ${'AB12CD34'.repeat(10)}`;
    await searchedFor([code]);
    const { context, gaps } = await gapsListing({ name: 'desktop', touch: false, locale: 'nl', viewport: { width: 1366, height: 768 } }, code);
    const box = gaps.locator('xpath=ancestor::section[1]');
    const widths = await box.evaluate((el) => ({ content: el.scrollWidth, shown: el.clientWidth }));
    expect(widths.content, `the table's width in its box of ${widths.shown} px`).toBeLessThanOrEqual(widths.shown);
    const teach = gaps.getByRole('button', { name: `Leer de assistent: ${code}` });
    await teach.scrollIntoViewIfNeeded();
    expectInside(await teach.boundingBox(), await box.boundingBox(), 'the row\'s "Leer de assistent" in the table\'s box');
    await context.close();
  }, 90_000);

  it("on a tablet (768 px, touch), a gap's buttons sit in their row: the cell spans the row and its lines meet the others", async () => {
    // The cell was itself the flex box (display: flex on the <td>): it lost its table cell and was only as tall as its two
    // buttons, so beside a wording of four lines the row's line under the buttons came halfway up the row (iPad, 768 and 1024 px).
    // Searched twice: a wording of words no article uses, seen once, is hidden as gibberish.
    const wording = 'markies type 300 van solarix kraakt rammelt klappert en zoemt bij harde wind op het balkon';
    await searchedFor([wording, wording]);
    const { context, agent, gaps } = await gapsListing({ name: 'tablet', touch: true, locale: 'nl', viewport: { width: 768, height: 1024 } }, wording);
    const row = gaps.getByRole('row').filter({ has: agent.getByRole('rowheader', { name: wording }) });
    const teach = row.getByRole('button', { name: `Leer de assistent: ${wording}` });
    await teach.scrollIntoViewIfNeeded();
    const cells = await row.evaluate((tr) => {
      const box = (el: Element) => {
        const r = el.getBoundingClientRect();
        return { top: Math.round(r.top), bottom: Math.round(r.bottom) };
      };
      return { row: box(tr), cells: Array.from(tr.children, box) };
    });
    expect(cells.row.bottom - cells.row.top, 'the wording makes the row taller than two lines of buttons').toBeGreaterThan(90);
    expect(cells.cells, "every cell of the row, the buttons' one too, spans the row").toEqual(cells.cells.map(() => cells.row));
    await press(agent, teach, row, { what: 'Leer de assistent' });
    expect(await teach.getAttribute('aria-expanded')).toBe('true');
    await context.close();
  }, 90_000);

  it('on a phone, shows the 20 most asked gaps first and the rest on request', async () => {
    // 25 searches nobody found anything for, each asked a different number of times, as the search box reports them.
    await searchedFor(Array.from({ length: 25 }, (_, i) => Array.from({ length: 25 - i }, () => `zonnescherm model ${i + 100}`)).flat());
    const { context, agent, gaps } = await gapsListing(PHONE, 'zonnescherm model 100');
    const modelRows = gaps.getByRole('rowheader').filter({ hasText: 'zonnescherm model' });
    expect(await modelRows.count()).toBe(20);
    expect(await gaps.textContent()).not.toContain('zonnescherm model 124');
    // The wide table scrolls inside its box; the page itself never scrolls sideways.
    expect(await agent.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    // The sections load one by one; a person presses once the page has stopped moving.
    const showAll = agent.getByRole('region', { name: 'Ontbrekende inhoud' }).getByRole('button', { name: /^Toon alle \d+ rijen$/ });
    await expect
      .poll(async () => {
        await showAll.scrollIntoViewIfNeeded();
        const before = await showAll.boundingBox();
        await agent.waitForTimeout(300);
        return before?.y === (await showAll.boundingBox())?.y;
      })
      .toBe(true);
    await press(agent, showAll, undefined, { what: 'Toon alle rijen' });
    await expect.poll(() => modelRows.count()).toBe(25);
    expect(await gaps.textContent()).toContain('zonnescherm model 124');
    // Focus continues at the first row that appeared.
    expect(await agent.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/^Leer de assistent: /);
    await context.close();
  }, 90_000);

  it('on a phone, shows the 15 articles of most effort first and the rest on request', async () => {
    // Effort scores on 20 articles' pages, as the article feedback sends them: the worst, three times, on the last.
    const keys = [
      'create-account',
      'delete-account',
      'pay-later',
      'newsletter-unsubscribe',
      'return-period',
      'damaged-or-wrong-item',
      'guest-order',
      'cancel-order',
      'change-order',
      'payment-failed',
    ];
    const more = [
      'payment-reminder',
      'change-delivery-address',
      'pickup-point',
      'delivery-belgium',
      'large-item-delivery',
      'redeem-gift-card',
      'buy-gift-card',
      'paid-twice',
      'change-email',
      'invoice',
    ];
    const signals = [...keys, ...more, 'invoice', 'invoice'].map((articleId, i) => ({
      key: randomUUID(),
      type: 'article_feedback',
      articleId,
      locale: 'nl',
      ces: i >= 19 ? 5 : 1 + (i % 3),
    }));
    const sent = await fetch(`${demo.server.url}/api/signals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ signals }),
    });
    expect(sent.status).toBeLessThan(300);
    const context = await openContext(demo.browser, PHONE);
    const agent = await context.newPage();
    await agent.goto(`${demo.server.url}/agent/reports/`);
    await signIn(agent);
    const effort = agent.getByRole('region', { name: 'Moeite (CES)' });
    const byArticle = effort.getByRole('table', { name: 'Moeite per artikel, slechtste eerst' });
    await expect.poll(() => byArticle.getByRole('rowheader').count(), { timeout: 30_000 }).toBe(15);
    const total = await effort.getByRole('button', { name: /^Toon alle \d+ rijen$/ }).textContent();
    const all = Number(total?.match(/\d+/)?.[0]);
    expect(all).toBeGreaterThanOrEqual(20);
    // Worst first: the article scored 5 heads the list.
    expect(await byArticle.getByRole('rowheader').first().textContent()).toContain('Factuur');
    // The headings and figures keep whole words, or break at a soft hyphen: "Gemid-delde", never "Gemi ddel de".
    const brokenInside = await byArticle.evaluate((table) =>
      [...table.querySelectorAll('thead th:not(:first-child), td')].flatMap((cell) => {
        const text = cell.firstChild;
        if (!(text instanceof Text)) return [];
        const broken: string[] = [];
        // A word is broken inside when its first and last letters sit on different lines. (The last rectangle
        // of a letter's range: the one after a soft hyphen also covers the hyphen drawn on the line before.)
        const lineOf = (at: number) => {
          const range = document.createRange();
          range.setStart(text, at);
          range.setEnd(text, at + 1);
          return [...range.getClientRects()].at(-1)?.top;
        };
        for (const match of (text.data ?? '').matchAll(/[^\s\u00ad]+/g)) {
          if (lineOf(match.index) !== lineOf(match.index + match[0].length - 1)) broken.push(match[0]);
        }
        return broken;
      }),
    );
    expect(brokenInside).toEqual([]);
    const showAll = effort.getByRole('button', { name: /^Toon alle \d+ rijen$/ });
    await expect
      .poll(async () => {
        await showAll.scrollIntoViewIfNeeded();
        const before = await showAll.boundingBox();
        await agent.waitForTimeout(300);
        return before?.y === (await showAll.boundingBox())?.y;
      })
      .toBe(true);
    await press(agent, showAll, undefined, { what: 'Toon alle rijen (moeite)' });
    await expect.poll(() => byArticle.getByRole('rowheader').count()).toBe(all);
    // Focus continues at the first row that appeared.
    expect(await agent.evaluate(() => document.activeElement?.tagName)).toBe('TH');
    expect(await agent.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(await auditAccessibility(agent)).toEqual([]);
    await context.close();
  }, 90_000);

  it('teaches the assistant from a ticket in the inbox, by keyboard, and links inbox and reports', async () => {
    // A ticket through the public API, as the widget would send it.
    const api = (await demo.browser.newContext({ baseURL: demo.server.url })).request;
    const conversation = (await (await api.post('/api/conversations', { data: {} })).json()) as { id: string; token: string };
    const handoff = await api.post(`/api/conversations/${conversation.id}/handoff`, {
      headers: { authorization: `Bearer ${conversation.token}`, 'idempotency-key': 'teach-test-handoff' },
      data: {
        email: 'klant@example.com',
        message: '',
        locale: 'nl',
        transcript: [
          { from: 'customer', text: 'pakketje is nog steeds niet binnen', at: new Date().toISOString() },
          { from: 'assistant', text: 'Daar heb ik helaas geen antwoord op.', at: new Date().toISOString(), action: 'nomatch' },
        ],
      },
    });
    expect(handoff.status(), await handoff.text()).toBe(201);

    const agent = await (await demo.browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
    await agent.goto(`${demo.server.url}/agent/`);
    await signIn(agent);
    await agent
      .getByRole('button', { name: /pakketje is nog steeds niet binnen/ })
      .first()
      .click();
    await agent.getByRole('heading', { name: 'Leer de assistent' }).waitFor();
    // The shortcut: t opens the form with the customer's first question.
    await agent.locator('body').press('t');
    const wording = agent.getByLabel('Formulering van de klant');
    await expect.poll(() => wording.inputValue()).toBe('pakketje is nog steeds niet binnen');
    const picker = agent.getByRole('combobox', { name: 'Bij artikel' });
    await expect.poll(() => picker.locator('option').count()).toBeGreaterThan(10);
    await picker.selectOption({ label: 'Waar is mijn pakket?' });
    await agent.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await expect.poll(() => agent.getByRole('status').filter({ hasText: 'Opgeslagen bij "Waar is mijn pakket?"' }).count()).toBe(1);
    const pending = await agent.evaluate(
      async () => (await (await fetch('/api/agent/phrasings?status=pending')).json()) as { phrasings: { articleId: string | null; text: string }[] },
    );
    expect(pending.phrasings.map((p) => [p.articleId, p.text])).toContainEqual(['track-parcel', 'pakketje is nog steeds niet binnen']);

    // The other shortcuts still work: ? shows the help, which now names t.
    await agent.locator('body').press('?');
    await expect.poll(() => agent.locator('.help').textContent()).toContain('t leer de assistent');
    expect(await auditAccessibility(agent)).toEqual([]);
    await agent.getByRole('link', { name: 'Rapporten' }).click();
    await agent.getByRole('region', { name: 'Moeite (CES)' }).waitFor();
    await agent.getByRole('link', { name: 'Inbox' }).click();
    await agent.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
  }, 90_000);
});

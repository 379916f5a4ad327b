/**
 * The outbox poison case in a real browser: the widget's signals fail with
 * 500 on every attempt (as they did for a no-match question cut in the middle
 * of an emoji), and the hand-off sent after them still reaches the server at
 * once; the failing report is set aside after its retries, and the page is
 * told through the `wegwijs:outbox-rejected` event.
 */
import { expect, it } from 'vitest';
import { tickets } from '../../api/db/tables.ts';
import { demoInBrowser, describeWithBrowser, screenshot } from '../../test/browser.ts';

describeWithBrowser('the outbox when the API keeps failing one kind of item', () => {
  const demo = demoInBrowser();

  it('delivers the hand-off within seconds although earlier reports keep getting 500, then sets the reports aside', async () => {
    const context = await demo.browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    let failedReports = 0;
    // Every report of the conversation fails, as for an item the server cannot store.
    await page.route('**/api/conversations/*/signals', (route) => {
      failedReports++;
      return route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: '{"error":{"message":"Something went wrong on our side; please try again later."}}',
      });
    });
    await page.addInitScript(() => {
      // Retries after 0.5 s doubling to 4 s instead of 1 s to 5 minutes: long enough that the signals are still
      // failing when the hand-off goes (checked below), short enough not to wait out the production schedule.
      window.wegwijsOutbox = { baseDelay: 500, maxDelay: 4000 };
      window.addEventListener('wegwijs:outbox-rejected', (event) => {
        const detail = (event as CustomEvent<{ items: { path: string; status: number }[] }>).detail;
        (window as unknown as { rejectedSeen: unknown[] }).rejectedSeen = [
          ...((window as unknown as { rejectedSeen?: unknown[] }).rejectedSeen ?? []),
          ...detail.items.map((i) => [i.path, i.status]),
        ];
      });
    });
    await page.goto(`${demo.server.url}/nl/`);
    await page.getByRole('button', { name: 'Stel een vraag', exact: true }).click();
    const dialog = page.getByRole('dialog');
    const input = dialog.getByRole('textbox', { name: 'Je vraag' });
    await input.fill(`mijn koelkast zoemt al 123456 dagen ${'😀'.repeat(3)}`);
    await input.press('Enter');
    await expect.poll(() => failedReports, { timeout: 20_000 }).toBeGreaterThan(0);

    await dialog.getByRole('button', { name: 'Praat met een medewerker' }).first().click();
    await page.getByLabel('Je e-mailadres (verplicht)').fill('klant@example.com');
    const send = page.getByRole('button', { name: 'Versturen naar een medewerker' });
    const sentAt = Date.now();
    const handoff = page.waitForResponse((res) => res.url().endsWith('/handoff') && res.request().method() === 'POST', { timeout: 30_000 });
    await send.click();
    expect((await handoff).status()).toBe(201);
    // The premise: the signals were still being retried, not yet set aside, when the hand-off went through.
    expect(await page.evaluate(() => (window as unknown as { rejectedSeen?: unknown[] }).rejectedSeen ?? [])).toEqual([]);
    const seconds = (Date.now() - sentAt) / 1000;
    expect(seconds).toBeLessThan(30);
    await expect.poll(() => dialog.getByRole('log').textContent(), { timeout: 20_000 }).toMatch(/ticket WW-\d+/);
    expect(await demo.server.database.db.select({ id: tickets.id }).from(tickets)).toHaveLength(1);

    // The signals are retried a few times (0.5, 1, 2, 4 s… here) and then set aside, and the page hears of it.
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { rejectedSeen?: unknown[] }).rejectedSeen ?? []), { timeout: 60_000, interval: 1000 })
      .toContainEqual(['/conversations/{conversation}/signals', 500]);
    const attempts = failedReports;
    expect(attempts).toBeGreaterThanOrEqual(5);
    await page.waitForTimeout(3000);
    expect(failedReports).toBe(attempts);

    await screenshot(page, 'widget/outbox-poison-handoff.png');
    await context.close();
  }, 180_000);
});

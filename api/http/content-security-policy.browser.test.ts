/**
 * The Content-Security-Policy in a real browser: the demo site's pages, the
 * search box, the chat widget and the agent inbox load and run with no
 * violation reported.
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoInBrowser, describeWithBrowser } from '../../test/browser.ts';

describeWithBrowser('the Content-Security-Policy in Chromium', () => {
  const demo = demoInBrowser();

  /** Opens `path`, recording every CSP violation and console complaint about the policy. */
  async function open(path: string): Promise<{ page: Page; violations: string[] }> {
    const page = await demo.browser.newPage();
    const violations: string[] = [];
    await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
    // An init script comes through the DevTools protocol, so the policy does not block it.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        (window as unknown as { reportViolation: (text: string) => void }).reportViolation(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
      });
    });
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto(`${demo.server.url}${path}`);
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self' 'sha256-/);
    return { page, violations };
  }

  it('lets the pages, the search box and the chat widget run', async () => {
    const { page, violations } = await open('/nl/');
    const search = page.getByRole('combobox').or(page.getByRole('searchbox')).first();
    await search.click();
    await search.fill('pakket');
    await page.getByRole('button', { name: /^Stel een vraag$/ }).click();
    await page.getByRole('dialog').waitFor();
    await page.getByRole('dialog').getByRole('textbox').fill('waar is mijn pakket');
    await page.getByRole('dialog').getByRole('textbox').press('Enter');
    await expect.poll(() => page.getByRole('log').textContent()).toMatch(/pakket/i);
    await page.waitForLoadState('networkidle');
    expect(violations).toEqual([]);
    await page.close();
  });

  it('lets the agent inbox run', async () => {
    const { page, violations } = await open('/agent/');
    await page.getByRole('textbox').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(violations).toEqual([]);
    await page.close();
  });

  it('reports what it blocks (the check can fail)', async () => {
    const { page, violations } = await open('/nl/');
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.body.append(script);
    });
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
    await page.close();
  });
});

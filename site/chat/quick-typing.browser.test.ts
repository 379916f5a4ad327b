/**
 * A quick typist opens the chat and types on at once, before its code has
 * arrived and put the focus in the message box. The old page lost the first
 * letters ("waar is mijn pakket" became "ar is mijn pakket", the focus came
 * some 0.3 s after Enter) and a space could press the launcher again: the
 * letters typed meanwhile must land in the box, in order. The chat's code is
 * held back 0.8 s here, as on a slow phone, so the gap is there on any machine.
 */
import { expect, it } from 'vitest';
import { demoInBrowser, describeWithBrowser, openContext, press, widget } from '../../test/browser.ts';

const WAYS = [
  {
    locale: 'nl',
    how: 'Enter on the launcher, by keyboard',
    touch: false,
    viewport: { width: 1366, height: 768 },
    text: 'waar is mijn pakket',
    title: 'Waar is mijn pakket?',
  },
  { locale: 'en', how: 'a tap on the launcher', touch: true, viewport: { width: 375, height: 812 }, text: 'where is my parcel', title: 'Where is my parcel?' },
] as const;

describeWithBrowser('the chat opened and typed into at once', () => {
  const demo = demoInBrowser();

  for (const way of WAYS) {
    it(`keeps every letter typed while it opens: ${way.how} (${way.locale})`, async () => {
      const context = await openContext(demo.browser, { name: way.touch ? 'phone' : 'desktop', touch: way.touch, locale: way.locale, viewport: way.viewport });
      const page = await context.newPage();
      await page.goto(`${demo.server.url}/${way.locale}/`);
      await page.route('**/_astro/**', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 800));
        await route.continue();
      });
      const launcher = page.locator('#chat-launcher');
      if (way.touch) {
        await press(page, launcher, undefined, { what: 'the launcher', scroll: false });
      } else {
        await launcher.focus();
        await page.keyboard.press('Enter');
      }
      await page.keyboard.type(way.text, { delay: 30 });

      const box = widget.dialog(page).getByRole('textbox');
      await expect.poll(() => box.inputValue().catch(() => ''), { timeout: 20_000 }).toBe(way.text);
      expect(await box.evaluate((field) => field === document.activeElement)).toBe(true);
      await page.keyboard.press('Enter');
      await expect.poll(() => widget.log(page).textContent(), { timeout: 20_000 }).toContain(way.title);
      await context.close();
    });
  }
});

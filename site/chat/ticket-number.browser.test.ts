/**
 * The ticket number in the chat's lines, on the narrowest phones: it stays
 * on one line (at 375 px the old widget broke "(ticket WW-" / "1001)" at
 * the hyphen), and it is still one piece of text, for copying and for the
 * browser's find. And the line that gives it is wholly in view once sent:
 * at 1366 × 768 its last words ("…and by e-mail.") were cut off under the
 * composer, as the line grew in place when the number came.
 */
import { expect, it } from 'vitest';
import type { Locale } from '#core/locale.ts';
import { demoInBrowser, describeWithBrowser, openContext, press, widget } from '../../test/browser.ts';

const WORDS: Record<Locale, { question: string; person: string; email: string; send: string }> = {
  nl: { question: 'hoe kan ik betalen', person: 'Praat met een medewerker', email: 'Je e-mailadres (verplicht)', send: 'Versturen naar een medewerker' },
  en: { question: 'how can I pay', person: 'Talk to a person', email: 'Your e-mail address (required)', send: 'Send to a person' },
};

describeWithBrowser('ticket numbers in the chat', () => {
  const demo = demoInBrowser();

  for (const width of [320, 375]) {
    for (const locale of ['nl', 'en'] as const) {
      it(`stay on one line at ${width} px (${locale})`, async () => {
        const w = WORDS[locale];
        const page = await (await openContext(demo.browser, { name: 'phone', touch: true, locale, viewport: { width, height: 700 } })).newPage();
        await page.goto(`${demo.server.url}/${locale}/`);
        await widget.open(page, locale);
        const dialog = widget.dialog(page);
        await widget.ask(page, locale, w.question);
        await press(page, dialog.getByRole('button', { name: w.person }).last(), dialog, { what: `"${w.person}"`, scroll: false });
        await dialog.getByLabel(w.email).fill('jan@example.com');
        await press(page, dialog.getByRole('button', { name: w.send }), dialog, { what: `"${w.send}"`, scroll: false });
        const log = widget.log(page);
        await expect.poll(() => log.textContent(), { timeout: 20_000 }).toMatch(/WW-\d+/);

        // The lines the number's characters sit on (a range over them in the text, however it is marked up).
        const lines = await log.evaluate((el) => {
          const line = [...el.querySelectorAll('p')].find((p) => /WW-\d+/.test(p.textContent ?? ''));
          if (!line) return { text: '', tops: [] as number[] };
          const text = line.textContent ?? '';
          const start = text.search(/WW-\d+/);
          const end = start + (text.match(/WW-\d+/)?.[0].length ?? 0);
          // Walk the text nodes to the number's start and end.
          const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
          const range = document.createRange();
          let seen = 0;
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const length = node.textContent?.length ?? 0;
            if (start >= seen && start < seen + length) range.setStart(node, start - seen);
            if (end > seen && end <= seen + length) range.setEnd(node, end - seen);
            seen += length;
          }
          const tops = [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top));
          // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, as copying gives it, is the point here.
          return { text: (line as HTMLElement).innerText, tops };
        });
        expect(new Set(lines.tops).size, `the number's lines: ${lines.tops.join(', ')}`).toBe(1);
        // Copied or searched for, it is the number as the e-mail has it.
        expect(lines.text).toMatch(/\(ticket WW-\d+\)/);
        expect(await page.getByText(/WW-\d+\)/).count()).toBeGreaterThan(0);
      }, 90_000);
    }
  }

  it('shows the whole confirmation, number included, at 1366 × 768 (en, mouse)', async () => {
    const w = WORDS.en;
    const page = await (await openContext(demo.browser, { name: 'desktop', touch: false, locale: 'en', viewport: { width: 1366, height: 768 } })).newPage();
    await page.goto(`${demo.server.url}/en/`);
    await widget.open(page, 'en');
    const dialog = widget.dialog(page);
    await widget.ask(page, 'en', w.question);
    await press(page, dialog.getByRole('button', { name: w.person }).last(), dialog, { what: `"${w.person}"`, scroll: false });
    await dialog.getByLabel(w.email).fill('ann@example.com');
    await press(page, dialog.getByRole('button', { name: w.send }), dialog, { what: `"${w.send}"`, scroll: false });
    const log = widget.log(page);
    const confirmation = log
      .getByRole('listitem')
      .filter({ hasText: /WW-\d+/ })
      .last();
    await expect.poll(() => confirmation.count(), { timeout: 20_000 }).toBe(1);
    // Its bottom inside the log's visible part, without anyone scrolling (the number arrives a moment after the line).
    await expect
      .poll(async () => {
        await page.waitForTimeout(300);
        const [line, shown] = await Promise.all([confirmation.boundingBox(), log.boundingBox()]);
        return line && shown ? Math.round(line.y + line.height - (shown.y + shown.height)) : null;
      })
      .toBeLessThanOrEqual(1);
    await page.context().close();
  }, 90_000);
});

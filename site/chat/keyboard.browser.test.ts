/**
 * A phone's on-screen keyboard, emulated as the viewport it leaves: when it
 * comes up while the chat is open, the log gets shorter, and the newest line
 * (the answer and its "Ja"/"Nee") must stay in view. The old widget kept its
 * scroll position, so at 375 × 812 → 420 the customer saw the answer before
 * last and the newest one lay under the composer.
 */
import { expect, it } from 'vitest';
import { demoInBrowser, describeWithBrowser, openContext, press, widget } from '../../test/browser.ts';

const WAYS = [
  {
    locale: 'nl',
    viewport: { width: 375, height: 812 },
    keyboardUp: 420,
    questions: ['waar is mijn pakket', 'hoe stuur ik iets terug'],
    draft: 'en ',
    yes: 'Ja',
  },
  {
    locale: 'en',
    viewport: { width: 812, height: 375 },
    keyboardUp: 200,
    questions: ['where is my parcel', 'how do I return something'],
    draft: 'and ',
    yes: 'Yes',
  },
] as const;

describeWithBrowser('the chat when the phone keyboard comes up', () => {
  const demo = demoInBrowser();

  for (const way of WAYS) {
    const size = `${way.viewport.width} × ${way.viewport.height} → ${way.keyboardUp}`;
    it(`keeps the newest answer in view at ${size} (${way.locale})`, async () => {
      const context = await openContext(demo.browser, { name: 'phone', touch: true, locale: way.locale, viewport: way.viewport });
      const page = await context.newPage();
      await page.goto(`${demo.server.url}/${way.locale}/`);
      await widget.open(page, way.locale);
      const dialog = widget.dialog(page);
      const log = widget.log(page);
      for (const question of way.questions) {
        const before = await log.getByRole('listitem').count();
        await widget.ask(page, way.locale, question);
        await expect.poll(() => log.getByRole('listitem').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(before + 2);
      }
      // The customer taps the box to start the next question: the keyboard comes up, the viewport shrinks.
      await press(page, dialog.getByRole('textbox'), dialog, { what: 'the message box', scroll: false });
      await page.keyboard.type(way.draft);
      await page.setViewportSize({ width: way.viewport.width, height: way.keyboardUp });

      const newest = log.getByRole('listitem').last();
      expect(await newest.textContent()).toContain(way.locale === 'nl' ? 'retour' : 'return');
      // Its bottom inside the log's visible part, without anyone scrolling it.
      await expect
        .poll(async () => {
          const [item, shown] = await Promise.all([newest.boundingBox(), log.boundingBox()]);
          return item && shown ? Math.round(item.y + item.height - (shown.y + shown.height)) : null;
        })
        .toBeLessThanOrEqual(1);
      // And its "Ja" pressed where it is: inside the dialog, the visible log and the viewport.
      await press(page, newest.getByRole('button', { name: way.yes, exact: true }), dialog, { what: `the newest answer's "${way.yes}"`, scroll: false });
      expect(await dialog.getByRole('textbox').inputValue(), 'the draft is still there').toBe(way.draft);
      await context.close();
    }, 90_000);
  }
});

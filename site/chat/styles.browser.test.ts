/**
 * The widget's styles travel with its code (site/chat/styles.ts), not in
 * every page: in Chromium against the real server, the article page carries
 * only the launcher's rules, the launcher looks right before any script runs
 * (and without JavaScript), and the dialog is styled the moment it enters
 * the page, opened by a person or reopened after a reload. Screenshots (with
 * WEGWIJS_SCREENSHOTS=1) in .screenshots/chat-styles/.
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DESKTOP, PHONE, demoInBrowser, describeWithBrowser, openContext, press, widget, screenshot } from '../../test/browser.ts';

const SHOTS = 'chat-styles';

/** How the first `.chat-dialog` looked when it entered the page, before the browser could paint it. */
interface FirstSight {
  position: string;
  background: string;
}

declare global {
  interface Window {
    wegwijsDialogFirstSight?: FirstSight;
  }
}

describeWithBrowser("the widget's styles", () => {
  const demo = demoInBrowser();

  /** The computed style of the launcher and whether any stylesheet of the page styles the dialog. */
  const launcherLook = (page: Page) =>
    page.evaluate(() => {
      const launcher = document.getElementById('chat-launcher');
      const style = launcher ? getComputedStyle(launcher) : null;
      const rules = [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText));
      return {
        tag: launcher?.tagName.toLowerCase(),
        href: launcher?.getAttribute('href'),
        position: launcher?.parentElement ? getComputedStyle(launcher.parentElement).position : null,
        background: style?.backgroundColor,
        radius: style?.borderTopLeftRadius,
        color: style?.color,
        pageStylesTheDialog: rules.some((rule) => rule.includes('.chat-dialog')),
      };
    });

  for (const way of [PHONE, DESKTOP]) {
    it(`${way.name}: the launcher is styled at first paint, the dialog from its first frame, also when it reopens after a reload`, async () => {
      const context = await openContext(demo.browser, way);
      // Seen synchronously when the dialog is added, before any paint: unstyled, it would be static and transparent.
      await context.addInitScript(() => {
        new MutationObserver((_, observer) => {
          const dialog = document.querySelector('.chat-dialog');
          if (!dialog) return;
          const style = getComputedStyle(dialog);
          window.wegwijsDialogFirstSight = { position: style.position, background: style.backgroundColor };
          observer.disconnect();
        }).observe(document, { childList: true, subtree: true });
      });
      const page = await context.newPage();
      const article = way.locale === 'nl' ? '/nl/bezorging/levertijden/' : '/en/delivery/delivery-times/';
      const requests: string[] = [];
      page.on('request', (request) => requests.push(new URL(request.url()).pathname));
      await page.goto(`${demo.server.url}${article}`);
      await page.waitForLoadState('networkidle');

      // Before anyone reaches for the chat: no stylesheet loaded, no dialog rules in the page, yet a styled launcher.
      expect(requests.filter((path) => path.endsWith('.css') || path.endsWith('.js'))).toEqual([]);
      const before = await launcherLook(page);
      expect(before).toMatchObject({
        tag: 'a',
        position: 'fixed',
        background: 'rgb(11, 93, 68)',
        radius: '999px',
        color: 'rgb(255, 255, 255)',
        pageStylesTheDialog: false,
      });
      await screenshot(page, `${SHOTS}/${way.name}-launcher.png`);

      await widget.open(page, way.locale);
      expect(await page.evaluate(() => window.wegwijsDialogFirstSight)).toEqual({ position: 'fixed', background: 'rgb(255, 255, 255)' });
      expect(requests.filter((path) => path.endsWith('.css'))).toHaveLength(1);
      const dialog = widget.dialog(page);
      const box = await dialog.boundingBox();
      // The phone's dialog takes the whole screen; the desktop's is a panel in the corner.
      if (way.touch) expect(box).toEqual({ x: 0, y: 0, width: way.viewport.width, height: way.viewport.height });
      else expect(box?.width).toBeLessThan(way.viewport.width / 2);
      await widget.ask(page, way.locale, way.locale === 'nl' ? 'waar blijft mijn pakketje??' : 'wheres my parcel');
      await expect.poll(() => widget.log(page).textContent()).toMatch(/Waar is mijn pakket\?|Where is my parcel\?/);
      await screenshot(page, `${SHOTS}/${way.name}-open.png`);

      // The widget reopens by itself on the next page: styled from its first frame there too.
      await page.reload();
      await dialog.waitFor();
      expect(await page.evaluate(() => window.wegwijsDialogFirstSight)).toEqual({ position: 'fixed', background: 'rgb(255, 255, 255)' });
      await screenshot(page, `${SHOTS}/${way.name}-reopened.png`);
      await context.close();
    });
  }

  it('without JavaScript the launcher is a styled link to the help home', async () => {
    const context = await openContext(demo.browser, PHONE, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${demo.server.url}/nl/bezorging/levertijden/`);
    expect(await launcherLook(page)).toMatchObject({ tag: 'a', href: '/nl/', position: 'fixed', background: 'rgb(11, 93, 68)', radius: '999px' });
    await screenshot(page, `${SHOTS}/phone-no-javascript.png`);
    const link = page.getByRole('link', { name: 'Stel een vraag', exact: true });
    await Promise.all([page.waitForURL(`${demo.server.url}/nl/`), press(page, link, undefined, { what: 'the launcher link' })]);
    await context.close();
  });
});

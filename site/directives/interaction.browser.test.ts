/**
 * The chat's launcher pressed before the chat's code is in, on a poor
 * connection. Offline (a train, a lift), the old page followed the press to
 * the launcher's link, the help home, which the browser could not load: the
 * page being read was gone, and its offline page showed instead. On a slow
 * connection (2 s a round trip) the code took 12 s, with nothing on the
 * screen to say the press had landed. The launcher's note now says either
 * ("Geen verbinding.", "Laden…" on a Dutch page), and a press once online
 * again opens the chat.
 */
import { expect, it } from 'vitest';
import { PHONE, demoInBrowser, describeWithBrowser, expectInside, openContext, press, screenshot, widget } from '../../test/browser.ts';

const ARTICLE = '/nl/bezorging/waar-is-mijn-pakket/';

describeWithBrowser('the chat launcher pressed before its code is in', () => {
  const demo = demoInBrowser();

  it('offline the page stays and the note says the chat cannot load; online again, slowly, it says it is loading, then opens (phone, nl)', async () => {
    const context = await openContext(demo.browser, PHONE);
    const page = await context.newPage();
    await page.goto(`${demo.server.url}${ARTICLE}`);
    const note = page.locator('.chat-launch [role=status]').first();
    const launcher = widget.launcher(page, 'nl');

    await context.setOffline(true);
    await press(page, launcher, undefined, { what: 'the launcher', scroll: false });
    await expect.poll(() => note.textContent()).toBe('Geen verbinding.');
    expect(page.url()).toBe(`${demo.server.url}${ARTICLE}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Waar is mijn pakket?');
    expectInside(await note.boundingBox(), { x: 0, y: 0, ...PHONE.viewport }, 'the note on the screen');
    await screenshot(page, 'launcher/offline.png');

    // Back online on a slow connection: the code comes 1.5 s a file later.
    await context.setOffline(false);
    await page.route('**/_astro/**', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await press(page, launcher, undefined, { what: 'the launcher', scroll: false });
    await expect.poll(() => note.textContent()).toBe('Laden…');
    await screenshot(page, 'launcher/loading.png');
    await widget.dialog(page).waitFor({ timeout: 30_000 });
    expect(await page.locator('.chat-launch .chat-notice').count(), 'the note gone once the chat is there').toBe(0);
    await widget.ask(page, 'nl', 'mn pakket is er nog niet');
    await widget.log(page).getByText('Waar is mijn pakket?').last().waitFor();
  }, 90_000);
});

/**
 * The chat widget as a customer uses it, in Chromium against the real server:
 * open it from the launcher, ask, get an answer with its article, give CES,
 * reload and continue (it reopens by itself), start over after a question, ask something unknown and get an honest no-match and
 * a hand-off offer, all by keyboard where a keyboard user would.
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { auditAccessibility, demoInBrowser, describeWithBrowser } from '../../test/browser.ts';

describeWithBrowser('the chat widget in the browser', () => {
  const demo = demoInBrowser();

  async function openPage(path: string, width = 1100): Promise<Page> {
    const context = await demo.browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${demo.server.url}${path}`);
    return page;
  }

  const log = (page: Page) => page.getByRole('log');

  async function ask(page: Page, text: string) {
    const input = page.getByRole('dialog').getByRole('textbox', { name: /vraag|question/i });
    await input.fill(text);
    await input.press('Enter');
  }

  it('opens from the launcher by keyboard, answers, takes CES and keeps the conversation over a reload', async () => {
    const page = await openPage('/nl/bezorging/levertijden/');
    const launcher = page.getByRole('button', { name: 'Stel een vraag', exact: true });
    await launcher.focus();
    await launcher.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Hulp van de assistent' });
    await dialog.waitFor();
    // Focus moves into the dialog.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('chat-q');

    await ask(page, 'hoe kan ik iets terugsturen');
    await expect.poll(() => log(page).textContent()).toContain('Hoe stuur ik iets terug?');
    await expect
      .poll(() => dialog.getByRole('link', { name: 'Lees het hele artikel' }).last().getAttribute('href'))
      .toBe('/nl/retourneren/hoe-stuur-ik-iets-terug/');

    // "Did this answer" first; the effort score only after it.
    expect(await dialog.getByRole('group', { name: 'Hoeveel moeite kostte het om je antwoord te krijgen?' }).count()).toBe(0);
    await dialog.getByRole('group', { name: 'Heeft dit je vraag beantwoord?' }).getByRole('button', { name: 'Ja' }).click();
    // CES: both ends labelled; the score is recorded and thanked for.
    const ces = dialog.getByRole('group', { name: 'Hoeveel moeite kostte het om je antwoord te krijgen?' }).last();
    expect(await ces.textContent()).toContain('1 = nauwelijks moeite');
    expect(await ces.textContent()).toContain('5 = heel veel moeite');
    await ces.getByRole('button', { name: /^2$/ }).click();
    await expect.poll(() => log(page).textContent()).toContain('Bedankt voor je beoordeling.');

    // The widget was open, so it opens again after the reload.
    await page.reload();
    await page.getByRole('dialog').waitFor();
    await expect.poll(() => log(page).textContent()).toContain('hoe kan ik iets terugsturen');
    expect(await log(page).textContent()).toContain('Bedankt voor je beoordeling.');

    // Escape closes and gives focus back to the launcher.
    await page.keyboard.press('Escape');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('chat-launcher');
    await page.context().close();
  });

  it('takes a typed "Ja!", "top, bedankt!", "nee hoor" or "ja" as the answer to the widget\'s own questions, as their buttons', async () => {
    const page = await openPage('/nl/');
    await page.getByRole('button', { name: 'Stel een vraag', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Hulp van de assistent' });
    const effort = dialog.getByRole('group', { name: 'Hoeveel moeite kostte het om je antwoord te krijgen?' });
    await ask(page, 'hoe kan ik iets terugsturen');
    await expect.poll(() => log(page).textContent()).toContain('Hoe stuur ik iets terug?');

    await ask(page, 'Ja!');
    await expect.poll(() => log(page).textContent()).toContain('Fijn dat ik je kon helpen!');
    // The customer's words stay theirs; the effort question follows, as after a press on "Ja".
    expect(await log(page).getByText('Ja!', { exact: true }).count()).toBe(1);
    expect(await effort.count()).toBe(1);
    expect(await log(page).textContent()).not.toContain('Daar heb ik helaas geen antwoord op');
    // "2" typed to the effort scale is the score, as a press on 2.
    await ask(page, '2');
    await expect.poll(() => log(page).textContent()).toContain('Bedankt voor je beoordeling.');
    expect(await effort.count()).toBe(0);
    expect(await log(page).textContent()).not.toContain('Daar heb ik helaas geen antwoord op');

    // A thanks typed under the question is a yes too: the effort question follows, not "Graag gedaan!".
    await ask(page, 'hoe annuleer ik mijn bestelling');
    await expect.poll(() => dialog.getByRole('group', { name: 'Heeft dit je vraag beantwoord?' }).count()).toBe(1);
    await ask(page, 'top, bedankt!');
    await expect.poll(() => log(page).getByText('Fijn dat ik je kon helpen!').count()).toBe(2);
    expect(await effort.count()).toBe(1);
    expect(await log(page).textContent()).not.toContain('Graag gedaan');
    await ask(page, '1');
    await expect.poll(() => effort.count()).toBe(0);

    await ask(page, 'waar is mijn pakket');
    await expect.poll(() => dialog.getByRole('group', { name: 'Heeft dit je vraag beantwoord?' }).count()).toBe(1);
    await ask(page, 'nee hoor');
    await expect.poll(() => log(page).textContent()).toMatch(/Misschien helpt een van deze:|Wil je dat een medewerker je helpt\?/);
    expect(await log(page).textContent()).not.toContain('Daar heb ik helaas geen antwoord op');
    // A person is offered now: "ja" takes the offer, as its button does.
    expect(await dialog.getByLabel('Je e-mailadres (verplicht)').count()).toBe(0);
    await ask(page, 'ja');
    await expect.poll(() => dialog.getByLabel('Je e-mailadres (verplicht)').count()).toBe(1);
    expect(await log(page).textContent()).not.toContain('Daar heb ik helaas geen antwoord op');
    await page.context().close();
  });

  it('takes a typed "niet echt" to the offered articles as "None of these", and keeps the articles as links', async () => {
    const page = await openPage('/nl/');
    await page.getByRole('button', { name: 'Stel een vraag', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Hulp van de assistent' });
    await ask(page, 'waar is mijn pakket');
    await expect.poll(() => dialog.getByRole('group', { name: 'Heeft dit je vraag beantwoord?' }).count()).toBe(1);
    await ask(page, 'nee');
    await expect.poll(() => log(page).textContent()).toContain('Misschien helpt een van deze:');
    const offered = await dialog.locator('.chat-options button:not(.chat-none)').allTextContents();
    expect(offered.length).toBeGreaterThan(0);

    await ask(page, 'niet echt');
    await expect.poll(() => log(page).textContent()).toContain('Jammer. Zeg het eens anders');
    expect(await log(page).getByText('niet echt', { exact: true }).count()).toBe(1);
    expect(await log(page).textContent()).not.toContain('Daar heb ik helaas geen antwoord op');
    // The buttons went with the question; the articles stay, as links, under "Misschien helpt een van deze:".
    expect(await dialog.locator('.chat-options').count()).toBe(0);
    for (const title of offered) expect(await log(page).getByRole('link', { name: title, exact: true }).count(), title).toBe(1);

    // "ja" to "Bedoel je een van deze?" picks nothing and asks for no person: the same articles again, no hand-off form.
    await ask(page, 'kapot');
    await expect.poll(() => log(page).textContent()).toContain('Bedoel je een van deze?');
    const choices = await dialog.locator('.chat-options button:not(.chat-none)').allTextContents();
    await ask(page, 'ja');
    await expect.poll(() => log(page).getByText('Bedoel je een van deze?', { exact: true }).count()).toBe(2);
    expect(await dialog.locator('.chat-options button:not(.chat-none)').allTextContents()).toEqual(choices);
    expect(await log(page).textContent()).not.toContain('Daar heb ik helaas geen antwoord op');
    expect(await dialog.getByLabel('Je e-mailadres (verplicht)').count()).toBe(0);
    await page.context().close();
  });

  it('answers every question typed while the assistant was still loading, and says it is looking', async () => {
    const page = await openPage('/nl/');
    // Hold the model back, as on a slow phone connection, until two questions are typed.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/assistant-model\//, async (route) => {
      await held;
      await route.continue();
    });
    await page.getByRole('button', { name: 'Stel een vraag', exact: true }).click();
    await ask(page, 'hoe kan ik iets terugsturen');
    await ask(page, 'ik ben mijn wachtwoord vergeten');
    await expect.poll(() => page.getByRole('dialog').getByRole('status').allTextContents()).toContain('Even zoeken…');
    release();
    await expect.poll(() => log(page).textContent()).toContain('Hoe stuur ik iets terug?');
    await expect.poll(() => log(page).textContent()).toContain('Wachtwoord vergeten');
    expect(await page.getByRole('dialog').getByText('Even zoeken…').count()).toBe(0);
    await page.context().close();
  });

  it('says so honestly when it does not know, and offers a person after two misses', async () => {
    const page = await openPage('/en/');
    await page.getByRole('button', { name: 'Ask a question', exact: true }).click();
    await ask(page, 'what is the airspeed velocity of an unladen swallow');
    await expect.poll(() => log(page).textContent()).toContain("Sorry, I don't have an answer to that.");
    await ask(page, 'purple monkey dishwasher quantum');
    await expect.poll(() => page.getByRole('dialog').getByRole('button', { name: 'Talk to a person' }).count()).toBeGreaterThan(0);
    await page.getByRole('dialog').getByRole('button', { name: 'Talk to a person' }).first().click();
    await expect.poll(() => page.getByLabel('Your e-mail address (required)').count()).toBe(1);
    // The customer sees what will be sent before sending it.
    expect(await page.getByRole('dialog').textContent()).toContain('purple monkey dishwasher quantum');
    await page.context().close();
  });

  it('starts over when asked, after asking first', async () => {
    const page = await openPage('/en/');
    await page.getByRole('button', { name: 'Ask a question', exact: true }).click();
    await ask(page, 'where is my parcel');
    await expect.poll(() => log(page).textContent()).toContain('where is my parcel');
    await page.getByRole('button', { name: 'Start over' }).click();
    expect(await log(page).textContent()).toContain('where is my parcel');
    await page.getByRole('button', { name: 'Yes, start over' }).click();
    expect(await log(page).textContent()).not.toContain('where is my parcel');
    await page.context().close();
  });

  it('fills a small phone screen and passes an accessibility audit while open', async () => {
    const page = await openPage('/nl/', 360);
    await page.getByRole('button', { name: 'Stel een vraag', exact: true }).click();
    await ask(page, 'waar is mijn pakket');
    await expect.poll(() => log(page).textContent()).toContain('Waar is mijn pakket?');
    const box = await page.getByRole('dialog').boundingBox();
    expect(box?.width).toBe(360);
    expect(await auditAccessibility(page)).toEqual([]);
    await page.context().close();
  }, 60_000);
});

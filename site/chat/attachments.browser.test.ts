/**
 * A photo from the customer's phone to the agent's desk, in real Chromium
 * against the real server: the customer asks for a person, presses "Add
 * attachment" and chooses a file; a program renamed .jpg is refused inline,
 * naming it, with the address typed and the files chosen still there; they
 * remove it, choose a photo with a GPS position and press Send twice; one
 * ticket with one attachment arrives. The agent sees it in the inbox with a
 * preview and downloads it: no EXIF left; they answer with a PDF from the
 * reply box, which the customer downloads from the widget. Customer at 375×812 with touch and
 * the agent at 1366×900 with the mouse, then the other way round. Every
 * press is at the centre of the control after checking it lies inside the
 * dialog (or the viewport); with WEGWIJS_SCREENSHOTS=1, screenshots go to .screenshots/attachments/.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES } from '#core/attachments.ts';
import { createAgent } from '../../api/agents/service.ts';
import { CHEAP_COST } from '../../api/test/app.ts';
import { rows } from '../../api/db/query.ts';
import { auditAccessibility, demoInBrowser, describeWithBrowser, downloadedBytes, expectInside, press, screenshot } from '../../test/browser.ts';

const PASSWORD = 'correct horse battery staple';
const SHOTS = 'attachments';

const DESKTOP = { viewport: { width: 1366, height: 900 } };
const PHONE = { viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true };

/** A photo "taken sideways" with a GPS position, as a phone writes it. */
async function photo(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a7' } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: 'Telefoon van Kim' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 13/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '4/1 24/1 0/1' },
    })
    .toBuffer();
}
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
/** An iPhone's photo as it comes off the phone (api/attachments/fixtures: HEVC in HEIF, which cannot be read here). */
const HEIC = readFileSync(new URL('../../api/attachments/fixtures/IMG_4032.HEIC', import.meta.url));
const PROGRAM = Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff, ...new Array(300).fill(0)]);

/** Presses `control` (the file input over its label) and chooses `files` in the chooser it opens, as a person does. */
async function choose(page: Page, control: Locator, within: Locator, files: { name: string; mimeType: string; buffer: Buffer }[]) {
  const chooser = page.waitForEvent('filechooser');
  await press(page, control, within);
  await (await chooser).setFiles(files);
}

describeWithBrowser('attachments from the widget to the inbox', () => {
  const demo = demoInBrowser((server) =>
    createAgent(server.database.db, { email: 'sanne@duinwinkel.example', name: 'Sanne', role: 'agent', password: PASSWORD }, CHEAP_COST),
  );

  const runs = [
    { name: 'customer-phone', customer: PHONE, agent: DESKTOP, locale: 'nl' as const },
    { name: 'customer-desktop', customer: DESKTOP, agent: PHONE, locale: 'en' as const },
  ];
  for (const run of runs) {
    it(`a customer attaches a photo to the hand-off; the agent sees and downloads it without its location (${run.name})`, async () => {
      const nl = run.locale === 'nl';
      const text = {
        open: nl ? 'Stel een vraag' : 'Ask a question',
        question: nl ? 'Je vraag' : 'Your question',
        person: nl ? 'Praat met een medewerker' : 'Talk to a person',
        email: nl ? 'Je e-mailadres (verplicht)' : 'Your e-mail address (required)',
        attach: nl ? 'Bijlage toevoegen' : 'Add attachment',
        send: nl ? 'Versturen naar een medewerker' : 'Send to a person',
        remove: (name: string) => (nl ? `${name} verwijderen` : `Remove ${name}`),
        refused: (name: string) => (nl ? `"${name}" is geen foto of pdf` : `"${name}" is not a photo or PDF`),
        heic: (name: string) => (nl ? `"${name}" is een HEIC-foto (het eigen formaat van de iPhone)` : `"${name}" is an HEIC photo (the iPhone's own format)`),
        notFetched: (name: string) => (nl ? `"${name}" kon niet worden opgehaald` : `"${name}" could not be fetched`),
      };
      const customerContext = await demo.browser.newContext(run.customer);
      // The widget polls for replies every 10 s at first; the test hook shortens that (CONTRIBUTING.md).
      await customerContext.addInitScript(() => {
        (window as unknown as { wegwijsChatPoll: object }).wegwijsChatPoll = { baseMs: 500, maxMs: 1000 };
      });
      const customer = await customerContext.newPage();
      await customer.goto(`${demo.server.url}/${run.locale}/`);
      await press(customer, customer.getByRole('button', { name: text.open, exact: true }));
      const dialog = customer.getByRole('dialog');
      const input = dialog.getByRole('textbox', { name: text.question });
      await input.fill(nl ? 'mn lamp is kapot aangekomen, glas gebroken. wat nu??' : 'my lamp arrived broken, the glass is smashed. what now??');
      await input.press('Enter');
      await press(customer, dialog.getByRole('button', { name: text.person }).first(), dialog);
      const email = `kim.${run.name}@example.com`;
      await dialog.getByLabel(text.email).fill(email);

      // A program renamed .jpg: chosen, sent, refused by its bytes, named in the customer's language.
      const attach = dialog.getByLabel(text.attach);
      await choose(customer, attach, dialog, [{ name: 'foto-lamp.jpg', mimeType: 'image/jpeg', buffer: PROGRAM }]);
      await expect.poll(() => dialog.locator('.chat-files').textContent()).toContain('foto-lamp.jpg');
      await press(customer, dialog.getByRole('button', { name: text.send }), dialog);
      const alert = dialog.locator('.chat-attach [role=alert]');
      await expect.poll(() => alert.textContent(), { timeout: 15_000 }).toContain(text.refused('foto-lamp.jpg'));
      expect(await dialog.getByLabel(text.email).inputValue()).toBe(email);
      expect(await dialog.locator('.chat-files').textContent()).toContain('foto-lamp.jpg');
      await alert.scrollIntoViewIfNeeded();
      await screenshot(customer, `${SHOTS}/${run.name}-refused.png`);
      expect(await auditAccessibility(customer)).toEqual([]);

      // An iPhone photo: refused as it is chosen (its type says HEIC), in words that say what to do, not as "not a photo".
      await press(customer, dialog.getByRole('button', { name: text.remove('foto-lamp.jpg') }), dialog);
      await choose(customer, attach, dialog, [{ name: 'IMG_4032.HEIC', mimeType: 'image/heic', buffer: HEIC }]);
      await expect.poll(() => alert.textContent()).toContain(text.heic('IMG_4032.HEIC'));
      expect(await dialog.locator('.chat-files').count()).toBe(0);
      expect(await dialog.getByLabel(text.email).inputValue()).toBe(email);

      // A real photo chosen, and Send pressed twice.
      await choose(customer, attach, dialog, [{ name: 'lamp kapot.jpg', mimeType: 'image/jpeg', buffer: await photo() }]);
      await expect.poll(() => dialog.locator('.chat-files').textContent()).toMatch(/lamp kapot\.jpg \([\d.,]+ kB\)/);
      await screenshot(customer, `${SHOTS}/${run.name}-chosen.png`);
      await press(customer, dialog.getByRole('button', { name: text.send }), dialog, { double: true });
      await expect.poll(() => customer.getByRole('log').textContent(), { timeout: 20_000 }).toMatch(/WW-\d+/);
      const fileLink = customer.getByRole('log').getByRole('link', { name: 'lamp kapot.jpg' });
      await fileLink.waitFor();
      await screenshot(customer, `${SHOTS}/${run.name}-sent.png`);

      // One ticket, one attachment, however often Send was pressed.
      const stored = await rows<{ number: string; files: number }>(
        demo.server.database.db,
        sql`select t.number, (select count(*)::int from attachments a where a.conversation_id = t.conversation_id) as files from tickets t where t.customer_email = ${email}`,
      );
      expect(stored).toHaveLength(1);
      expect(stored[0]?.files).toBe(1);
      const number = stored[0]!.number;

      // Offline (a train tunnel), a tap on the photo cannot fetch it: the chat says so, naming it, rather than doing nothing.
      await customer.context().setOffline(true);
      await press(customer, fileLink, dialog);
      const notFetched = dialog.getByRole('alert').filter({ hasText: text.notFetched('lamp kapot.jpg') });
      await notFetched.waitFor();
      await screenshot(customer, `${SHOTS}/${run.name}-not-fetched.png`);
      await customer.context().setOffline(false);

      // Back online, the customer saves their own photo from the thread, and the message goes.
      const own = customer.waitForEvent('download');
      await press(customer, fileLink, dialog);
      expect((await own).suggestedFilename()).toBe('lamp kapot.jpg');
      await notFetched.waitFor({ state: 'detached' });

      const agent = await (await demo.browser.newContext({ ...run.agent, acceptDownloads: true })).newPage();
      await agent.goto(`${demo.server.url}/agent/`);
      await agent.getByLabel('E-mailadres').fill('sanne@duinwinkel.example');
      await agent.getByLabel('Wachtwoord').fill(PASSWORD);
      await press(agent, agent.getByRole('button', { name: 'Inloggen' }));
      await agent.getByRole('button', { name: 'Uitloggen' }).waitFor();
      await press(agent, agent.getByRole('tab', { name: 'Alle' }));
      await press(agent, agent.getByRole('button', { name: new RegExp(`${number}\\b`) }));
      const link = agent.getByRole('link', { name: /^lamp kapot\.jpg [\d.,]+ k?B$/ });
      await link.waitFor();
      await expect.poll(() => link.locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
      await link.scrollIntoViewIfNeeded();
      await screenshot(agent, `${SHOTS}/${run.name}-inbox.png`);
      expect(await auditAccessibility(agent)).toEqual([]);
      const download = agent.waitForEvent('download');
      await press(agent, link);
      const saved = await download;
      expect(saved.suggestedFilename()).toBe('lamp kapot.jpg');
      const bytes = await downloadedBytes(saved);
      const metadata = await sharp(bytes).metadata();
      expect(metadata.exif).toBeUndefined();
      expect(bytes.includes(Buffer.from('Telefoon van Kim'))).toBe(false);
      // Upright: taken sideways (64×48 with orientation 6), it is now 48 wide and 64 high.
      expect([metadata.width, metadata.height]).toEqual([48, 64]);

      // The agent answers with a PDF from the reply box; the customer gets it in the widget.
      const replyBox = agent.locator('.inbox-reply');
      await choose(agent, replyBox.getByLabel('Bijlage toevoegen'), replyBox, [{ name: 'retourlabel.pdf', mimeType: 'application/pdf', buffer: PDF }]);
      await agent.locator('#reply-body').fill('Hoi Kim, vervelend! Hierbij het retourlabel, plak het op de doos.');
      await expect.poll(() => replyBox.locator('.attachments').textContent()).toContain('retourlabel.pdf');
      await press(agent, replyBox.getByRole('button', { name: 'Versturen' }), replyBox);
      await expect.poll(() => replyBox.locator('.attachments').count()).toBe(0);
      await expect.poll(() => customer.getByRole('log').textContent(), { timeout: 20_000 }).toContain('Hierbij het retourlabel');
      const label = customer.getByRole('log').getByRole('link', { name: 'retourlabel.pdf' });
      await label.waitFor();
      await label.scrollIntoViewIfNeeded();
      await screenshot(customer, `${SHOTS}/${run.name}-reply.png`);
      const labelDownload = customer.waitForEvent('download');
      await press(customer, label, dialog);
      expect((await downloadedBytes(await labelDownload)).subarray(0, 5).toString()).toBe('%PDF-');
      await customer.context().close();
      await agent.context().close();
    }, 120_000);
  }

  it('refuses a file too large or of a type not taken as it is chosen, on a phone, before anything is sent', async () => {
    const customer = await (await demo.browser.newContext(PHONE)).newPage();
    // Every request the widget makes to the API: none may go out for a refused file.
    const sent: string[] = [];
    customer.on('request', (request) => request.url().includes('/api/') && sent.push(`${request.method()} ${new URL(request.url()).pathname}`));
    await customer.goto(`${demo.server.url}/nl/`);
    await press(customer, customer.getByRole('button', { name: 'Stel een vraag', exact: true }));
    const dialog = customer.getByRole('dialog');
    const input = dialog.getByRole('textbox', { name: 'Je vraag' });
    await input.fill('heb een foto vn de schade aan de kast, hoe stuur ik die op?');
    await input.press('Enter');
    await press(customer, dialog.getByRole('button', { name: 'Praat met een medewerker' }).first(), dialog);
    await dialog.getByLabel('Je e-mailadres (verplicht)').fill('jef.peeters@example.be');
    const message = 'De deur vd kast hangt scheef, zie foto. Groetjes, Jef';
    await dialog.getByLabel('Wat wil je nog kwijt? (niet verplicht)').fill(message);
    const before = sent.length;

    // A photo straight off a good camera: just over the limit.
    const attach = dialog.getByLabel('Bijlage toevoegen');
    await choose(customer, attach, dialog, [{ name: 'schade kast.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 0xff) }]);
    const alert = dialog.locator('.chat-attach [role=alert]');
    await expect.poll(() => alert.textContent()).toBe('"schade kast.jpg" is groter dan 10 MB. Kies een kleiner bestand.');
    await alert.scrollIntoViewIfNeeded();
    const [box, within] = await Promise.all([alert.boundingBox(), dialog.boundingBox()]);
    expectInside(box, within, 'the message in the chat window');
    await screenshot(customer, `${SHOTS}/phone-too-large.png`);
    expect(await dialog.locator('.chat-files').count()).toBe(0);
    expect(await dialog.getByLabel('Je e-mailadres (verplicht)').inputValue()).toBe('jef.peeters@example.be');
    expect(await dialog.getByLabel('Wat wil je nog kwijt? (niet verplicht)').inputValue()).toBe(message);

    // A Word file: refused by its type, just as quickly.
    await choose(customer, attach, dialog, [
      { name: 'offerte.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.from('PK\u0003\u0004') },
    ]);
    await expect.poll(() => alert.textContent()).toContain('"offerte.docx" is geen foto of pdf');
    expect(await dialog.getByLabel('Wat wil je nog kwijt? (niet verplicht)').inputValue()).toBe(message);
    expect(await auditAccessibility(customer)).toEqual([]);
    expect(sent.slice(before)).toEqual([]);
    await customer.context().close();
  }, 60_000);
});

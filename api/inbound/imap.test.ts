/**
 * What the IMAP poller does with each message it reads, on .eml files in the
 * shapes common clients write (Gmail, Outlook, Apple Mail, an HTML-only
 * webmail), a Dutch out-of-office and a mailer-daemon bounce: what
 * {@link receiveFromMailbox}, which the poller calls for every message,
 * makes of them, and the reading of IMAP_URL. The loop itself (connect,
 * SEARCH UNSEEN, FETCH, STORE \Seen, IDLE, reconnecting) runs against an
 * IMAP server in imap-server.test.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import MailComposer from 'nodemailer/lib/mail-composer';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { fileStore } from '../attachments/store.ts';
import { rows } from '../db/query.ts';
import { signingKey } from '../http/signed.ts';
import { replyAddress } from '../mail/reply-address.ts';
import { agentHeaders, createTestAgent, createTicketVia, handoffBody, testApp } from '../test/app.ts';
import { describeOnDatabases } from '../test/database.ts';
import type { TicketDetail } from '../tickets/schema.ts';
import { imapTarget, receiveFromMailbox } from './imap.ts';
import type { ReceiveSettings } from './receive.ts';

const FROM = 'Duinwinkel <klantenservice@duinwinkel.example>';
const SECRET = 'een geheim van minstens tweeëndertig tekens lang!';

/** A fixture with the ticket's number and reply address filled in, as the client would have sent it. */
function fixture(name: string, fill: { number?: string; replyAddress?: string } = {}): Buffer {
  const text = readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');
  return Buffer.from(
    text.replaceAll('{{NUMBER}}', fill.number ?? 'WW-1').replaceAll('{{REPLY_ADDRESS}}', fill.replyAddress ?? 'klantenservice@duinwinkel.example'),
    'utf8',
  );
}

describeOnDatabases('mail read from an IMAP mailbox', (database) => {
  const settings = (): ReceiveSettings => ({ key: signingKey(database().db, SECRET), from: FROM, defaultLocale: 'nl' });
  const setup = async () => {
    const test = testApp(database(), { links: { secret: SECRET, ttlDays: 30 }, mail: { smtpUrl: undefined, from: FROM } });
    const headers = await agentHeaders(database(), await createTestAgent(database()));
    const detail = async (ticketId: string) => (await (await test.app.request(`/api/agent/tickets/${ticketId}`, { headers })).json()) as TicketDetail;
    return { test, headers, detail };
  };
  const fill = async (number: string) => ({ number, replyAddress: replyAddress(await settings().key(), FROM, number) });

  it('Gmail: the reply above "Op … schreef …:" joins the thread, the quote stays in the original; a second read of it is a duplicate', async () => {
    const { test, detail } = await setup();
    const { ticketId, number } = await createTicketVia(test.app);
    const raw = fixture('gmail-reply.eml', await fill(number));
    expect(await receiveFromMailbox(database().db, raw, settings())).toMatchObject({ kind: 'stored', number, matchedBy: 'reply_address' });
    const last = (await detail(ticketId)).messages.at(-1);
    expect(last?.body).toBe(
      'Hoi Sanne,\n\nBij de buren ligt niks, heb net aangebeld. Kan het zijn dat hij terug is naar het depot? Mijn ordernummer is 100234.\n\nGroetjes, Jan',
    );
    expect(last?.email).toMatchObject({ from: 'jan.jansen@gmail.com', subject: `Re: Antwoord op je vraag [${number}]: Mijn pakket is al een week onderweg.` });
    expect(last?.email?.original).toContain('> Hoi Jan, het pakket ligt bij de buren op nummer 12.');
    expect(await receiveFromMailbox(database().db, raw, settings())).toEqual({ kind: 'duplicate' });
    expect((await detail(ticketId)).messages.filter((m) => m.author === 'customer' && m.body.includes('100234'))).toHaveLength(1);
  });

  it('Outlook (Dutch, Belgian sender): text above the "Van: … Verzonden: …" block, signature greeting kept, the attachment listed', async () => {
    const { test, detail } = await setup();
    const { ticketId, number } = await createTicketVia(test.app);
    expect(await receiveFromMailbox(database().db, fixture('outlook-reply.eml', await fill(number)), settings())).toMatchObject({ kind: 'stored', number });
    const last = (await detail(ticketId)).messages.at(-1);
    expect(last?.body).toBe(
      'Dag Sanne,\n\nIn bijlage een foto van de doos, die was helemaal ingedeukt. Ik zou graag een nieuwe willen, of mijn geld terug. Ge moogt ook bellen, dat is makkelijker.\n\nMet vriendelijke groeten,\nMarieke',
    );
    expect(last?.email?.attachments).toEqual([{ filename: 'IMG_2041.jpg', contentType: 'image/jpeg', size: 91 }]);
    expect(last?.email?.original).toContain('Verzonden: maandag 30 november 2026 14:02');
  });

  it('a photo in the reply is kept on the message without its GPS position, for agents to download; a program named .jpg is listed as not kept', async () => {
    const { test, headers, detail } = await setup();
    const { ticketId, number } = await createTicketVia(test.app);
    const photo = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#c33' } })
      .jpeg()
      .withExif({
        IFD0: { Make: 'Duinwinkel Camera' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 22/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '4/1 53/1 0/1' },
      })
      .toBuffer();
    const raw = await new MailComposer({
      from: 'Marieke <marieke@telenet.example>',
      to: replyAddress(await settings().key(), FROM, number),
      subject: `Re: Antwoord op je vraag [${number}]`,
      messageId: `<foto-${number}@telenet.example>`,
      text: 'Hierbij de foto van de kapotte doos.',
      attachments: [
        { filename: 'doos.jpg', content: photo, contentType: 'image/jpeg' },
        { filename: 'factuur.jpg', content: Buffer.from('MZ\x90\x00 this is a Windows program', 'latin1'), contentType: 'image/jpeg' },
      ],
    })
      .compile()
      .build();
    const outcome = await receiveFromMailbox(database().db, raw, { ...settings(), attachments: fileStore(test.attachmentsDir) });
    expect(outcome).toMatchObject({ kind: 'stored', number });
    const last = (await detail(ticketId)).messages.at(-1);
    expect(last?.body).toBe('Hierbij de foto van de kapotte doos.');
    expect(last?.attachments).toEqual([expect.objectContaining({ filename: 'doos.jpg', contentType: 'image/jpeg' })]);
    expect(last?.email?.attachments).toEqual([
      expect.objectContaining({ filename: 'doos.jpg', id: last?.attachments[0]?.id }),
      expect.objectContaining({ filename: 'factuur.jpg', refused: 'attachment-type' }),
    ]);
    expect(last?.email?.attachments[0]?.refused).toBeUndefined();
    const download = await test.app.request(`/api/agent/tickets/${ticketId}/attachments/${last?.attachments[0]?.id}`, { headers });
    expect(download.status).toBe(200);
    const kept = Buffer.from(await download.arrayBuffer());
    expect((await sharp(kept).metadata()).exif).toBeUndefined();
    expect(kept.includes(Buffer.from('Duinwinkel Camera'))).toBe(false);
  });

  it('Apple Mail on an iPhone: reopens the solved ticket, without "Verstuurd vanaf mijn iPhone" and the quote', async () => {
    const { test, headers, detail } = await setup();
    const { ticketId, number } = await createTicketVia(test.app);
    expect((await test.app.request(`/api/agent/tickets/${ticketId}`, { method: 'PATCH', headers, body: JSON.stringify({ status: 'solved' }) })).status).toBe(
      200,
    );
    expect(await receiveFromMailbox(database().db, fixture('apple-mail-reply.eml', await fill(number)), settings())).toMatchObject({ kind: 'stored' });
    const ticket = await detail(ticketId);
    expect(ticket.status).toBe('open');
    expect(ticket.messages.at(-1)?.body).toBe('Sorry maar het is toch niet opgelost, de retourlabel geeft een foutmelding als ik hem wil printen 😕');
  });

  it('drops a Dutch out-of-office ("Automatisch antwoord: …", by header or by subject alone) and a mailer-daemon bounce', async () => {
    const { test } = await setup();
    const { number } = await createTicketVia(test.app);
    const count = async () =>
      (
        await rows<{ n: number }>(
          database().db,
          sql`select (select count(*) from tickets)::int + (select count(*) from inbound_mail)::int + (select count(*) from mail_outbox)::int as n`,
        )
      )[0]?.n;
    const before = await count();
    for (const [name, reason] of [
      ['out-of-office-nl.eml', /Auto-Submitted: auto-generated/],
      ['out-of-office-subject-only.eml', /out-of-office subject/],
      ['mailer-daemon-bounce.eml', /Auto-Submitted: auto-replied/],
    ] as const) {
      const outcome = await receiveFromMailbox(database().db, fixture(name, await fill(number)), settings());
      expect(outcome, name).toMatchObject({ kind: 'ignored', reason: expect.stringMatching(reason) });
    }
    expect(await count()).toBe(before);
  });

  it('erasing the customer deletes what was kept of their e-mail (original, sender, attachment list)', async () => {
    const { test } = await setup();
    const { ticketId, number } = await createTicketVia(test.app, handoffBody({ email: 'wis.mij@example.nl' }));
    // Another copy of the Outlook reply (its own Message-ID: the earlier test stored the fixture's).
    const raw = Buffer.from(
      fixture('outlook-reply.eml', await fill(number))
        .toString('utf8')
        .replace('Message-ID: <AM8PR04MB7779', 'Message-ID: <ERASE'),
      'utf8',
    );
    expect(await receiveFromMailbox(database().db, raw, settings())).toMatchObject({ kind: 'stored' });
    const kept = () => rows(database().db, sql`select id from inbound_mail where ticket_id = ${ticketId}::uuid`);
    expect(await kept()).toHaveLength(1);
    const admin = await agentHeaders(database(), await createTestAgent(database(), { role: 'admin' }));
    expect(
      (await test.app.request('/api/agent/privacy/erase', { method: 'POST', headers: admin, body: JSON.stringify({ email: 'wis.mij@example.nl' }) })).status,
    ).toBe(200);
    expect(await kept()).toHaveLength(0);
    expect(
      await rows(database().db, sql`select id from inbound_mail where from_address = 'marieke.peeters@outlook.be' and ticket_id = ${ticketId}::uuid`),
    ).toHaveLength(0);
  });

  it('HTML-only mail to the plain mailbox becomes a new ticket whose message is text, never HTML', async () => {
    const { detail } = await setup();
    const outcome = await receiveFromMailbox(database().db, fixture('html-only-new.eml'), settings());
    expect(outcome).toMatchObject({ kind: 'stored', matchedBy: 'new_ticket' });
    if (outcome.kind !== 'stored') return;
    const ticket = await detail(outcome.ticketId);
    expect(ticket).toMatchObject({ subject: 'Kortingscode werkt nie', locale: 'nl', customerEmail: 'sofie.claes@telenet.be', customerName: 'Sofie Claes' });
    const body = ticket.messages[0]?.body ?? '';
    expect(body).toContain('Mijn kortingscode WINTER10 werkt nie bij het afrekenen');
    expect(body).not.toMatch(/<\/?(?:p|b|script|html)\b/i);
    expect(body).not.toContain('alert(1)');
  });
});

describe('IMAP_URL', () => {
  it('gives host, port, TLS, user, password and folder', () => {
    expect(imapTarget('imaps://klantenservice%40duinwinkel.example:ge%2Fheim@imap.duinwinkel.example/Support%2FWegwijs')).toEqual({
      host: 'imap.duinwinkel.example',
      port: 993,
      secure: true,
      user: 'klantenservice@duinwinkel.example',
      pass: 'ge/heim',
      folder: 'Support/Wegwijs',
    });
    expect(imapTarget('imap://u:p@127.0.0.1:1143')).toMatchObject({ port: 1143, secure: false, folder: 'INBOX' });
  });
});

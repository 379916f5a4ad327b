/**
 * The IMAP poller (IMAP_URL) against a real IMAP server on 127.0.0.1
 * (hoodiecrow-imap, in this process), on PGlite and PostgreSQL: a reply put
 * in the mailbox lands in its ticket's thread and is marked \Seen so it is
 * never read twice; mail that matches nothing becomes a new ticket; IDLE
 * brings a message in without waiting for the next poll; a connection that
 * drops, also between storing a message and flagging it, loses nothing and
 * stores nothing twice.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { rows } from '../db/query.ts';
import { signingKey } from '../http/signed.ts';
import { replyAddress } from '../mail/reply-address.ts';
import { agentHeaders, createTestAgent, createTicketVia, testApp } from '../test/app.ts';
import { describeOnDatabases } from '../test/database.ts';
import { startTestImap, type TestImap } from '../test/imap.ts';
import { recordingLogger } from '../test/logger.ts';
import type { TicketDetail } from '../tickets/schema.ts';
import { type ImapPoller, startImapPoller } from './imap.ts';
import type { ReceiveSettings } from './receive.ts';

const FROM = 'Duinwinkel <klantenservice@duinwinkel.example>';
const SECRET = 'een geheim van minstens tweeëndertig tekens lang!';

/** A plain reply as a phone's mail app writes it, with a Message-ID of its own. */
function customerMail({
  to,
  from = 'Bram Wouters <bram.wouters@telenet.be>',
  subject,
  body,
  messageId = `<${randomUUID()}@telenet.be>`,
}: {
  to: string;
  from?: string;
  subject: string;
  body: string;
  messageId?: string;
}): string {
  return [
    `From: ${from}`,
    `To: ${to}`,
    `Subject: ${subject}`,
    `Message-ID: ${messageId}`,
    'Date: Sun, 6 Dec 2026 10:12:00 +0100',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    body,
    '',
  ].join('\r\n');
}

/** Waits until `check` gives something other than undefined, asking every 50 ms, at most `limitMs`. */
async function until<T>(check: () => Promise<T | undefined>, limitMs: number, what: string): Promise<T> {
  const end = Date.now() + limitMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`still waiting for ${what} after ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describeOnDatabases('the IMAP poller against an IMAP server on 127.0.0.1', (database) => {
  let imap: TestImap;
  let poller: ImapPoller | undefined;
  const logger = recordingLogger();
  beforeEach(async () => {
    imap = await startTestImap();
  });
  afterEach(async () => {
    await poller?.stop();
    poller = undefined;
    await imap.close();
  });

  const settings = (): ReceiveSettings => ({ key: signingKey(database().db, SECRET), from: FROM, defaultLocale: 'nl' });
  const poll = (intervalMs: number) => startImapPoller({ ...settings(), db: database().db, logger, url: imap.url, intervalMs });
  const setup = async () => {
    const test = testApp(database(), { links: { secret: SECRET, ttlDays: 30 }, mail: { smtpUrl: undefined, from: FROM } });
    const headers = await agentHeaders(database(), await createTestAgent(database()));
    const detail = async (ticketId: string) => (await (await test.app.request(`/api/agent/tickets/${ticketId}`, { headers })).json()) as TicketDetail;
    const { ticketId, number } = await createTicketVia(test.app);
    const address = replyAddress(await settings().key(), FROM, number);
    /** The customer's messages in the thread whose text contains `words`. */
    const customerSaid = async (words: string) => (await detail(ticketId)).messages.filter((m) => m.author === 'customer' && m.body.includes(words));
    return { ticketId, number, address, customerSaid };
  };
  const storedOnce = (messageId: string) => rows(database().db, sql`select id from inbound_mail where message_id = ${messageId}`);

  it('a reply in the mailbox lands in its ticket, is marked \\Seen and is not read again; mail that matches nothing becomes a new ticket', async () => {
    const { ticketId, number, address, customerSaid } = await setup();
    imap.deliver(
      customerMail({
        to: `Duinwinkel <${address}>`,
        subject: `Re: Antwoord op je vraag [${number}]`,
        body: 'Hey, de doos is nog altijd nie geleverd he. Wa nu?',
      }),
    );
    const newcomer = `<${randomUUID()}@skynet.be>`;
    imap.deliver(
      customerMail({
        to: FROM,
        from: 'Lotte Maes <lotte.maes@skynet.be>',
        subject: 'retour van mijn bestelling',
        body: 'hoi, kan ik mijn stoel nog terugsturen? de kleur valt tegen',
        messageId: newcomer,
      }),
    );
    // An out-of-office is read and flagged too, so it is not looked at every round, but starts nothing.
    imap.deliver(
      readFileSync(path.join(import.meta.dirname, 'fixtures', 'out-of-office-nl.eml'), 'utf8')
        .replaceAll('{{REPLY_ADDRESS}}', address)
        .replaceAll('{{NUMBER}}', number),
    );

    poller = poll(10 * 60_000);
    // The poller reads at once when it starts; this round runs after that one.
    await poller.pollOnce();
    expect(await customerSaid('nie geleverd')).toHaveLength(1);
    expect(imap.flags()).toEqual([['\\Seen'], ['\\Seen'], ['\\Seen']]);

    const [created] = await rows<{ ticket_id: string }>(database().db, sql`select ticket_id from inbound_mail where message_id = ${newcomer}`);
    expect(created?.ticket_id).toBeDefined();
    expect(created?.ticket_id).not.toBe(ticketId);
    const [ticket] = await rows<{ subject: string; customer_email: string }>(
      database().db,
      sql`select subject, customer_email from tickets where id = ${created!.ticket_id}::uuid`,
    );
    expect(ticket).toEqual({ subject: 'retour van mijn bestelling', customer_email: 'lotte.maes@skynet.be' });
    expect(await rows(database().db, sql`select id from tickets where subject like '%Automatisch antwoord%'`)).toEqual([]);

    // Another round finds nothing unseen: nothing is read, nothing stored twice.
    expect(await poller.pollOnce()).toBe(0);
    expect(await customerSaid('nie geleverd')).toHaveLength(1);
  });

  it('IDLE brings a message in as it arrives, without waiting for the next poll', async () => {
    const { address, customerSaid } = await setup();
    // Polls ten minutes apart: only the server's EXISTS during IDLE can bring the message in during this test.
    poller = poll(10 * 60_000);
    await poller.pollOnce();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    imap.deliver(customerMail({ to: address, subject: 'Re: je vraag', body: 'Nog een vraagje: mag de verpakking bij het oud papier?' }));
    await until(
      async () => ((await customerSaid('oud papier')).length === 1 ? true : undefined),
      10_000,
      'the message pushed by IDLE (the issue: in its thread within 10 s)',
    );
    await until(async () => (imap.flags()[0]?.includes('\\Seen') ? true : undefined), 5_000, 'the flag after storing');
  });

  it('reconnects after the connection drops, and a drop between storing and flagging stores the message once', { timeout: 120_000 }, async () => {
    const { address, customerSaid } = await setup();
    poller = poll(100);
    const first = `<${randomUUID()}@telenet.be>`;
    imap.deliver(customerMail({ to: address, subject: 'Re: pakket', body: 'Eerste berichtje: het pakket is er nog steeds niet', messageId: first }));
    await until(async () => ((await customerSaid('Eerste berichtje')).length === 1 ? true : undefined), 30_000, 'the first message');

    // The provider restarts: every connection is cut. A message delivered meanwhile still arrives.
    const connectionsBefore = imap.connections();
    imap.dropConnections();
    imap.deliver(customerMail({ to: address, subject: 'Re: pakket', body: 'Tweede berichtje, nu met ordernummer 100987' }));
    await until(async () => ((await customerSaid('ordernummer 100987')).length === 1 ? true : undefined), 30_000, 'the message after the drop');
    expect(imap.connections()).toBeGreaterThan(connectionsBefore);

    // Cut exactly when the poller flags a stored message \Seen: it is read again after reconnecting,
    // recognised by its Message-ID, and only then flagged.
    const warnings = () => logger.lines.filter((line) => line.level === 'warn').map((line) => line.message);
    const warnedBefore = warnings().length;
    imap.dropOn('UID STORE');
    const third = `<${randomUUID()}@telenet.be>`;
    imap.deliver(customerMail({ to: address, subject: 'Re: pakket', body: 'Derde: laat maar, de buurvrouw had het', messageId: third }));
    await until(async () => (imap.flags()[2]?.includes('\\Seen') ? true : undefined), 30_000, 'the third message flagged after the drop');
    expect(await customerSaid('buurvrouw')).toHaveLength(1);
    expect(await storedOnce(third)).toHaveLength(1);
    expect(await storedOnce(first)).toHaveLength(1);
    expect(imap.flags()).toEqual([['\\Seen'], ['\\Seen'], ['\\Seen']]);
    // The round ended on the drop (imapflow either answers false, "could not mark message 3 \\Seen", or throws) and was logged.
    expect(
      warnings()
        .slice(warnedBefore)
        .some((line) => line.startsWith('IMAP: polling 127.0.0.1 failed: ')),
      warnings().join('\n'),
    ).toBe(true);
  });
});

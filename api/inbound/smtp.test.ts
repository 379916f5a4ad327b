/**
 * Replies by e-mail over real SMTP: nodemailer delivers to the inbound
 * listener on 127.0.0.1, and the thread is read back through the agent API
 * over real HTTP, as the inbox reads it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createTransport, type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../db/query.ts';
import { signingKey } from '../http/signed.ts';
import { replyAddress } from '../mail/reply-address.ts';
import { listen, type Listener } from '../start.ts';
import { agentHeaders, createTestAgent, createTicketVia, handoffBody, testApp, type TestApp } from '../test/app.ts';
import { describeOnDatabases } from '../test/database.ts';
import { recordingLogger } from '../test/logger.ts';
import type { TicketDetail } from '../tickets/schema.ts';
import type { ReceiveOutcome } from './receive.ts';
import { type InboundSmtp, readTlsFiles, startInboundSmtp } from './smtp.ts';

const FROM = 'Duinwinkel <klantenservice@duinwinkel.example>';
const SECRET = 'een geheim van minstens tweeëndertig tekens lang!';

/** The ticket number in the listener's 250 answer ("2.0.0 Stored in WW-1042"). */
const storedIn = (info: { response?: string }) => /Stored in (WW-\d+)/.exec(info.response ?? '')?.[1];

/** nodemailer's error for a refused command: the SMTP reply code and text. */
type SmtpFailure = Error & { responseCode?: number; response?: string };

describeOnDatabases('replies by e-mail over SMTP', (database) => {
  let test: TestApp;
  let http: Listener;
  let smtp: InboundSmtp;
  let client: Transporter;
  let base: string;
  let headers: Record<string, string>;
  const outcomes: ReceiveOutcome[] = [];
  const key = () => signingKey(database().db, SECRET)();

  beforeAll(async () => {
    test = testApp(database(), { links: { secret: SECRET, ttlDays: 30 }, mail: { smtpUrl: undefined, from: FROM } });
    http = await listen(test.app.fetch, ['127.0.0.1'], 0);
    const address = http.servers[0]?.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    smtp = await startInboundSmtp({
      db: database().db,
      logger: recordingLogger(),
      port: 0,
      host: '127.0.0.1',
      key: signingKey(database().db, SECRET),
      from: FROM,
      defaultLocale: 'nl',
      onReceived: (outcome) => outcomes.push(outcome),
    });
    // A mail relay delivering: plain SMTP on loopback, no sign-in.
    client = createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true, tls: { rejectUnauthorized: false } });
    headers = await agentHeaders(database(), await createTestAgent(database()));
  });

  afterAll(async () => {
    client?.close();
    await smtp?.close();
    await http?.close();
  });

  /** The ticket as the inbox reads it, over HTTP. */
  async function ticketOverHttp(ticketId: string): Promise<TicketDetail> {
    const res = await fetch(`${base}/api/agent/tickets/${ticketId}`, { headers });
    expect(res.status).toBe(200);
    return (await res.json()) as TicketDetail;
  }

  async function agentReply(ticketId: string, body: string) {
    const res = await fetch(`${base}/api/agent/tickets/${ticketId}/replies`, { method: 'POST', headers, body: JSON.stringify({ body }) });
    expect(res.status).toBe(201);
  }

  const count = async (table: string) => (await rows<{ n: number }>(database().db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]?.n ?? 0;

  it("puts a reply to the ticket's reply address into its thread before the relay gets its 250: new text only, the original kept, a pending ticket open again", async () => {
    const { ticketId, number } = await createTicketVia(test.app);
    await agentReply(ticketId, 'Hoi Jan, het pakket ligt bij de buren op nummer 12.');
    expect((await ticketOverHttp(ticketId)).status).toBe('pending');

    const to = replyAddress(await key(), FROM, number);
    const info = await client.sendMail({
      from: 'Jan Jansen <jan.jansen@example.nl>',
      to,
      subject: `Re: Antwoord op je vraag [${number}]: Mijn pakket is al een week onderweg.`,
      text: [
        'Bij de buren ligt niks hoor, heb net aangebeld. Kunnen jullie het nagaan?',
        '',
        'Groetjes,',
        'Jan',
        '',
        'Op ma 30 nov. 2026 om 14:02 schreef Duinwinkel <klantenservice@duinwinkel.example>:',
        '> Hoi Jan, het pakket ligt bij de buren op nummer 12.',
      ].join('\n'),
    });
    expect(info.response ?? '').toMatch(new RegExp(`^250 2\\.0\\.0 Stored in ${number}`));

    // No waiting: the listener answers 250 only once the message is stored.
    const ticket = await ticketOverHttp(ticketId);
    const last = ticket.messages.at(-1);
    expect(last?.author).toBe('customer');
    expect(last?.body).toBe('Bij de buren ligt niks hoor, heb net aangebeld. Kunnen jullie het nagaan?\n\nGroetjes,\nJan');
    expect(last?.body).not.toContain('schreef');
    expect(last?.email?.from).toBe('jan.jansen@example.nl');
    expect(last?.email?.original).toContain('> Hoi Jan, het pakket ligt bij de buren op nummer 12.');
    expect(ticket.status).toBe('open');
    expect(ticket.customerWroteLast).toBe(true);
    expect(ticket.events.map((e) => e.type).slice(-2)).toEqual(['customer_replied', 'status']);
  });

  it('reopens a solved ticket', async () => {
    const { ticketId, number } = await createTicketVia(test.app);
    const solved = await fetch(`${base}/api/agent/tickets/${ticketId}`, { method: 'PATCH', headers, body: JSON.stringify({ status: 'solved' }) });
    expect(solved.status).toBe(200);
    await client.sendMail({
      from: 'jan.jansen@example.nl',
      to: replyAddress(await key(), FROM, number),
      subject: 'Re: Je vraag is opgelost',
      text: 'Toch niet opgelost, de retourlabel werkt nog steeds niet.',
    });
    const ticket = await ticketOverHttp(ticketId);
    expect(ticket.status).toBe('open');
    expect(ticket.solvedAt).toBeNull();
    expect(ticket.events.at(-1)).toMatchObject({ type: 'status', actor: 'customer', data: { transition: 'reopen', from: 'solved', to: 'open' } });
    expect(ticket.messages.at(-1)?.body).toBe('Toch niet opgelost, de retourlabel werkt nog steeds niet.');
  });

  it('refuses to relay: other recipients, and reply addresses with a made-up signature, get 550 at RCPT and nothing is stored', async () => {
    const before = await count('inbound_mail');
    const tickets = await count('tickets');
    for (const to of ['iemand@example.org', 'klantenservice+ww-1001.0000000000000000@duinwinkel.example', 'klantenservice@elders.example']) {
      const error = await client.sendMail({ from: 'spammer@example.com', to, subject: 'Goedkope horloges', text: 'Koop nu' }).then(
        () => null,
        (e: SmtpFailure) => e,
      );
      expect(error?.responseCode, to).toBe(550);
      expect(error?.response).toMatch(/relay access denied/);
    }
    expect(await count('inbound_mail')).toBe(before);
    expect(await count('tickets')).toBe(tickets);
  });

  it('stores a message delivered twice (same Message-ID) once; the second delivery is answered 250', async () => {
    const { ticketId, number } = await createTicketVia(test.app);
    const mail = {
      from: 'jan.jansen@example.nl',
      to: replyAddress(await key(), FROM, number),
      subject: 'Re: pakket',
      text: 'ordernummer is 100234',
      messageId: `<dubbel.${ticketId}@mail.example.nl>`,
    };
    const first = await client.sendMail(mail);
    const second = await client.sendMail(mail);
    expect(first.response).toMatch(/^250 2\.0\.0 Stored/);
    expect(second.response).toMatch(/^250 2\.0\.0 Already stored/);
    const ticket = await ticketOverHttp(ticketId);
    expect(ticket.messages.filter((m) => m.body === 'ordernummer is 100234')).toHaveLength(1);
    expect(await rows(database().db, sql`select id from inbound_mail where message_id = ${mail.messageId}`)).toHaveLength(1);
  });

  it('drops out-of-office replies and bounces: no message, no ticket, no e-mail', async () => {
    const { ticketId, number } = await createTicketVia(test.app);
    const to = replyAddress(await key(), FROM, number);
    const before = { tickets: await count('tickets'), inbound: await count('inbound_mail'), outbox: await count('mail_outbox') };
    const outOfOffice = await client.sendMail({
      from: 'jan.jansen@example.nl',
      to,
      subject: `Automatisch antwoord: Antwoord op je vraag [${number}]`,
      text: 'Ik ben tot en met 4 januari afwezig.',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    expect(outOfOffice.response).toMatch(/automatic message, not stored/);
    // A delivery report from a mail server, to the plain mailbox: would otherwise be a new ticket.
    const bounce = await client.sendMail({
      envelope: { from: 'MAILER-DAEMON@mx.example.nl', to: 'klantenservice@duinwinkel.example' },
      raw: [
        'From: Mail Delivery System <MAILER-DAEMON@mx.example.nl>',
        'To: klantenservice@duinwinkel.example',
        'Subject: Undelivered Mail Returned to Sender',
        'Message-ID: <bounce.1@mx.example.nl>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
        '',
        '--b1',
        'Content-Type: text/plain',
        '',
        'This is the mail system. Your message could not be delivered.',
        '--b1',
        'Content-Type: message/delivery-status',
        '',
        'Final-Recipient: rfc822; jan.jansen@example.nl',
        'Action: failed',
        'Status: 5.1.1',
        '--b1--',
        '',
      ].join('\r\n'),
    });
    expect(bounce.response).toMatch(/automatic message, not stored/);
    expect({ tickets: await count('tickets'), inbound: await count('inbound_mail'), outbox: await count('mail_outbox') }).toEqual(before);
    expect((await ticketOverHttp(ticketId)).messages.some((m) => m.body.includes('afwezig'))).toBe(false);
  });

  it('makes a new ticket of mail that matches none, with the sender, the subject and the language of the mail', async () => {
    const dutch = await client.sendMail({
      from: '"Piet de Vries" <Piet.deVries@Example.be>',
      to: 'klantenservice@duinwinkel.example',
      subject: 'Vraagje over mijn bestelling',
      text: 'Goeiedag, ik heb vorige week een jas besteld maar nog niks ontvangen. Kan ik dat ergens volgen?',
    });
    const number = storedIn(dutch);
    expect(number).toBeDefined();
    const [ticket] = await rows<{ id: string; locale: string; subject: string; customer_email: string; customer_name: string; status: string }>(
      database().db,
      sql`select id, locale, subject, customer_email, customer_name, status from tickets where number = ${number}`,
    );
    expect(ticket).toMatchObject({
      locale: 'nl',
      subject: 'Vraagje over mijn bestelling',
      customer_email: 'piet.devries@example.be',
      customer_name: 'Piet de Vries',
      status: 'open',
    });
    const detail = await ticketOverHttp(ticket?.id ?? '');
    expect(detail.messages.map((m) => m.body)).toEqual(['Goeiedag, ik heb vorige week een jas besteld maar nog niks ontvangen. Kan ik dat ergens volgen?']);
    expect(detail.events[0]).toMatchObject({ type: 'created', data: { channel: 'email' } });

    const english = await client.sendMail({
      from: 'amy@example.co.uk',
      to: 'klantenservice@duinwinkel.example',
      subject: 'Re: order',
      text: 'Hi, where is my order? It still has not arrived and I paid with my card.',
    });
    const [en] = await rows<{ locale: string; subject: string }>(database().db, sql`select locale, subject from tickets where number = ${storedIn(english)}`);
    expect(en).toMatchObject({ locale: 'en' });
    expect(en?.subject).not.toMatch(/^Re:/);
  });

  it("uses the [WW-1234] subject tag only when the sender is the ticket's customer", async () => {
    const { ticketId, number } = await createTicketVia(test.app, handoffBody({ email: 'Marieke@Example.nl' }));
    const subject = `Re: Antwoord op je vraag [${number}]: Mijn pakket is al een week onderweg.`;
    const own = await client.sendMail({
      from: 'marieke@example.nl',
      to: 'klantenservice@duinwinkel.example',
      subject,
      text: 'Ik stuur het nummer van de zending: 3SDUIN0042.',
    });
    expect(own.response).toMatch(new RegExp(`Stored in ${number}`));
    expect((await ticketOverHttp(ticketId)).messages.at(-1)?.body).toBe('Ik stuur het nummer van de zending: 3SDUIN0042.');
    const [matched] = await rows<{ matched_by: string }>(database().db, sql`select matched_by from inbound_mail where ticket_id = ${ticketId}::uuid`);
    expect(matched?.matched_by).toBe('subject_tag');

    const stranger = await client.sendMail({
      from: 'iemand.anders@example.nl',
      to: 'klantenservice@duinwinkel.example',
      subject,
      text: 'Ik wil ook meelezen in dit ticket.',
    });
    const other = storedIn(stranger);
    expect(other).toBeDefined();
    expect(other).not.toBe(number);
    expect((await ticketOverHttp(ticketId)).messages.some((m) => m.body.includes('meelezen'))).toBe(false);
  });

  it('offers STARTTLS when a key and certificate are configured, and only then', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'wegwijs-tls-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-subj',
          '/CN=localhost',
          '-days',
          '1',
          '-keyout',
          path.join(folder, 'key.pem'),
          '-out',
          path.join(folder, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      );
      const tls = readTlsFiles({ keyFile: path.join(folder, 'key.pem'), certFile: path.join(folder, 'cert.pem') });
      const secured = await startInboundSmtp({
        db: database().db,
        logger: recordingLogger(),
        port: 0,
        host: '127.0.0.1',
        key: signingKey(database().db, SECRET),
        from: FROM,
        defaultLocale: 'nl',
        tls,
      });
      const { ticketId, number } = await createTicketVia(test.app);
      // A relay that insists on TLS (self-signed here, as relays usually accept between hops).
      const strict = createTransport({ host: '127.0.0.1', port: secured.port, secure: false, requireTLS: true, tls: { rejectUnauthorized: false } });
      try {
        const info = await strict.sendMail({
          from: 'jan.jansen@example.nl',
          to: replyAddress(await key(), FROM, number),
          subject: 'Re: via TLS',
          text: 'Dit kwam versleuteld binnen.',
        });
        expect(info.response ?? '').toMatch(/^250 2\.0\.0 Stored/);
        expect((await ticketOverHttp(ticketId)).messages.at(-1)?.body).toBe('Dit kwam versleuteld binnen.');
      } finally {
        strict.close();
        await secured.close();
      }
      // The plain listener does not offer it, so a relay that requires TLS gives up rather than send in the clear.
      const insisting = createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, requireTLS: true });
      const refused = await insisting.sendMail({ from: 'jan.jansen@example.nl', to: 'klantenservice@duinwinkel.example', subject: 'x', text: 'x' }).then(
        () => null,
        (e: Error) => e,
      );
      insisting.close();
      expect(refused?.message).toMatch(/STARTTLS/i);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses a message over the size limit with 552', async () => {
    const small = await startInboundSmtp({
      db: database().db,
      logger: recordingLogger(),
      port: 0,
      host: '127.0.0.1',
      key: signingKey(database().db, SECRET),
      from: FROM,
      defaultLocale: 'nl',
      maxBytes: 4_000,
    });
    const sender = createTransport({ host: '127.0.0.1', port: small.port, secure: false, ignoreTLS: true });
    try {
      const error = await sender
        .sendMail({ from: 'jan.jansen@example.nl', to: 'klantenservice@duinwinkel.example', subject: 'foto', text: 'x'.repeat(10_000) })
        .then(
          () => null,
          (e: SmtpFailure) => e,
        );
      expect(error?.responseCode).toBe(552);
    } finally {
      sender.close();
      await small.close();
    }
  });
});

describe('the reply e-mail', () => {
  it('no longer says that replies are not read, and invites a reply by e-mail when replies are read', async () => {
    const { replyMail, solvedMail } = await import('../tickets/notifications.ts');
    const link = { url: 'https://help.example/c/x', days: 30 };
    const reply = {
      conversationId: 'c',
      to: 'jan@example.nl',
      name: 'Jan',
      locale: 'nl' as const,
      number: 'WW-1',
      subject: 's',
      agentName: 'Sanne',
      body: 'b',
    };
    const solved = { conversationId: 'c', to: 'jan@example.nl', name: 'Jan', locale: 'en' as const, number: 'WW-1', subject: 's', csatToken: 't' };
    for (const inbound of [false, true]) {
      for (const mail of [
        replyMail(reply, link, inbound),
        replyMail({ ...reply, locale: 'en' }, link, inbound),
        solvedMail(solved, link, undefined, inbound),
        solvedMail({ ...solved, locale: 'nl' }, link, undefined, inbound),
      ]) {
        expect(mail.text).not.toMatch(/komt niet aan|not read/);
        expect(/gewoon op deze e-mail antwoorden|simply reply to this e-mail/.test(mail.text)).toBe(inbound);
      }
    }
  });
});

import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { expect, it } from 'vitest';
import { rows } from '../db/query.ts';
import { signingKey } from '../http/signed.ts';
import { agentHeaders, createTestAgent, createTicketVia, handoffBody, testApp } from '../test/app.ts';
import { describeOnDatabases } from '../test/database.ts';
import { recordingLogger } from '../test/logger.ts';
import { freePort } from '../../test/server.ts';
import { fakeSmtpServer } from '../test/smtp.ts';
import { createMailer } from './mailer.ts';
import { sendDueMail, type MailSettings } from './outbox.ts';
import { ticketOfReplyAddress } from './reply-address.ts';

const FROM = 'Duinwinkel <klantenservice@duinwinkel.example>';
const SECRET = 'een geheim van minstens tweeëndertig tekens lang!';

/** The value of header `name` in raw message `data` (unfolded). */
const header = (data: string, name: string) =>
  new RegExp(`^${name}:[ \\t]*([^\\r\\n]*(?:\\r\\n[ \\t][^\\r\\n]*)*)`, 'mi')
    .exec(data.split('\r\n\r\n')[0] ?? '')?.[1]
    ?.replace(/\r\n[ \t]+/g, ' ')
    .trim();

describeOnDatabases('the mail outbox', (database) => {
  const config = { links: { secret: SECRET, ttlDays: 30 }, mail: { smtpUrl: undefined, from: FROM } };
  const settings = (): MailSettings => ({ from: FROM, links: { key: signingKey(database().db, SECRET), ttlDays: 30 }, siteUrl: undefined });

  it("sends each e-mail of a ticket once over SMTP, threaded (Message-ID, In-Reply-To, References), with the ticket's signed reply address, as plain text", async () => {
    const smtp = await fakeSmtpServer();
    const mailer = await createMailer({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: FROM }, recordingLogger());
    try {
      const test = testApp(database(), config, mailer);
      const { ticketId, number } = await createTicketVia(test.app);
      const headers = await agentHeaders(database(), await createTestAgent(database()));
      for (const body of ['Hoi Jan, ik kijk het na.', 'Het pakket is onderweg.']) {
        expect((await test.app.request(`/api/agent/tickets/${ticketId}/replies`, { method: 'POST', headers, body: JSON.stringify({ body }) })).status).toBe(
          201,
        );
        await test.delivered();
      }
      expect((await test.app.request(`/api/agent/tickets/${ticketId}`, { method: 'PATCH', headers, body: JSON.stringify({ status: 'solved' }) })).status).toBe(
        200,
      );
      await test.delivered();
      expect(smtp.received).toHaveLength(3);

      const [first, second, solved] = smtp.received.map((m) => m.data);
      const root = `<ticket.${ticketId}@duinwinkel.example>`;
      const ids = [first, second, solved].map((d) => header(d ?? '', 'Message-ID'));
      for (const id of ids) expect(id).toMatch(new RegExp(`^<${number.toLowerCase()}\\.[0-9a-f-]{36}@duinwinkel\\.example>$`));
      expect(new Set(ids).size).toBe(3);
      expect(header(first ?? '', 'In-Reply-To')).toBe(root);
      expect(header(first ?? '', 'References')).toBe(root);
      expect(header(second ?? '', 'In-Reply-To')).toBe(ids[0]);
      expect(header(second ?? '', 'References')).toBe(`${root} ${ids[0]}`);
      expect(header(solved ?? '', 'References')).toBe(`${root} ${ids[0]} ${ids[1]}`);
      // A notice nobody wrote says so, so vacation replies leave it alone; a person's reply does not.
      expect(header(solved ?? '', 'Auto-Submitted')).toBe('auto-generated');
      expect(header(first ?? '', 'Auto-Submitted')).toBeUndefined();
      for (const data of [first, second, solved]) {
        expect(header(data ?? '', 'Content-Type')).toMatch(/^text\/plain; charset=utf-8/);
        const replyTo = header(data ?? '', 'Reply-To') ?? '';
        expect(replyTo).toMatch(new RegExp(`^klantenservice\\+${number.toLowerCase()}\\.[0-9a-f]{16}@duinwinkel\\.example$`));
        expect(ticketOfReplyAddress(await settings().links.key(), FROM, replyTo)).toBe(number);
      }
      // Sent: what they said (the CSAT link's secret included) is no longer kept.
      const stored = await rows<{ status: string; payload: unknown; attempts: number }>(
        database().db,
        sql`select status, payload, attempts from mail_outbox where ticket_id = ${ticketId}::uuid order by id`,
      );
      expect(stored).toEqual([1, 2, 3].map(() => ({ status: 'sent', payload: null, attempts: 1 })));
      // Another round sends nothing again.
      expect(await sendDueMail(database().db, mailer, settings())).toBe(0);
      expect(smtp.received).toHaveLength(3);
    } finally {
      mailer.close();
      await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
    }
  });

  it('keeps an e-mail the SMTP server did not take, retries it later with the same Message-ID, and tells the agents when it gives up', async () => {
    const port = await freePort();
    const down = await createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: FROM }, recordingLogger());
    const test = testApp(database(), config, down);
    const { ticketId } = await createTicketVia(test.app);
    const headers = await agentHeaders(database(), await createTestAgent(database()));
    expect(
      (await test.app.request(`/api/agent/tickets/${ticketId}/replies`, { method: 'POST', headers, body: JSON.stringify({ body: 'Kom ik zo op terug.' }) }))
        .status,
    ).toBe(201);
    await test.delivered();
    const row = async () =>
      (
        await rows<{ id: number; status: string; attempts: number; last_error: string | null; message_id: string; due: boolean }>(
          database().db,
          sql`select id, status, attempts, last_error, message_id, next_attempt_at <= now() as due from mail_outbox where ticket_id = ${ticketId}::uuid`,
        )
      )[0];
    const failed = await row();
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, due: false });
    expect(failed?.last_error).toMatch(/ECONNREFUSED/);
    // Not due yet: a round leaves it alone.
    expect(await sendDueMail(database().db, down, settings())).toBe(0);

    // The server is back and the backoff has passed (moved, not waited for).
    const smtp = await fakeSmtpServer(port);
    const up = await createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: FROM }, recordingLogger());
    try {
      await database().db.execute(sql`update mail_outbox set next_attempt_at = now() where ticket_id = ${ticketId}::uuid`);
      expect(await sendDueMail(database().db, up, settings())).toBe(1);
      expect(smtp.received).toHaveLength(1);
      expect(header(smtp.received[0]?.data ?? '', 'Message-ID')).toBe(failed?.message_id);
      expect(await row()).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    } finally {
      up.close();
      await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
    }

    // A second reply while the server stays down: after the last attempt it is `failed` and the ticket's history says so.
    expect(
      (await test.app.request(`/api/agent/tickets/${ticketId}/replies`, { method: 'POST', headers, body: JSON.stringify({ body: 'Nog één ding.' }) })).status,
    ).toBe(201);
    await test.delivered();
    for (let attempt = 2; attempt <= 3; attempt++) {
      await database().db.execute(sql`update mail_outbox set next_attempt_at = now() where ticket_id = ${ticketId}::uuid and status = 'pending'`);
      await sendDueMail(database().db, down, settings(), { maxAttempts: 3 });
    }
    down.close();
    const last = await rows<{ status: string; attempts: number }>(
      database().db,
      sql`select status, attempts from mail_outbox where ticket_id = ${ticketId}::uuid order by id desc limit 1`,
    );
    expect(last).toEqual([{ status: 'failed', attempts: 3 }]);
    const detail = (await (await test.app.request(`/api/agent/tickets/${ticketId}`, { headers })).json()) as {
      events: { type: string; actor: string; data: { kind: string; error: string } }[];
    };
    const notice = detail.events.find((e) => e.type === 'mail_failed');
    expect(notice).toMatchObject({ actor: 'system', data: { kind: 'reply', error: expect.stringMatching(/ECONNREFUSED/) } });
  });

  it("is written in the reply's transaction: a reply that fails leaves no e-mail, and erasure removes what waits", async () => {
    const test = testApp(database(), config);
    const { ticketId, number } = await createTicketVia(test.app, {
      email: 'wis.mij@example.nl',
      name: 'Wis',
      message: 'graag alles weg',
      locale: 'nl',
      transcript: [],
    });
    const headers = await agentHeaders(database(), await createTestAgent(database()));
    // A closed ticket refuses a public reply (409): nothing reaches the outbox.
    await test.app.request(`/api/agent/tickets/${ticketId}`, { method: 'PATCH', headers, body: JSON.stringify({ status: 'solved' }) });
    await test.delivered();
    await test.app.request(`/api/agent/tickets/${ticketId}`, { method: 'PATCH', headers, body: JSON.stringify({ status: 'closed' }) });
    expect(
      (await test.app.request(`/api/agent/tickets/${ticketId}/replies`, { method: 'POST', headers, body: JSON.stringify({ body: 'te laat' }) })).status,
    ).toBe(409);
    expect(await rows<{ kind: string }>(database().db, sql`select kind from mail_outbox where ticket_id = ${ticketId}::uuid`)).toEqual([{ kind: 'solved' }]);
    expect(test.mails.map((m) => m.subject)).toEqual([`Je vraag is opgelost [${number}]: graag alles weg`]);
    const erase = await test.app.request('/api/agent/privacy/erase', {
      method: 'POST',
      headers: await agentHeaders(database(), await createTestAgent(database(), { role: 'admin' })),
      body: JSON.stringify({ email: 'wis.mij@example.nl' }),
    });
    expect(erase.status).toBe(200);
    expect(await rows(database().db, sql`select 1 from mail_outbox where ticket_id = ${ticketId}::uuid`)).toHaveLength(0);
  });
  it('names the files of a reply (text, with their sizes) and sends the customer to the conversation for them, in Dutch and English', async () => {
    const smtp = await fakeSmtpServer();
    const mailer = await createMailer({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: FROM }, recordingLogger());
    const test = testApp(database(), config, mailer);
    try {
      const headers = await agentHeaders(database(), await createTestAgent(database(), { name: 'Sanne' }));
      const { 'content-type': _json, ...plain } = headers;
      const upload = async (ticketId: string, filename: string, bytes: Uint8Array) => {
        const form = new FormData();
        form.set('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), filename);
        const res = await test.app.request(`/api/agent/tickets/${ticketId}/attachments`, {
          method: 'POST',
          headers: { ...plain, 'idempotency-key': randomUUID() },
          body: form,
        });
        expect(res.status).toBe(201);
        return ((await res.json()) as { id: string }).id;
      };
      const pdf = (size: number) => {
        const bytes = new Uint8Array(size).fill(0x20);
        bytes.set(new TextEncoder().encode('%PDF-1.4\n'));
        bytes.set(new TextEncoder().encode('\n%%EOF\n'), size - 7);
        return bytes;
      };

      const nl = await createTicketVia(test.app);
      const label = await upload(nl.ticketId, 'retourlabel.pdf', pdf(1_250_000));
      // A name with markup: it stays text in a text/plain e-mail, never becomes HTML.
      const receipt = await upload(nl.ticketId, 'bon <b>juni<b> & co.pdf', pdf(850));
      const reply = await test.app.request(`/api/agent/tickets/${nl.ticketId}/replies`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ body: 'Hoi Jan, in de bijlage het retourlabel en je bon.', attachments: [label, receipt] }),
      });
      expect(reply.status).toBe(201);
      await test.delivered();

      const en = await createTicketVia(
        test.app,
        handoffBody({ locale: 'en', email: 'emma.smith@example.com', name: 'Emma Smith', message: 'my order arrived broken' }),
      );
      const photo = await upload(en.ticketId, 'return-label.pdf', pdf(34_000));
      // Only a file, no words: the e-mail still says what came.
      expect(
        (
          await test.app.request(`/api/agent/tickets/${en.ticketId}/replies`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ body: '', attachments: [photo] }),
          })
        ).status,
      ).toBe(201);
      await test.delivered();

      expect(smtp.received).toHaveLength(2);
      const [dutch, english] = await Promise.all(smtp.received.map((m) => simpleParser(m.data)));
      for (const mail of [dutch, english]) {
        // The files themselves do not travel by e-mail: one text/plain part, nothing attached.
        expect(mail?.attachments).toEqual([]);
        expect(mail?.html).toBe(false);
        expect(mail?.headers.get('content-type')).toMatchObject({ value: 'text/plain' });
      }
      expect(dutch?.text).toContain(
        [
          'Hoi Jan, in de bijlage het retourlabel en je bon.',
          '',
          'Er horen 2 bijlagen bij dit antwoord. Je opent ze in je gesprek, via de link hieronder:',
          '- retourlabel.pdf (1,3 MB)',
          '- bon <b>juni<b> & co.pdf (850 B)',
          '',
          'Verder praten kan in de chat op onze helppagina’s. Deze link opent je gesprek, ook op een ander apparaat (30 dagen geldig):',
        ].join('\n'),
      );
      expect(english?.text).toContain(
        [
          'Sanne answered your question:',
          '',
          'A file comes with this reply. Open it in your conversation, through the link below:',
          '- return-label.pdf (34 kB)',
          '',
          'You can carry on in the chat on our help pages. This link opens your conversation, on another device too (valid for 30 days):',
        ].join('\n'),
      );
      // The link leads to the conversation, where the customer's token opens the files.
      expect(english?.text).toMatch(new RegExp(`\\n/c/${en.conversation.id}\\.[0-9a-z]+\\.[A-Za-z0-9_-]{22}$`));
    } finally {
      mailer.close();
      smtp.server.close();
      rmSync(test.attachmentsDir, { recursive: true, force: true });
    }
  });
});

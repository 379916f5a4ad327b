import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { createMailer } from '../mail/mailer.ts';
import { rows } from '../db/query.ts';
import { signingKey } from '../http/signed.ts';
import { eraseCustomer } from '../privacy/erase.ts';
import { agentHeaders, createTestAgent, createTicketVia, testApp, type TestApp } from '../test/app.ts';
import { describeOnDatabases } from '../test/database.ts';
import { recordingLogger } from '../test/logger.ts';
import { fakeSmtpServer } from '../test/smtp.ts';
import { type LinkSigner, makeLink } from './link.ts';

const SECRET = 'een geheim van minstens tweeëndertig tekens lang!';
const DAY = 86_400_000;

describeOnDatabases('the link back to a conversation', (database) => {
  const config = { siteUrl: 'https://help.duinwinkel.example', links: { secret: SECRET, ttlDays: 30 } };
  const signer = (): LinkSigner => ({ key: signingKey(database().db, SECRET), ttlDays: 30 });

  /** A ticket with an agent's reply; returns the reply e-mail's link (the part after /c/). */
  async function answered(test: TestApp, body = 'Hoi Jan,\nhet pakket ligt bij de buren.\nGroet, Sanne') {
    const created = await createTicketVia(test.app);
    const headers = await agentHeaders(database(), await createTestAgent(database(), { name: 'Sanne de Vries' }));
    const before = test.mails.length;
    const res = await test.app.request(`/api/agent/tickets/${created.ticketId}/replies`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ body, internal: false }),
    });
    expect(res.status).toBe(201);
    await test.delivered();
    const mail = test.mails.slice(before).find((m) => m.subject.includes(created.number));
    const link = /\/c\/([^\s]+)$/m.exec(mail?.text ?? '')?.[1] ?? '';
    return { ...created, headers, mail, link };
  }
  const open = (app: TestApp['app'], link: string, headers: Record<string, string> = {}) =>
    app.request('/api/conversations/links', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ link }) });

  it('puts an absolute, signed link in the reply e-mail that opens the conversation with a token of its own', async () => {
    const test = testApp(database(), config);
    const { mail, link, conversation, number } = await answered(test);
    expect(mail?.text).toMatch(/^https:\/\/help\.duinwinkel\.example\/c\/[0-9a-f-]{36}\.[0-9a-z]+\.[A-Za-z0-9_-]{22}$/m);
    expect(mail?.text).toContain('(30 dagen geldig)');
    expect(link.startsWith(conversation.id)).toBe(true);

    const res = await open(test.app, link);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const opened = (await res.json()) as {
      id: string;
      token: string;
      locale: string;
      ticket: { number: string; status: string; messages: { author: string; authorName: string | null; body: string }[] };
    };
    expect(opened).toMatchObject({ id: conversation.id, locale: 'nl', ticket: { number, status: 'pending' } });
    expect(opened.token).not.toBe(conversation.token);
    expect(opened.ticket.messages.map((m) => [m.author, m.body])).toEqual([
      ['customer', 'Mijn pakket is al een week onderweg.'],
      ['agent', 'Hoi Jan,\nhet pakket ligt bij de buren.\nGroet, Sanne'],
    ]);

    // What was said before the hand-off comes along as text, without the assistant's reasons.
    expect((opened as unknown as { transcript: unknown[] }).transcript).toEqual([
      { from: 'customer', text: 'Waar is mijn pakket?', at: expect.any(String) },
      { from: 'assistant', text: 'Je volgt je pakket met de track-and-tracelink.', at: expect.any(String) },
      { from: 'customer', text: 'Dat werkt niet', at: expect.any(String) },
      { from: 'assistant', text: 'Bedoel je een van deze?', at: expect.any(String) },
    ]);

    // The new device writes back with its own token; the first browser's token still works.
    const phone = { authorization: `Bearer ${opened.token}`, 'content-type': 'application/json' };
    const reply = await test.app.request(`/api/conversations/${conversation.id}/ticket/messages`, {
      method: 'POST',
      headers: phone,
      body: JSON.stringify({ body: 'top, dank je!' }),
    });
    expect(reply.status).toBe(201);
    const thread = (await (await test.app.request(`/api/conversations/${conversation.id}/ticket`, { headers: conversation.headers })).json()) as {
      status: string;
      messages: { body: string }[];
    };
    expect(thread.status).toBe('open');
    expect(thread.messages.at(-1)?.body).toBe('top, dank je!');
    // Only the hash of the new token is stored.
    const stored = await rows<{ token_hash: string }>(
      database().db,
      sql`select token_hash from conversation_tokens where conversation_id = ${conversation.id}::uuid`,
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a changed, cut-off or made-up link with 400 and code link-invalid, never a 500', async () => {
    const test = testApp(database(), config);
    const { link, conversation } = await answered(test);
    const [id, expires, signature = ''] = link.split('.');
    const flip = (c: string) => (c === 'A' ? 'B' : 'A');
    const other = await createTicketVia(test.app);
    const longer = (Number.parseInt(expires ?? '0', 36) + 365 * 86_400).toString(36);
    for (const bad of [
      `${id}.${expires}.${flip(signature[0] ?? '')}${signature.slice(1)}`,
      `${other.conversation.id}.${expires}.${signature}`,
      `${id}.${longer}.${signature}`,
      link.slice(0, -1),
      `${link}x`,
      '../../etc/passwd',
      '<script>alert(1)</script>',
      '',
    ]) {
      const res = await open(test.app, bad);
      expect(res.status, bad).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'link-invalid', error: { field: 'link', message: expect.stringContaining('not valid') } });
    }
    const tooLong = await open(test.app, 'x'.repeat(201));
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toMatchObject({ error: { field: 'link' } });
    expect(conversation.id).toBe(id);
    // Nothing was handed out for any of them.
    expect(await rows(database().db, sql`select 1 from conversation_tokens where conversation_id = ${conversation.id}::uuid`)).toHaveLength(0);
  });

  it('refuses an expired link with 410 and code link-expired', async () => {
    const test = testApp(database(), config);
    const { conversation } = await answered(test);
    const expired = await makeLink(signer(), conversation.id, new Date(Date.now() - 31 * DAY));
    const res = await open(test.app, expired);
    expect(res.status).toBe(410);
    expect(await res.json()).toMatchObject({ code: 'link-expired', error: { message: expect.stringContaining('expired') } });
    // One made 29 days ago still works.
    expect((await open(test.app, await makeLink(signer(), conversation.id, new Date(Date.now() - 29 * DAY)))).status).toBe(200);
  });

  it('is revoked by erasure: 410 link-gone, and the tokens it gave out stop working', async () => {
    const test = testApp(database(), config);
    const { link, conversation } = await answered(test);
    const opened = (await (await open(test.app, link)).json()) as { token: string };
    await eraseCustomer(database().db, 'Jan.Jansen@example.nl');
    const res = await open(test.app, link);
    expect(res.status).toBe(410);
    expect(await res.json()).toMatchObject({ code: 'link-gone' });
    const ticket = await test.app.request(`/api/conversations/${conversation.id}/ticket`, { headers: { authorization: `Bearer ${opened.token}` } });
    expect(ticket.status).toBe(404);
    expect(await rows(database().db, sql`select 1 from conversation_tokens where conversation_id = ${conversation.id}::uuid`)).toHaveLength(0);
  });

  it("answers GET /c/<link>: on to the help home with the link in the fragment, or a page in the visitor's language saying what is wrong", async () => {
    const test = testApp(database(), config);
    const { link, conversation } = await answered(test);
    const good = await test.app.request(`/c/${link}`);
    expect(good.status).toBe(303);
    expect(good.headers.get('location')).toBe(`/nl/#gesprek=${link}`);
    expect(good.headers.get('referrer-policy')).toBe('no-referrer');

    const tampered = await test.app.request(`/c/${link.slice(0, -2)}zz`, { headers: { 'accept-language': 'nl-BE,nl;q=0.9' } });
    expect(tampered.status).toBe(400);
    const page = await tampered.text();
    expect(page).toContain('<html lang="nl">');
    expect(page).toContain('<h1>Deze link klopt niet</h1>');
    expect(page).toContain('<a href="/nl/">Naar de helppagina’s</a>');

    const expired = await test.app.request(`/c/${await makeLink(signer(), conversation.id, new Date(Date.now() - 40 * DAY))}`, {
      headers: { 'accept-language': 'en-GB,en;q=0.8' },
    });
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('<h1>This link has expired</h1>');

    await eraseCustomer(database().db, 'jan.jansen@example.nl');
    const gone = await test.app.request(`/c/${link}`, { headers: { 'accept-language': 'en' } });
    expect(gone.status).toBe(410);
    expect(await gone.text()).toContain('<h1>This conversation no longer exists</h1>');
  });

  it('without LINK_SECRET signs with a key generated once and kept in the database, shared by every process', async () => {
    await database().db.execute(sql`delete from server_secrets`);
    const first = testApp(database(), { links: { secret: undefined, ttlDays: 7 } });
    const second = testApp(database(), { links: { secret: undefined, ttlDays: 7 } });
    const { link, mail } = await answered(first);
    expect(mail?.text).toMatch(/^\/c\/\S+$/m);
    expect(mail?.text).toContain('(7 dagen geldig)');
    expect((await open(second.app, link)).status).toBe(200);
    expect(await rows(database().db, sql`select name from server_secrets`)).toEqual([{ name: 'links' }]);
    // A link signed with the configured secret is not one of this key's.
    const foreign = await makeLink(signer(), link.split('.')[0] ?? '');
    expect((await open(second.app, foreign)).status).toBe(400);
  });

  it('sends the link over a real SMTP exchange in the reply e-mail, in English for an English ticket', async () => {
    const smtp = await fakeSmtpServer();
    const mailer = await createMailer({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: 'Duinwinkel <klantenservice@duinwinkel.example>' }, recordingLogger());
    try {
      const test = testApp(database(), config, mailer);
      const { number } = await (async () => {
        const created = await createTicketVia(test.app, {
          email: 'amy@example.com',
          name: 'Amy',
          message: 'Where is my parcel?',
          locale: 'en',
          transcript: [],
        });
        const headers = await agentHeaders(database(), await createTestAgent(database(), { name: 'Sanne' }));
        await test.app.request(`/api/agent/tickets/${created.ticketId}/replies`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ body: 'It is with your neighbours.', internal: false }),
        });
        await test.delivered();
        return created;
      })();
      expect(smtp.received).toHaveLength(1);
      const data = smtp.received[0]?.data ?? '';
      expect(smtp.received[0]?.to).toEqual(['RCPT TO:<amy@example.com>']);
      expect(data).toMatch(new RegExp(`^Subject: Reply to your question \\[${number}\\]`, 'm'));
      // Long lines may be folded by quoted-printable; unfold before looking for the link.
      const body = data.replace(/=\r?\n/g, '');
      const link = /https:\/\/help\.duinwinkel\.example\/c\/([0-9a-f-]{36}\.[0-9a-z]+\.[A-Za-z0-9_-]{22})/.exec(body)?.[1];
      expect(link).toBeDefined();
      expect(body).toContain('valid for 30 days');
      expect((await open(test.app, link ?? '')).status).toBe(200);
    } finally {
      mailer.close();
      await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
    }
  });
});

/**
 * Agents' notices by e-mail, sent over real SMTP to a listener on
 * 127.0.0.1: who gets one, in which language, and the digest's rate limit.
 */
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { rows } from '../db/query.ts';
import { signingKey } from '../http/signed.ts';
import { createMailer } from '../mail/mailer.ts';
import { sendDueMail, type MailSettings } from '../mail/outbox.ts';
import { agentHeaders, createTestAgent, createTicketVia, handoffBody, testApp, type TestAgent } from '../test/app.ts';
import { describeOnDatabases } from '../test/database.ts';
import { recordingLogger } from '../test/logger.ts';
import { fakeSmtpServer } from '../test/smtp.ts';

const FROM = 'Duinwinkel <klantenservice@duinwinkel.example>';
const SECRET = 'een geheim van minstens tweeëndertig tekens lang!';

/** The value of header `name` in raw message `data` (unfolded, RFC 2047 words left as they are). */
const header = (data: string, name: string) =>
  new RegExp(`^${name}:[ \\t]*([^\\r\\n]*(?:\\r\\n[ \\t][^\\r\\n]*)*)`, 'mi')
    .exec(data.split('\r\n\r\n')[0] ?? '')?.[1]
    ?.replace(/\r\n[ \t]+/g, ' ')
    .trim();

/** The plain-text body of raw message `data`, quoted-printable decoded. */
const bodyOf = (data: string) =>
  Buffer.from(
    (data.split('\r\n\r\n').slice(1).join('\r\n\r\n') ?? '')
      .replace(/=\r\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');

describeOnDatabases('agent notices by e-mail', (database) => {
  const settings = (): MailSettings => ({
    from: FROM,
    links: { key: signingKey(database().db, SECRET), ttlDays: 30 },
    siteUrl: 'https://help.duinwinkel.example',
    noticeMinutes: 10,
  });
  const config = { links: { secret: SECRET, ttlDays: 30 }, mail: { smtpUrl: undefined, from: FROM }, siteUrl: 'https://help.duinwinkel.example' };

  async function optIn(test: ReturnType<typeof testApp>, agent: TestAgent, change: Record<string, unknown>) {
    const res = await test.app.request('/api/agent/me/notices', {
      method: 'PATCH',
      headers: await agentHeaders(database(), agent),
      body: JSON.stringify(change),
    });
    expect(res.status).toBe(200);
    return res.json();
  }

  /** Lets time pass for the rate limit: the agent's earlier notice e-mails are made `minutes` older. */
  const age = (agent: TestAgent, minutes: number) =>
    database().db.execute(sql`update mail_outbox set created_at = created_at - make_interval(mins => ${minutes}) where agent_id = ${agent.id}::uuid`);

  it('tells opted-in agents about a new ticket in the shared queue, each in their own language, and collects what follows into one digest per agent per AGENT_NOTICE_MINUTES', async () => {
    const smtp = await fakeSmtpServer();
    const mailer = await createMailer({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: FROM }, recordingLogger());
    try {
      const test = testApp(database(), config, mailer);
      const sanne = await createTestAgent(database(), { name: 'Sanne' });
      const ahmed = await createTestAgent(database(), { name: 'Ahmed' });
      const piet = await createTestAgent(database(), { name: 'Piet' });
      expect(await optIn(test, sanne, { notifyByEmail: true, locale: 'en' })).toEqual({ notifyByEmail: true, locale: 'en' });
      await optIn(test, ahmed, { notifyByEmail: true, locale: 'nl' });
      const mine = () => smtp.received.filter((m) => [sanne, ahmed, piet].some((a) => m.to.join().includes(a.email)));

      const { conversation, ticketId, number } = await createTicketVia(test.app, handoffBody({ message: 'Mijn jas is te klein, kan ik ruilen?' }));
      await sendDueMail(database().db, mailer, settings());
      const first = mine();
      expect(first.map((m) => m.to.join())).toHaveLength(2);
      const toSanne = first.find((m) => m.to.join().includes(sanne.email))?.data ?? '';
      const toAhmed = first.find((m) => m.to.join().includes(ahmed.email))?.data ?? '';
      expect(header(toSanne, 'Subject')).toBe('Wegwijs: 1 new ticket');
      expect(bodyOf(toSanne)).toContain(`New in your queue:\r\n- ${number} · Mijn jas is te klein, kan ik ruilen?`);
      expect(bodyOf(toSanne)).toContain('Open the inbox: https://help.duinwinkel.example/agent/');
      expect(header(toAhmed, 'Subject')).toBe('Wegwijs: 1 nieuw ticket');
      expect(bodyOf(toAhmed)).toContain(`Nieuw in je wachtrij:\r\n- ${number} · Mijn jas is te klein`);
      // Nobody wrote it: vacation replies leave it alone (RFC 3834).
      expect(header(toSanne, 'Auto-Submitted')).toBe('auto-generated');
      expect(header(toSanne, 'Reply-To')).toBeUndefined();

      // Sanne takes it; the customer writes twice within ten minutes of her last notice.
      expect((await test.app.request(`/api/agent/tickets/${ticketId}/claim`, { method: 'POST', headers: await agentHeaders(database(), sanne) })).status).toBe(
        200,
      );
      for (const body of ['Maat M graag', 'Of L als M op is']) {
        const res = await test.app.request(`/api/conversations/${conversation.id}/ticket/messages`, {
          method: 'POST',
          headers: conversation.headers,
          body: JSON.stringify({ body }),
        });
        expect(res.status).toBe(201);
      }
      await sendDueMail(database().db, mailer, settings());
      expect(mine()).toHaveLength(2);
      expect(await rows(database().db, sql`select id from agent_notices where agent_id = ${sanne.id}::uuid and mail_id is null`)).toHaveLength(2);

      // Ten minutes on: one e-mail with both, the ticket named once; Ahmed does not hold it, so hears nothing.
      await age(sanne, 10);
      await age(ahmed, 10);
      await sendDueMail(database().db, mailer, settings());
      const digest = mine().slice(2);
      expect(digest.map((m) => m.to.join())).toEqual([expect.stringContaining(sanne.email)]);
      expect(header(digest[0]?.data ?? '', 'Subject')).toBe('Wegwijs: 1 customer reply');
      expect(bodyOf(digest[0]?.data ?? '').match(new RegExp(number, 'g'))).toHaveLength(1);

      // Switched off: nothing more, and nothing recorded.
      await optIn(test, sanne, { notifyByEmail: false });
      await age(sanne, 10);
      await test.app.request(`/api/conversations/${conversation.id}/ticket/messages`, {
        method: 'POST',
        headers: conversation.headers,
        body: JSON.stringify({ body: 'Hallo??' }),
      });
      await sendDueMail(database().db, mailer, settings());
      expect(mine()).toHaveLength(3);
      expect(await rows(database().db, sql`select id from agent_notices where agent_id = ${sanne.id}::uuid and mail_id is null`)).toHaveLength(0);
    } finally {
      mailer.close();
      smtp.server.close();
    }
  });

  it('tells only the assignee when routing gives the ticket to someone', async () => {
    const test = testApp(database(), config);
    const admin = await createTestAgent(database(), { name: 'Beheer', role: 'admin' });
    const lotte = await createTestAgent(database(), { name: 'Lotte' });
    const bram = await createTestAgent(database(), { name: 'Bram' });
    await optIn(test, lotte, { notifyByEmail: true });
    await optIn(test, bram, { notifyByEmail: true });
    const headers = await agentHeaders(database(), admin);
    const team = (await (
      await test.app.request('/api/agent/routing/teams', {
        method: 'POST',
        headers,
        body: JSON.stringify({ name: `Retouren ${lotte.id.slice(0, 6)}`, memberIds: [lotte.id] }),
      })
    ).json()) as { id: string };
    const rule = await test.app.request('/api/agent/routing/rules', {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'Retour', teamId: team.id, keywords: ['retourneren'], position: 0 }),
    });
    expect(rule.status).toBe(201);
    const { ticketId } = await createTicketVia(test.app, handoffBody({ message: 'Hoe kan ik mijn schoenen retourneren?' }));
    const notices = await rows<{ agent_id: string; kind: string }>(
      database().db,
      sql`select agent_id, kind from agent_notices where ticket_id = ${ticketId}::uuid`,
    );
    expect(notices).toEqual([{ agent_id: lotte.id, kind: 'new_ticket' }]);
  });

  it('forgets a waiting notice when the customer is erased', async () => {
    const test = testApp(database(), config);
    const admin = await createTestAgent(database(), { name: 'Beheer', role: 'admin' });
    const noor = await createTestAgent(database(), { name: 'Noor' });
    await optIn(test, noor, { notifyByEmail: true });
    const { ticketId } = await createTicketVia(test.app, handoffBody({ email: 'te.wissen@example.nl' }));
    expect(await rows(database().db, sql`select id from agent_notices where ticket_id = ${ticketId}::uuid`)).not.toHaveLength(0);
    const erased = await test.app.request('/api/agent/privacy/erase', {
      method: 'POST',
      headers: await agentHeaders(database(), admin),
      body: JSON.stringify({ email: 'te.wissen@example.nl' }),
    });
    expect(erased.status).toBe(200);
    expect(await rows(database().db, sql`select id from agent_notices where ticket_id = ${ticketId}::uuid`)).toHaveLength(0);
  });

  it('answers a wrong setting with 400 naming the field', async () => {
    const test = testApp(database(), config);
    const agent = await createTestAgent(database());
    const res = await test.app.request('/api/agent/me/notices', {
      method: 'PATCH',
      headers: await agentHeaders(database(), agent),
      body: JSON.stringify({ notifyByEmail: 'ja' }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { field?: string } }).error.field).toBe('notifyByEmail');
  });
});

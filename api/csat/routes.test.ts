import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { rows } from '../db/query.ts';
import { agentHeaders, createTestAgent, createTicketVia, testApp, type TestApp } from '../test/app.ts';
import { describeOnDatabases } from '../test/database.ts';

describeOnDatabases('CSAT', (database) => {
  /** A ticket handed off, then solved by an agent; returns what the customer got. */
  async function solvedTicket(test: TestApp) {
    const { app } = test;
    const created = await createTicketVia(app);
    const headers = await agentHeaders(database(), await createTestAgent(database()));
    const before = test.mails.length;
    const res = await app.request(`/api/agent/tickets/${created.ticketId}`, { method: 'PATCH', headers, body: JSON.stringify({ status: 'solved' }) });
    expect(res.status).toBe(200);
    await test.delivered();
    const mail = test.mails.slice(before).find((m) => m.subject.includes(created.number));
    return { ...created, headers, mail };
  }
  const tokenOf = (text: string) => /\?t=([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? '';
  const ticketOf = async (app: TestApp['app'], conversation: { id: string; headers: Record<string, string> }) =>
    (await (await app.request(`/api/conversations/${conversation.id}/ticket`, { headers: conversation.headers })).json()) as {
      status: string;
      csat: number | null;
    };

  it('e-mails a link with a fresh secret when a ticket is solved, storing only its hash', async () => {
    const test = testApp(database());
    const { mail, ticketId, number } = await solvedTicket(test);
    expect(mail).toMatchObject({ to: 'jan.jansen@example.nl', subject: `Je vraag is opgelost [${number}]: Mijn pakket is al een week onderweg.` });
    expect(mail?.text).toMatch(/^Hallo Jan Jansen,\n/);
    const link = /^\/nl\/feedback\/\?t=[A-Za-z0-9_-]{43}$/m.exec(mail?.text ?? '')?.[0];
    expect(link).toBeDefined();
    const [stored] = await rows<{ csat_token_hash: string }>(database().db, sql`select csat_token_hash from tickets where id = ${ticketId}::uuid`);
    expect(stored?.csat_token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.csat_token_hash).not.toContain(tokenOf(link ?? ''));
  });

  it('makes the link absolute when the site has a public address', async () => {
    const { mail } = await solvedTicket(testApp(database(), { siteUrl: 'https://help.duinwinkel.example' }));
    expect(mail?.text).toMatch(/^https:\/\/help\.duinwinkel\.example\/nl\/feedback\/\?t=[A-Za-z0-9_-]{43}$/m);
  });

  it('records the score from the link once per ticket, a second answer replacing the first, and notifies webhooks of a low one', async () => {
    await database().db.execute(sql`insert into webhooks (url, format, events, secret) values ('https://hooks.example/csat', 'json', '{csat.low}', 'geheim')`);
    const test = testApp(database());
    const { mail, ticketId, conversation } = await solvedTicket(test);
    const post = (body: unknown) =>
      test.app.request('/api/csat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const token = tokenOf(mail?.text ?? '');

    const first = await post({ token, score: 5 });
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ score: 5, created: true });
    expect((await ticketOf(test.app, conversation)).csat).toBe(5);
    const lowNotices = () =>
      rows<{ n: number }>(database().db, sql`select count(*)::int as n from webhook_deliveries where event = 'csat.low' and ticket_id = ${ticketId}::uuid`);
    expect((await lowNotices())[0]?.n).toBe(0);

    const second = await post({ token, score: 2 });
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual({ score: 2, created: false });
    const stored = await rows<{ score: number; channel: string; n: number }>(
      database().db,
      sql`select score::int as score, channel, count(*) over ()::int as n from csat_responses where ticket_id = ${ticketId}::uuid`,
    );
    expect(stored).toEqual([{ score: 2, channel: 'email', n: 1 }]);
    expect((await lowNotices())[0]?.n).toBe(1);
  });

  it('answers 404 for an unknown link and 400 naming the field for a bad one', async () => {
    const { app } = testApp(database());
    const post = (body: unknown) => app.request('/api/csat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const unknown = await post({ token: 'x'.repeat(43), score: 4 });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: { message: 'this link is unknown or no longer valid' } });
    expect(await (await post({ token: 'kort', score: 4 })).json()).toEqual({ error: { message: 'token must be the t= value of the link', field: 'token' } });
    expect(await (await post({ token: 'x'.repeat(43), score: 6 })).json()).toEqual({
      error: { message: 'score must be a whole number from 1 to 5', field: 'score' },
    });
    expect(await (await post({ token: 'x'.repeat(43) })).json()).toEqual({ error: { message: 'score is required', field: 'score' } });
  });

  it('takes the score in the widget only once the ticket is solved', async () => {
    const test = testApp(database());
    const { app } = test;
    const open = await createTicketVia(app);
    const postCsat = (conversation: { id: string; headers: Record<string, string> }, score: unknown) =>
      app.request(`/api/conversations/${conversation.id}/csat`, { method: 'POST', headers: conversation.headers, body: JSON.stringify({ score }) });
    const refused = await postCsat(open.conversation, 4);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ status: 'open' });
    expect((await ticketOf(app, open.conversation)).csat).toBeNull();

    const { conversation } = await solvedTicket(test);
    expect((await postCsat(conversation, 4)).status).toBe(201);
    expect((await postCsat(conversation, 3)).status).toBe(200);
    expect(await ticketOf(app, conversation)).toMatchObject({ status: 'solved', csat: 3 });
    expect((await postCsat(conversation, 0)).status).toBe(400);
  });

  it("answers 404 for another conversation's token, and 401 without one", async () => {
    const test = testApp(database());
    const { conversation } = await solvedTicket(test);
    const other = await createTicketVia(test.app);
    const asOther = await test.app.request(`/api/conversations/${conversation.id}/csat`, {
      method: 'POST',
      headers: other.conversation.headers,
      body: JSON.stringify({ score: 1 }),
    });
    expect(asOther.status).toBe(404);
    const anonymous = await test.app.request(`/api/conversations/${randomUUID()}/csat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ score: 1 }),
    });
    expect(anonymous.status).toBe(401);
  });
});

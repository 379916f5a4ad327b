import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { setAgentDisabled } from '../agents/service.ts';
import { mailOutbox, ticketEvents, tickets } from '../db/tables.ts';
import {
  agentHeaders,
  createTestAgent,
  createTicketVia,
  handoffBody,
  NO_LIMITS,
  postHandoff,
  sendSignals,
  startConversation,
  TEST_SITE,
  testApp,
  type TestAgent,
} from '../test/app.ts';
import { describeOnDatabases } from '../test/database.ts';
import { recordingLogger } from '../test/logger.ts';
import type { TicketDetail, TicketSummary } from './schema.ts';

/** A word no other test uses, to find a test's own tickets. */
const marker = () => `m${randomUUID().replace(/-/g, '').slice(0, 10)}`;

describeOnDatabases('the agent ticket API', (database) => {
  const setup = () => testApp(database());
  const as = async (agent: TestAgent) => agentHeaders(database(), agent);

  describe('GET /api/agent/tickets', () => {
    const list = async (app: ReturnType<typeof setup>['app'], headers: Record<string, string>, query: string) => {
      const res = await app.request(`/api/agent/tickets?${query}`, { headers });
      expect(res.status).toBe(200);
      return ((await res.json()) as { tickets: TicketSummary[] }).tickets;
    };

    it('lists tickets by newest activity on request, filtered by status, assignee, locale and text', async () => {
      const { app } = setup();
      const mark = marker();
      const me = await createTestAgent(database(), { name: 'Sanne' });
      const headers = await as(me);
      const first = await createTicketVia(
        app,
        handoffBody({ transcript: [{ from: 'customer', text: `Waar is mijn pakket ${mark}`, at: new Date().toISOString() }] }),
      );
      const second = await createTicketVia(app, handoffBody({ locale: 'en', email: `${mark}@example.com`, transcript: [] }));
      const third = await createTicketVia(app, handoffBody({ name: `Mevrouw ${mark}` }));
      expect((await app.request(`/api/agent/tickets/${second.ticketId}/claim`, { method: 'POST', headers })).status).toBe(200);

      const all = await list(app, headers, `q=${mark}&sort=activity`);
      expect(all.map((t) => t.id)).toEqual([second.ticketId, third.ticketId, first.ticketId]);
      expect(all[0]).toMatchObject({
        number: second.number,
        status: 'open',
        priority: 'normal',
        locale: 'en',
        subject: 'Mijn pakket is al een week onderweg.',
        customerEmail: `${mark}@example.com`,
        customerName: 'Jan Jansen',
        assignee: { id: me.id, name: 'Sanne' },
        firstResponseAt: null,
      });
      expect((await list(app, headers, `q=${mark}&assignee=me&sort=activity`)).map((t) => t.id)).toEqual([second.ticketId]);
      expect((await list(app, headers, `q=${mark}&assignee=none&sort=activity`)).map((t) => t.id)).toEqual([third.ticketId, first.ticketId]);
      expect((await list(app, headers, `q=${mark}&locale=en&sort=activity`)).map((t) => t.id)).toEqual([second.ticketId]);
      expect((await list(app, headers, `q=${mark}&status=pending`)).map((t) => t.id)).toEqual([]);
      expect((await list(app, headers, `q=${mark}&status=open&limit=1&sort=activity`)).map((t) => t.id)).toEqual([second.ticketId]);
      expect((await list(app, headers, `q=${first.number}`)).map((t) => t.id)).toEqual([first.ticketId]);
      // LIKE's wildcards are searched for literally (and the full-text search splits the word there).
      expect(await list(app, headers, `q=${mark.slice(0, 4)}%25${mark.slice(5)}`)).toEqual([]);
    });

    it.each([
      ['status', 'status=new', 'status must be one of open, pending, solved, closed, all'],
      ['assignee', 'assignee=someone', 'assignee must be one of me, none, any'],
      ['locale', 'locale=de', 'locale must be one of nl, en'],
      ['limit', 'limit=0', 'limit must be a whole number from 1 to 500'],
    ])('answers 400 naming %s for %s', async (field, query, message) => {
      const { app } = setup();
      const res = await app.request(`/api/agent/tickets?${query}`, { headers: await as(await createTestAgent(database())) });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: { message, field } });
    });

    it('answers 401 without a session, with an unknown session and for a disabled agent', async () => {
      const { app } = setup();
      expect((await app.request('/api/agent/tickets')).status).toBe(401);
      expect((await app.request('/api/agent/tickets', { headers: { cookie: `wegwijs_session=${'x'.repeat(43)}` } })).status).toBe(401);
      const agent = await createTestAgent(database());
      const headers = await as(agent);
      expect((await app.request('/api/agent/tickets', { headers })).status).toBe(200);
      await setAgentDisabled(database().db, agent.email, true);
      const res = await app.request('/api/agent/tickets', { headers });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { message: 'sign in first (no valid session)' } });
    });

    it('does not let a conversation token in', async () => {
      const { app } = setup();
      const { conversation } = await createTicketVia(app);
      expect((await app.request('/api/agent/tickets', { headers: conversation.headers })).status).toBe(401);
    });
  });

  describe('GET /api/agent/tickets/:id', () => {
    it('shows the whole story: transcript with reasons, thread with internal notes flagged, effort scores, articles offered, events', async () => {
      const { app } = setup();
      const conversation = await startConversation(app);
      const cesRes = await sendSignals(app, conversation, [{ type: 'ces', answerId: 'answer-1', articleId: 'track-parcel', score: 4, locale: 'nl' }]);
      expect(cesRes.status).toBe(200);
      const handoff = await postHandoff(app, conversation);
      const { ticketId } = (await handoff.json()) as { ticketId: string };
      const agent = await createTestAgent(database(), { name: 'Pieter' });
      const headers = await as(agent);
      await app.request(`/api/agent/tickets/${ticketId}/claim`, { method: 'POST', headers });
      await app.request(`/api/agent/tickets/${ticketId}/replies`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ body: 'Alleen voor collega’s', internal: true }),
      });

      const res = await app.request(`/api/agent/tickets/${ticketId}`, { headers });
      expect(res.status).toBe(200);
      expect(res.headers.get('Cache-Control')).toBe('no-store');
      const detail = (await res.json()) as TicketDetail;
      expect(detail).toMatchObject({ id: ticketId, conversationId: conversation.id, status: 'open', assignee: { id: agent.id, name: 'Pieter' } });
      expect(detail.messages.map((m) => [m.author, m.transcript, m.internal, m.body])).toEqual([
        ['customer', true, false, 'Waar is mijn pakket?'],
        ['assistant', true, false, 'Je volgt je pakket met de track-and-tracelink.'],
        ['customer', true, false, 'Dat werkt niet'],
        ['assistant', true, false, 'Bedoel je een van deze?'],
        ['customer', false, false, 'Mijn pakket is al een week onderweg.'],
        ['agent', false, true, 'Alleen voor collega’s'],
      ]);
      expect(detail.messages[5]?.authorName).toBe('Pieter');
      expect(detail.transcript).toHaveLength(4);
      expect(detail.transcript[1]).toMatchObject({
        why: { kind: 'ranking', terms: ['pakket'], score: 3.2, margin: 1.1 },
        articleId: 'track-parcel',
        action: 'answer',
        ces: 4,
        helpful: false,
      });
      expect(detail.ces).toEqual([{ answerId: 'answer-1', articleId: 'track-parcel', score: 4, createdAt: expect.any(String) }]);
      expect(detail.articlesOffered).toEqual(['track-parcel']);
      expect(detail.events.map((e) => [e.type, e.actor])).toEqual([
        ['created', 'customer'],
        ['claimed', 'Pieter'],
        ['noted', 'Pieter'],
      ]);
    });

    it('answers 404 for a ticket that does not exist and for a malformed id', async () => {
      const { app } = setup();
      const headers = await as(await createTestAgent(database()));
      for (const id of [randomUUID(), 'WW-1001', '1 or 1=1']) {
        const res = await app.request(`/api/agent/tickets/${encodeURIComponent(id)}`, { headers });
        expect(res.status, id).toBe(404);
        expect(await res.json()).toEqual({ error: { message: 'no such ticket' } });
      }
    });
  });

  describe('POST /api/agent/tickets/:id/claim', () => {
    it('gives the ticket to the first agent, again 200 for them, 409 naming the holder for anyone else', async () => {
      const { app } = setup();
      const { ticketId, number } = await createTicketVia(app);
      const sanne = await createTestAgent(database(), { name: 'Sanne' });
      const pieter = await createTestAgent(database(), { name: 'Pieter' });
      const first = await app.request(`/api/agent/tickets/${ticketId}/claim`, { method: 'POST', headers: await as(sanne) });
      expect(first.status).toBe(200);
      expect(await first.json()).toMatchObject({ id: ticketId, assignee: { id: sanne.id, name: 'Sanne' } });
      expect((await app.request(`/api/agent/tickets/${ticketId}/claim`, { method: 'POST', headers: await as(sanne) })).status).toBe(200);
      const second = await app.request(`/api/agent/tickets/${ticketId}/claim`, { method: 'POST', headers: await as(pieter) });
      expect(second.status).toBe(409);
      expect(await second.json()).toEqual({ error: { message: `${number} is already held by Sanne` }, assignee: { id: sanne.id, name: 'Sanne' } });
    });

    it('has exactly one winner when 50 agents claim at once', { timeout: 120_000 }, async () => {
      const { app } = setup();
      const { ticketId } = await createTicketVia(app);
      const team = await Promise.all(Array.from({ length: 50 }, (_, n) => createTestAgent(database(), { name: `Agent ${n}` })));
      const headers = await Promise.all(team.map(as));
      const answers = await Promise.all(headers.map((h) => app.request(`/api/agent/tickets/${ticketId}/claim`, { method: 'POST', headers: h })));
      const statuses = answers.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(49);
      const winner = team[statuses.indexOf(200)]!;
      const [ticket] = await database().db.select().from(tickets).where(eq(tickets.id, ticketId));
      expect(ticket?.assigneeId).toBe(winner.id);
      const claims = await database()
        .db.select()
        .from(ticketEvents)
        .where(and(eq(ticketEvents.ticketId, ticketId), eq(ticketEvents.type, 'claimed')));
      expect(claims).toHaveLength(1);
      expect(claims[0]?.agentId).toBe(winner.id);
    });

    it('answers 403 without the CSRF header, 401 without a session, 404 for no such ticket', async () => {
      const { app } = setup();
      const { ticketId } = await createTicketVia(app);
      const { 'x-requested-with': _, ...withoutCsrf } = await as(await createTestAgent(database()));
      const forged = await app.request(`/api/agent/tickets/${ticketId}/claim`, { method: 'POST', headers: withoutCsrf });
      expect(forged.status).toBe(403);
      expect(await forged.json()).toEqual({
        error: { message: 'this request must carry the header X-Requested-With: wegwijs (protection against cross-site request forgery)' },
      });
      expect(
        (await app.request(`/api/agent/tickets/${ticketId}/claim`, { method: 'POST', headers: { ...withoutCsrf, 'x-requested-with': 'XMLHttpRequest' } }))
          .status,
      ).toBe(403);
      expect((await app.request(`/api/agent/tickets/${ticketId}/claim`, { method: 'POST', headers: { 'x-requested-with': 'wegwijs' } })).status).toBe(401);
      expect(
        (await app.request(`/api/agent/tickets/${randomUUID()}/claim`, { method: 'POST', headers: await as(await createTestAgent(database())) })).status,
      ).toBe(404);
      const [ticket] = await database().db.select().from(tickets).where(eq(tickets.id, ticketId));
      expect(ticket?.assigneeId).toBeNull();
    });
  });

  describe('POST /api/agent/tickets/:id/replies', () => {
    it('answers the customer: first response set once, open → pending, e-mail sent as plain text', async () => {
      const test = setup();
      const { ticketId, number } = await createTicketVia(test.app);
      const headers = await as(await createTestAgent(database(), { name: 'Sanne' }));
      const reply = (body: string) => test.app.request(`/api/agent/tickets/${ticketId}/replies`, { method: 'POST', headers, body: JSON.stringify({ body }) });
      const res = await reply('Hallo Jan, <b>morgen</b> komt het.');
      expect(res.status).toBe(201);
      expect(((await res.json()) as { id: string }).id).toMatch(/^\d+$/);
      const [afterFirst] = await database().db.select().from(tickets).where(eq(tickets.id, ticketId));
      expect(afterFirst?.status).toBe('pending');
      expect(afterFirst?.firstResponseAt).toBeInstanceOf(Date);
      expect((await reply('Nog een aanvulling.')).status).toBe(201);
      const [afterSecond] = await database().db.select().from(tickets).where(eq(tickets.id, ticketId));
      expect(afterSecond?.firstResponseAt?.getTime()).toBe(afterFirst?.firstResponseAt?.getTime());
      expect(afterSecond?.status).toBe('pending');
      await test.delivered();
      expect(test.mails).toHaveLength(2);
      expect(test.mails[0]).toMatchObject({
        to: 'jan.jansen@example.nl',
        subject: `Antwoord op je vraag [${number}]: Mijn pakket is al een week onderweg.`,
        text: expect.stringMatching(
          /^Hallo Jan Jansen,\n\nSanne heeft je vraag beantwoord:\n\nHallo Jan, <b>morgen<\/b> komt het\.\n\nVerder praten kan in de chat op onze helppagina’s\. Deze link opent je gesprek, ook op een ander apparaat \(30 dagen geldig\):\n\/c\/[0-9a-f-]{36}\.[0-9a-z]+\.[A-Za-z0-9_-]{22}\n$/,
        ),
      });
      const events = await database().db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticketId)).orderBy(ticketEvents.id);
      expect(events.map((e) => e.type)).toEqual(['created', 'replied', 'status', 'replied']);
    });

    it('keeps internal notes from the customer: no e-mail, no status change, not in the public thread', async () => {
      const test = setup();
      const { conversation, ticketId } = await createTicketVia(test.app);
      const headers = await as(await createTestAgent(database()));
      const res = await test.app.request(`/api/agent/tickets/${ticketId}/replies`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ body: 'Geheime notitie', internal: true }),
      });
      expect(res.status).toBe(201);
      await test.delivered();
      expect(test.mails).toEqual([]);
      const [ticket] = await database().db.select().from(tickets).where(eq(tickets.id, ticketId));
      expect(ticket).toMatchObject({ status: 'open', firstResponseAt: null });
      const thread = await test.app.request(`/api/conversations/${conversation.id}/ticket`, { headers: conversation.headers });
      expect(await thread.text()).not.toContain('Geheime notitie');
    });

    it('writes the e-mail to the log when no SMTP server is configured', async () => {
      const logger = recordingLogger();
      const deliveries: Promise<void>[] = [];
      const app = createApp({
        config: { distDir: '/nonexistent', contentRoot: '/nonexistent', logLevel: 'info', rateLimits: NO_LIMITS },
        database: database(),
        site: TEST_SITE,
        logger,
        onNotify: (delivery) => deliveries.push(delivery),
      });
      const { ticketId, number } = await createTicketVia(app);
      const headers = await as(await createTestAgent(database(), { name: 'Sanne' }));
      expect(
        (await app.request(`/api/agent/tickets/${ticketId}/replies`, { method: 'POST', headers, body: JSON.stringify({ body: 'Het komt morgen.' }) })).status,
      ).toBe(201);
      await Promise.all(deliveries);
      const mail = logger.lines.find((line) => line.message.startsWith('mail not sent'));
      expect(mail?.level).toBe('info');
      expect(mail?.message).toContain('To: jan.jansen@example.nl');
      expect(mail?.message).toContain(`Subject: Antwoord op je vraag [${number}]`);
      expect(mail?.message).toContain('Het komt morgen.');
    });

    it('keeps a failing e-mail in the outbox for a retry without failing the reply', async () => {
      const failing = { kind: 'smtp' as const, send: () => Promise.reject(new Error('550 mailbox unavailable')), close() {} };
      const test = testApp(database(), {}, failing);
      const { ticketId } = await createTicketVia(test.app);
      const headers = await as(await createTestAgent(database()));
      expect(
        (await test.app.request(`/api/agent/tickets/${ticketId}/replies`, { method: 'POST', headers, body: JSON.stringify({ body: 'Hallo' }) })).status,
      ).toBe(201);
      await test.delivered();
      const [row] = await database().db.select().from(mailOutbox).where(eq(mailOutbox.ticketId, ticketId));
      expect(row).toMatchObject({ kind: 'reply', status: 'pending', attempts: 1, lastError: '550 mailbox unavailable' });
    });

    it('refuses a public reply on a closed ticket (409) but takes an internal note', async () => {
      const { app } = setup();
      const { ticketId, number } = await createTicketVia(app);
      const headers = await as(await createTestAgent(database()));
      for (const status of ['solved', 'closed']) {
        expect((await app.request(`/api/agent/tickets/${ticketId}`, { method: 'PATCH', headers, body: JSON.stringify({ status }) })).status).toBe(200);
      }
      const res = await app.request(`/api/agent/tickets/${ticketId}/replies`, { method: 'POST', headers, body: JSON.stringify({ body: 'Hallo?' }) });
      expect(res.status).toBe(409);
      expect(await res.json()).toEqual({ error: { message: `${number} is closed; the customer can no longer be answered through it` } });
      expect(
        (
          await app.request(`/api/agent/tickets/${ticketId}/replies`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ body: 'Voor de volgende keer', internal: true }),
          })
        ).status,
      ).toBe(201);
    });

    it.each([
      ['body', { body: '' }, 'body must not be empty'],
      ['body', { body: 'x'.repeat(5001) }, 'body must be at most 5000 characters'],
      ['internal', { body: 'x', internal: 'ja' }, 'internal must be true or false'],
    ])('answers 400 naming %s for %j', async (field, body, message) => {
      const { app } = setup();
      const { ticketId } = await createTicketVia(app);
      const res = await app.request(`/api/agent/tickets/${ticketId}/replies`, {
        method: 'POST',
        headers: await as(await createTestAgent(database())),
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: { message, field } });
    });

    it('answers 404 for no such ticket and 403 without the CSRF header', async () => {
      const { app } = setup();
      const headers = await as(await createTestAgent(database()));
      expect((await app.request(`/api/agent/tickets/${randomUUID()}/replies`, { method: 'POST', headers, body: JSON.stringify({ body: 'x' }) })).status).toBe(
        404,
      );
      const { ticketId } = await createTicketVia(app);
      const { 'x-requested-with': _, ...withoutCsrf } = headers;
      expect(
        (await app.request(`/api/agent/tickets/${ticketId}/replies`, { method: 'POST', headers: withoutCsrf, body: JSON.stringify({ body: 'x' }) })).status,
      ).toBe(403);
    });
  });

  describe('PATCH /api/agent/tickets/:id', () => {
    const patch = (app: ReturnType<typeof setup>['app'], id: string, headers: Record<string, string>, change: unknown) =>
      app.request(`/api/agent/tickets/${id}`, { method: 'PATCH', headers, body: JSON.stringify(change) });

    it('changes status and priority with an event each', async () => {
      const { app } = setup();
      const { ticketId } = await createTicketVia(app);
      const agent = await createTestAgent(database());
      const res = await patch(app, ticketId, await as(agent), { status: 'solved', priority: 'urgent', subject: 'ignored' });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        id: ticketId,
        status: 'solved',
        priority: 'urgent',
        subject: 'Mijn pakket is al een week onderweg.',
        solvedAt: expect.any(String),
      });
      const events = await database().db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticketId)).orderBy(ticketEvents.id);
      expect(events.slice(1).map((e) => [e.type, e.agentId, e.data])).toEqual([
        ['priority', agent.id, { from: 'normal', to: 'urgent' }],
        ['status', agent.id, { transition: 'solve', from: 'open', to: 'solved' }],
      ]);
    });

    it('answers 409 naming both statuses for a move the state machine does not allow, changing nothing', async () => {
      const { app } = setup();
      const { ticketId } = await createTicketVia(app);
      const res = await patch(app, ticketId, await as(await createTestAgent(database())), { status: 'closed', priority: 'high' });
      expect(res.status).toBe(409);
      expect(await res.json()).toEqual({ error: { message: 'a ticket cannot go from open to closed' }, from: 'open', to: 'closed' });
      const [ticket] = await database().db.select().from(tickets).where(eq(tickets.id, ticketId));
      expect(ticket).toMatchObject({ status: 'open', priority: 'normal' });
    });

    it('assigns: anyone may pass on an unassigned ticket or their own; taking one someone else holds is for admins', async () => {
      const { app } = setup();
      const { ticketId, number } = await createTicketVia(app);
      const sanne = await createTestAgent(database(), { name: 'Sanne' });
      const pieter = await createTestAgent(database(), { name: 'Pieter' });
      const admin = await createTestAgent(database(), { name: 'Beheer', role: 'admin' });
      expect(await (await patch(app, ticketId, await as(pieter), { assigneeId: sanne.id })).json()).toMatchObject({
        assignee: { id: sanne.id, name: 'Sanne' },
      });
      const taken = await patch(app, ticketId, await as(pieter), { assigneeId: pieter.id });
      expect(taken.status).toBe(409);
      expect(await taken.json()).toEqual({ error: { message: `${number} is held by Sanne; only they or an admin can pass it on` } });
      expect(await (await patch(app, ticketId, await as(admin), { assigneeId: pieter.id })).json()).toMatchObject({ assignee: { id: pieter.id } });
      expect(await (await patch(app, ticketId, await as(pieter), { assigneeId: null })).json()).toMatchObject({ assignee: null });
      const events = await database().db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticketId)).orderBy(ticketEvents.id);
      expect(events.slice(1).map((e) => [e.type, e.data])).toEqual([
        ['assigned', { from: null, to: sanne.id }],
        ['assigned', { from: sanne.id, to: pieter.id }],
        ['unassigned', { from: pieter.id, to: null }],
      ]);
    });

    it('answers 422 for an assignee who is not an active agent', async () => {
      const { app } = setup();
      const { ticketId } = await createTicketVia(app);
      const headers = await as(await createTestAgent(database()));
      const gone = await createTestAgent(database());
      await setAgentDisabled(database().db, gone.email, true);
      for (const assigneeId of [randomUUID(), 'iemand', gone.id]) {
        const res = await patch(app, ticketId, headers, { assigneeId });
        expect(res.status).toBe(422);
        expect(await res.json()).toEqual({ error: { message: 'assigneeId must be the id of an active agent', field: 'assigneeId' } });
      }
    });

    it.each([
      [{}, 'the request body must change status, priority or assigneeId', undefined],
      [{ status: 'done' }, 'status must be one of open, pending, solved, closed', 'status'],
      [{ priority: 'critical' }, 'priority must be one of low, normal, high, urgent', 'priority'],
    ])('answers 400 for %j', async (change, message, field) => {
      const { app } = setup();
      const { ticketId } = await createTicketVia(app);
      const res = await patch(app, ticketId, await as(await createTestAgent(database())), change);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: field === undefined ? { message } : { message, field } });
    });

    it('answers 404, 401 and 403 where it should', async () => {
      const { app } = setup();
      const { ticketId } = await createTicketVia(app);
      const headers = await as(await createTestAgent(database()));
      expect((await patch(app, randomUUID(), headers, { priority: 'low' })).status).toBe(404);
      expect((await patch(app, ticketId, { 'content-type': 'application/json', 'x-requested-with': 'wegwijs' }, { priority: 'low' })).status).toBe(401);
      const { 'x-requested-with': _, ...withoutCsrf } = headers;
      expect((await patch(app, ticketId, withoutCsrf, { priority: 'low' })).status).toBe(403);
    });
  });

  describe('rate limit', () => {
    it('answers 429 with Retry-After when one address makes too many agent requests', async () => {
      const { app } = testApp(database(), { rateLimits: { ...NO_LIMITS, agentPerMinute: 2 }, trustProxy: 1 });
      const headers = { ...(await as(await createTestAgent(database()))), 'x-forwarded-for': `203.0.113.${Math.floor(Math.random() * 250) + 1}` };
      const statuses = [];
      for (let n = 0; n < 3; n++) statuses.push((await app.request('/api/agent/tickets', { headers })).status);
      expect(statuses).toEqual([200, 200, 429]);
    });
  });
});

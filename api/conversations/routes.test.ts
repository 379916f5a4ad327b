import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { cesResponses, conversationEvents, conversations, messages, ticketEvents, tickets } from '../db/tables.ts';
import { sha256Hex } from '../http/tokens.ts';
import {
  agentHeaders,
  createTestAgent,
  createTicketVia,
  handoffBody,
  NO_LIMITS,
  postHandoff,
  startConversation,
  testApp,
  type TestConversation,
} from '../test/app.ts';
import { describeOnDatabases } from '../test/database.ts';
import { BODY_LIMITS } from './routes.ts';

type Json = Record<string, unknown> & { error?: { message: string; field?: string } };

describeOnDatabases('the public conversation API', (database) => {
  const app = () => testApp(database()).app;
  const post = (path: string, conversation: Pick<TestConversation, 'headers'>, body: unknown, headers: Record<string, string> = {}) =>
    app().request(path, { method: 'POST', headers: { ...conversation.headers, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  describe('POST /api/conversations', () => {
    it('answers 201 with an id and a token, and stores only the token’s hash', async () => {
      const res = await app().request('/api/conversations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(res.status).toBe(201);
      const body = (await res.json()) as { id: string; token: string };
      expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const [row] = await database().db.select().from(conversations).where(eq(conversations.id, body.id));
      expect(row?.tokenHash).toBe(sha256Hex(body.token));
      expect(JSON.stringify(row)).not.toContain(body.token);
    });

    it('gives every conversation its own token', async () => {
      const [a, b] = await Promise.all([startConversation(app()), startConversation(app())]);
      expect(a.id).not.toBe(b.id);
      expect(a.token).not.toBe(b.token);
    });
  });

  describe('POST /api/conversations/:id/signals', () => {
    const signals = (conversation: Pick<TestConversation, 'id' | 'headers'>, list: unknown) =>
      post(`/api/conversations/${conversation.id}/signals`, conversation, { signals: list });
    const outcome = {
      key: 'outcome-a1',
      type: 'outcome',
      answerId: 'a1',
      action: 'nomatch',
      articleId: null,
      locale: 'en',
      question: 'mail jan@example.nl about order 12345678',
    };
    const helpful = { key: 'helpful-a1', type: 'helpful', answerId: 'a1', helpful: false, articleId: 'track-parcel', locale: 'en' };
    const score = { key: 'ces-a1', type: 'ces', answerId: 'a1', articleId: 'track-parcel', score: 2, locale: 'en' };

    it('records scores, outcomes and helpful answers of one batch, once each, in the order sent', async () => {
      const conversation = await startConversation(app());
      const res = await signals(conversation, [outcome, helpful, score]);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        results: [
          { key: 'outcome-a1', status: 'recorded' },
          { key: 'helpful-a1', status: 'recorded' },
          { key: 'ces-a1', status: 'recorded' },
        ],
      });
      const events = await database().db.select().from(conversationEvents).where(eq(conversationEvents.conversationId, conversation.id));
      expect(events.map((e) => [e.idempotencyKey, e.type, e.action, e.helpful, e.question]).sort()).toEqual([
        ['helpful-a1', 'helpful', null, false, null],
        ['outcome-a1', 'outcome', 'nomatch', null, 'mail [e-mail] about order [number]'],
      ]);
      const scores = await database().db.select().from(cesResponses).where(eq(cesResponses.conversationId, conversation.id));
      expect(scores.map((r) => [r.answerId, r.articleId, r.score, r.locale])).toEqual([['a1', 'track-parcel', 2, 'en']]);
    });

    it('counts nothing twice: a resent batch, a key repeated inside it, a second score for an answer', async () => {
      const conversation = await startConversation(app());
      expect((await signals(conversation, [outcome, score])).status).toBe(200);
      const again = await signals(conversation, [outcome, score, { ...score, key: 'ces-a1-again', score: 5 }, helpful, helpful]);
      expect(await again.json()).toEqual({
        results: [
          { key: 'outcome-a1', status: 'duplicate' },
          { key: 'ces-a1', status: 'duplicate' },
          { key: 'ces-a1-again', status: 'duplicate' },
          { key: 'helpful-a1', status: 'recorded' },
          { key: 'helpful-a1', status: 'duplicate' },
        ],
      });
      const scores = await database().db.select().from(cesResponses).where(eq(cesResponses.conversationId, conversation.id));
      expect(scores.map((r) => r.score)).toEqual([2]);
      expect(await database().db.select().from(conversationEvents).where(eq(conversationEvents.conversationId, conversation.id))).toHaveLength(2);
    });

    it('counts one score when batches scoring the same answer arrive at once', async () => {
      const conversation = await startConversation(app());
      const sent = await Promise.all(
        Array.from(
          { length: 20 },
          async (_, n) => (await signals(conversation, [{ ...score, key: `ces-a1-${n}` }])).json() as Promise<{ results: { status: string }[] }>,
        ),
      );
      expect(sent.flatMap((r) => r.results.map((x) => x.status)).filter((s) => s === 'recorded')).toHaveLength(1);
      expect(await database().db.select().from(cesResponses).where(eq(cesResponses.conversationId, conversation.id))).toHaveLength(1);
    });

    it('keeps the first of two scores for one answer in the same batch', async () => {
      const conversation = await startConversation(app());
      const res = await signals(conversation, [score, { ...score, key: 'ces-a1-b', score: 4 }]);
      expect(((await res.json()) as { results: { status: string }[] }).results.map((r) => r.status)).toEqual(['recorded', 'duplicate']);
      const scores = await database().db.select().from(cesResponses).where(eq(cesResponses.conversationId, conversation.id));
      expect(scores.map((r) => r.score)).toEqual([2]);
    });

    it('notifies webhooks of a high score in the batch, once', async () => {
      const conversation = await startConversation(app());
      const [hook] = await database()
        .db.execute(sql`insert into webhooks (url, format, events, secret) values ('https://hooks.example/x', 'json', array['ces.high'], 's') returning id`)
        .then((result) => (Array.isArray(result) ? result : (result as unknown as { rows: { id: string }[] }).rows) as { id: string }[]);
      try {
        await signals(conversation, [
          { ...score, score: 5 },
          { ...score, key: 'ces-a2', answerId: 'a2', score: 1 },
        ]);
        await signals(conversation, [{ ...score, score: 5 }]);
        const deliveries = await database().db.execute(sql`select event from webhook_deliveries where webhook_id = ${hook!.id}::uuid`);
        expect((Array.isArray(deliveries) ? deliveries : (deliveries as unknown as { rows: unknown[] }).rows).length).toBe(1);
      } finally {
        await database().db.execute(sql`delete from webhooks where id = ${hook!.id}::uuid`);
      }
    });

    it.each([
      ['signals', [], 'signals must have at least 1 item'],
      ['signals', Array.from({ length: 51 }, (_, i) => ({ ...score, key: `k-${i}`, answerId: `a${i}` })), 'signals must have at most 50 items'],
      ['signals[1].score', [outcome, { ...score, score: 6 }], 'signals[1].score must be a whole number from 1 to 5'],
      ['signals[0].type', [{ ...score, type: 'rating' }], 'signals[0].type must be ces, outcome or helpful'],
      ['signals[0].key', [{ ...score, key: undefined }], 'signals[0].key is required'],
      ['signals[0].action', [{ ...outcome, action: 'guess' }], 'signals[0].action must be one of answer, clarify, nomatch, rule'],
    ])('answers 400 naming %s, storing nothing of the batch', async (field, list, message) => {
      const conversation = await startConversation(app());
      const res = await signals(conversation, list);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: { message, field } });
      expect(await database().db.select().from(conversationEvents).where(eq(conversationEvents.conversationId, conversation.id))).toHaveLength(0);
    });

    it('answers 401 without a token and 404 for another conversation’s token or a malformed id, storing nothing', async () => {
      const mine = await startConversation(app());
      const theirs = await startConversation(app());
      expect((await signals({ id: mine.id, headers: { 'content-type': 'application/json' } }, [score])).status).toBe(401);
      expect((await signals({ id: mine.id, headers: theirs.headers }, [score])).status).toBe(404);
      expect((await signals({ id: 'not-a-uuid', headers: mine.headers }, [score])).status).toBe(404);
      expect(await database().db.select().from(cesResponses).where(eq(cesResponses.conversationId, mine.id))).toHaveLength(0);
    });

    it('answers 413 for a body over 64 KB', async () => {
      const conversation = await startConversation(app());
      const res = await signals(conversation, [{ ...score, padding: 'x'.repeat(BODY_LIMITS.signals) }]);
      expect(res.status).toBe(413);
    });
  });

  describe('POST /api/conversations/:id/handoff', () => {
    it('creates a ticket with a readable number from the transcript, keeping the assistant’s reasons', async () => {
      const conversation = await startConversation(app());
      const res = await postHandoff(app(), conversation);
      expect(res.status).toBe(201);
      const created = (await res.json()) as { ticketId: string; number: string };
      expect(created.number).toMatch(/^WW-\d{4,}$/);
      const [ticket] = await database().db.select().from(tickets).where(eq(tickets.id, created.ticketId));
      expect(ticket).toMatchObject({
        conversationId: conversation.id,
        number: created.number,
        status: 'open',
        priority: 'normal',
        locale: 'nl',
        subject: 'Mijn pakket is al een week onderweg.',
        customerEmail: 'jan.jansen@example.nl',
        customerName: 'Jan Jansen',
        assigneeId: null,
        firstResponseAt: null,
        solvedAt: null,
      });
      const lines = await database().db.select().from(messages).where(eq(messages.ticketId, created.ticketId)).orderBy(messages.id);
      expect(lines.map((m) => [m.author, m.transcript, m.body])).toEqual([
        ['customer', true, 'Waar is mijn pakket?'],
        ['assistant', true, 'Je volgt je pakket met de track-and-tracelink.'],
        ['customer', true, 'Dat werkt niet'],
        ['assistant', true, 'Bedoel je een van deze?'],
        ['customer', false, 'Mijn pakket is al een week onderweg.'],
      ]);
      expect(lines[1]).toMatchObject({
        articleId: 'track-parcel',
        action: 'answer',
        why: { kind: 'ranking', terms: ['pakket'], score: 3.2, margin: 1.1 },
        ces: 4,
        helpful: false,
      });
      const events = await database().db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, created.ticketId));
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        type: 'created',
        actor: 'customer',
        data: { transcriptLines: 4, assistantAnswers: 2, articlesOffered: ['track-parcel'], lastAction: 'clarify', withMessage: true },
      });
    });

    it('numbers tickets one after the other', async () => {
      const a = await createTicketVia(app());
      const b = await createTicketVia(app());
      expect(Number(b.number.slice(3))).toBeGreaterThan(Number(a.number.slice(3)));
    });

    it('stores customer text as text, exactly as sent', async () => {
      const text = '<script>alert("x")</script> & <b>vet</b> \u{1F4E6}';
      const { ticketId } = await createTicketVia(app(), handoffBody({ message: text, transcript: [{ from: 'customer', text, at: new Date().toISOString() }] }));
      const lines = await database().db.select().from(messages).where(eq(messages.ticketId, ticketId));
      expect(lines.map((m) => m.body)).toEqual([text, text]);
      const [ticket] = await database().db.select().from(tickets).where(eq(tickets.id, ticketId));
      expect(ticket?.subject).toBe(text);
    });

    it('cuts a long first question to a subject of about 80 characters, at a word', async () => {
      const question = `Ik heb drie weken geleden een bestelling geplaatst en die is nog steeds niet binnen, wat nu?`;
      const { ticketId } = await createTicketVia(app(), handoffBody({ transcript: [{ from: 'customer', text: question, at: new Date().toISOString() }] }));
      const [ticket] = await database().db.select().from(tickets).where(eq(tickets.id, ticketId));
      expect(ticket?.subject).toBe('Ik heb drie weken geleden een bestelling geplaatst en die is nog steeds niet…');
    });

    it('accepts an empty message and an empty transcript', async () => {
      const { ticketId } = await createTicketVia(app(), handoffBody({ message: '', transcript: [], name: '' }));
      const [ticket] = await database().db.select().from(tickets).where(eq(tickets.id, ticketId));
      expect(ticket).toMatchObject({ subject: 'Vraag via de chat', customerName: null, lastMessageAt: null });
      expect(await database().db.select().from(messages).where(eq(messages.ticketId, ticketId))).toHaveLength(0);
    });

    it('returns the same ticket for the same key and body, and 422 for the same key with another body', async () => {
      const conversation = await startConversation(app());
      const key = randomUUID();
      const body = handoffBody();
      const first = await postHandoff(app(), conversation, body, key);
      const created = await first.json();
      const again = await postHandoff(app(), conversation, body, key);
      expect(again.status).toBe(201);
      expect(again.headers.get('Idempotent-Replayed')).toBe('true');
      expect(await again.json()).toEqual(created);
      const changed = await postHandoff(app(), conversation, { ...body, message: 'Iets anders' }, key);
      expect(changed.status).toBe(422);
      expect(await changed.json()).toEqual({
        error: { message: 'this Idempotency-Key was already used for a different request; send a new key for a new request', field: 'Idempotency-Key' },
      });
      expect(await database().db.select().from(tickets).where(eq(tickets.conversationId, conversation.id))).toHaveLength(1);
    });

    it('treats the same body with its fields in another order as the same request', async () => {
      const conversation = await startConversation(app());
      const key = randomUUID();
      const body = handoffBody();
      const reordered = Object.fromEntries(Object.entries(body).reverse());
      const first = await (await postHandoff(app(), conversation, body, key)).json();
      expect(await (await postHandoff(app(), conversation, reordered, key)).json()).toEqual(first);
    });

    it('creates one ticket when the same key arrives many times at once', async () => {
      const conversation = await startConversation(app());
      const key = randomUUID();
      const body = handoffBody();
      const answers = await Promise.all(Array.from({ length: 10 }, () => postHandoff(app(), conversation, body, key)));
      expect(answers.map((r) => r.status)).toEqual(Array(10).fill(201));
      const ids = new Set(await Promise.all(answers.map(async (r) => ((await r.json()) as { ticketId: string }).ticketId)));
      expect(ids.size).toBe(1);
      expect(await database().db.select().from(tickets).where(eq(tickets.conversationId, conversation.id))).toHaveLength(1);
    });

    it('keeps one open ticket per conversation: another key gets 409 with the open ticket, even when racing', async () => {
      const conversation = await startConversation(app());
      const answers = await Promise.all(Array.from({ length: 10 }, () => postHandoff(app(), conversation)));
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses).toEqual([201, ...Array(9).fill(409)]);
      const winner = (await answers.find((r) => r.status === 201)!.json()) as { ticketId: string; number: string };
      const loser = (await answers.find((r) => r.status === 409)!.json()) as Json;
      expect(loser).toEqual({
        error: { message: `this conversation already has an open ticket, ${winner.number}; reply to it instead` },
        ticketId: winner.ticketId,
        number: winner.number,
      });
    });

    it('allows a new ticket once the previous one is solved', async () => {
      const { conversation, ticketId, number } = await createTicketVia(app());
      const agent = await createTestAgent(database());
      const solved = await app().request(`/api/agent/tickets/${ticketId}`, {
        method: 'PATCH',
        headers: await agentHeaders(database(), agent),
        body: JSON.stringify({ status: 'solved' }),
      });
      expect(solved.status).toBe(200);
      const res = await postHandoff(app(), conversation);
      expect(res.status).toBe(201);
      expect(((await res.json()) as { number: string }).number).not.toBe(number);
    });

    it.each([
      ['email', { email: 'geen-adres' }, 'email must be an e-mail address'],
      ['email', { email: undefined }, 'email is required'],
      ['name', { name: 'x'.repeat(121) }, 'name must be at most 120 characters'],
      ['message', { message: undefined }, 'message is required'],
      ['message', { message: 'x'.repeat(5001) }, 'message must be at most 5000 characters'],
      ['locale', { locale: 'fr' }, 'locale must be one of nl, en'],
      ['transcript', { transcript: 'hallo' }, 'transcript must be a list'],
      [
        'transcript',
        { transcript: Array(201).fill({ from: 'customer', text: 'x', at: '2026-11-23T10:00:00.000Z' }) },
        'transcript must have at most 200 entries',
      ],
      [
        'transcript.0.from',
        { transcript: [{ from: 'robot', text: 'x', at: '2026-11-23T10:00:00.000Z' }] },
        'transcript.0.from must be one of customer, assistant, agent, system',
      ],
      ['transcript.0.at', { transcript: [{ from: 'customer', text: 'x', at: 'gisteren' }] }, 'transcript.0.at must be an ISO 8601 date and time'],
      [
        'transcript.0.at',
        { transcript: [{ from: 'customer', text: 'x', at: '0000-01-01T00:00:00Z' }] },
        'transcript.0.at must be an ISO 8601 date and time from 1970 to 9999',
      ],
      [
        'transcript.0.ces',
        { transcript: [{ from: 'assistant', text: 'x', at: '2026-11-23T10:00:00.000Z', ces: 9 }] },
        'transcript.0.ces must be a whole number from 1 to 5',
      ],
      ['message', { message: 'nul\u0000byte' }, 'message must not contain NUL characters'],
      [
        'transcript.0.text',
        { transcript: [{ from: 'customer', text: '\u0000', at: '2026-11-23T10:00:00.000Z' }] },
        'transcript.0.text must not contain NUL characters',
      ],
      ['message', { message: 'emoji cut in half \ud83d' }, 'message must be well-formed Unicode text (it contains half of a surrogate pair)'],
      ['name', { name: '\ude00 Jan' }, 'name must be well-formed Unicode text (it contains half of a surrogate pair)'],
      [
        'transcript.0.text',
        { transcript: [{ from: 'customer', text: 'x\ud800y', at: '2026-11-23T10:00:00.000Z' }] },
        'transcript.0.text must be well-formed Unicode text (it contains half of a surrogate pair)',
      ],
    ])('answers 400 naming %s for %j, and creates nothing', async (field, overrides, message) => {
      const conversation = await startConversation(app());
      const res = await postHandoff(app(), conversation, handoffBody(overrides));
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: { message, field } });
      expect(await database().db.select().from(tickets).where(eq(tickets.conversationId, conversation.id))).toHaveLength(0);
    });

    it('keeps an emoji whole and stores a transcript time with any offset in UTC', async () => {
      const conversation = await startConversation(app());
      const at = '2026-11-23T23:30:00+15:59';
      const res = await postHandoff(app(), conversation, handoffBody({ message: 'Kapot 😀', transcript: [{ from: 'customer', text: 'Waar? 👍🏽', at }] }));
      expect(res.status).toBe(201);
      const { ticketId } = (await res.json()) as { ticketId: string };
      const lines = await database().db.select().from(messages).where(eq(messages.ticketId, ticketId)).orderBy(messages.id);
      expect(lines.map((m) => m.body)).toEqual(['Waar? 👍🏽', 'Kapot 😀']);
      expect(lines[0]?.sentAt?.toISOString()).toBe(new Date(at).toISOString());
    });

    it('stores a reason in another shape as null and still creates the ticket: the customer’s words are never refused for the assistant’s note', async () => {
      // Nested deeper than JSON.stringify can go: written out by hand, put in the body as raw JSON below.
      const DEEP = '<deep>';
      const deepJson = `${'['.repeat(6000)}"bottom"${']'.repeat(6000)}`;
      const odd = [
        { pattern: '\u0000' },
        { kind: 'ranking', terms: 'pakket', score: 1, margin: 0 },
        { kind: 'ranking', terms: [{ a: 1 }], score: 1, margin: 0 },
        { kind: 'ranking', terms: [], score: '1', margin: 0 },
        { kind: 'rule', ruleId: { nested: DEEP }, pattern: '' },
        { kind: 'pattern', articleId: 'x', pattern: 'half \ud83d' },
        { kind: 'pattern', articleId: 'x', pattern: 'x'.repeat(501) },
        { big: 'x'.repeat(4097) },
        DEEP,
        'just text',
        42,
      ];
      const conversation = await startConversation(app());
      const at = '2026-11-23T10:00:00.000Z';
      const transcript = [
        ...odd.map((why) => ({ from: 'assistant', text: 'antwoord', at, why })),
        { from: 'assistant', text: 'goed', at, why: { kind: 'rule', ruleId: 'greeting', pattern: 'hallo', extra: 'dropped' } },
      ];
      const raw = JSON.stringify(handoffBody({ transcript })).replaceAll(JSON.stringify(DEEP), deepJson);
      const res = await post(`/api/conversations/${conversation.id}/handoff`, conversation, raw, { 'idempotency-key': randomUUID() });
      expect(res.status).toBe(201);
      const { ticketId } = (await res.json()) as { ticketId: string };
      const lines = await database()
        .db.select()
        .from(messages)
        .where(and(eq(messages.ticketId, ticketId), eq(messages.transcript, true)))
        .orderBy(messages.id);
      expect(lines.map((m) => m.why)).toEqual([...odd.map(() => null), { kind: 'rule', ruleId: 'greeting', pattern: 'hallo' }]);
    });

    it('answers 400 without an Idempotency-Key', async () => {
      const conversation = await startConversation(app());
      const res = await post(`/api/conversations/${conversation.id}/handoff`, conversation, handoffBody());
      expect(res.status).toBe(400);
      expect(((await res.json()) as Json).error?.field).toBe('idempotency-key');
    });

    it('answers 401 without a token and 404 with another conversation’s token', async () => {
      const mine = await startConversation(app());
      const theirs = await startConversation(app());
      const noToken = await postHandoff(app(), { ...mine, headers: { 'content-type': 'application/json' } });
      expect(noToken.status).toBe(401);
      const wrong = await postHandoff(app(), { ...mine, headers: theirs.headers });
      expect(wrong.status).toBe(404);
      expect(await database().db.select().from(tickets).where(eq(tickets.conversationId, mine.id))).toHaveLength(0);
    });

    it('ignores unknown fields, never writing them', async () => {
      const conversation = await startConversation(app());
      const res = await postHandoff(app(), conversation, handoffBody({ assigneeId: randomUUID(), status: 'closed', priority: 'urgent' }));
      expect(res.status).toBe(201);
      const [ticket] = await database().db.select().from(tickets).where(eq(tickets.conversationId, conversation.id));
      expect(ticket).toMatchObject({ status: 'open', priority: 'normal', assigneeId: null });
    });
  });

  describe('GET /api/conversations/:id/ticket', () => {
    it('answers 404 before a hand-off', async () => {
      const conversation = await startConversation(app());
      const res = await app().request(`/api/conversations/${conversation.id}/ticket`, { headers: conversation.headers });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: { message: 'this conversation has no ticket' } });
    });

    it('shows the public thread: the customer’s message and agent replies, never internal notes or the transcript', async () => {
      const { conversation, ticketId, number } = await createTicketVia(app());
      const agent = await createTestAgent(database(), { name: 'Sanne de Vries' });
      const headers = await agentHeaders(database(), agent);
      const reply = (body: string, internal: boolean) =>
        app().request(`/api/agent/tickets/${ticketId}/replies`, { method: 'POST', headers, body: JSON.stringify({ body, internal }) });
      expect((await reply('Klant belt vaak; geduld.', true)).status).toBe(201);
      expect((await reply('Hallo Jan, ik zoek het voor je uit.', false)).status).toBe(201);
      const res = await app().request(`/api/conversations/${conversation.id}/ticket`, { headers: conversation.headers });
      expect(res.status).toBe(200);
      expect(res.headers.get('Cache-Control')).toBe('no-store');
      const thread = (await res.json()) as {
        id: string;
        number: string;
        status: string;
        messages: { author: string; authorName: string | null; body: string; id: string; createdAt: string }[];
      };
      expect(thread).toMatchObject({ id: ticketId, number, status: 'pending' });
      expect(thread.messages.map((m) => [m.author, m.authorName, m.body])).toEqual([
        ['customer', null, 'Mijn pakket is al een week onderweg.'],
        ['agent', 'Sanne de Vries', 'Hallo Jan, ik zoek het voor je uit.'],
      ]);
      expect(JSON.stringify(thread)).not.toContain('geduld');
      expect(JSON.stringify(thread)).not.toContain('track-and-tracelink');
      expect(thread.messages.every((m) => /^\d+$/.test(m.id) && !Number.isNaN(Date.parse(m.createdAt)))).toBe(true);
    });

    it('answers 401 without a token and 404 with another conversation’s token', async () => {
      const { conversation } = await createTicketVia(app());
      const other = await startConversation(app());
      expect((await app().request(`/api/conversations/${conversation.id}/ticket`)).status).toBe(401);
      expect((await app().request(`/api/conversations/${conversation.id}/ticket`, { headers: other.headers })).status).toBe(404);
    });
  });

  describe('POST /api/conversations/:id/ticket/messages', () => {
    const reply = (conversation: TestConversation, body: unknown, headers: Record<string, string> = {}) =>
      post(`/api/conversations/${conversation.id}/ticket/messages`, conversation, body, headers);
    const statusOf = async (ticketId: string) =>
      (await database().db.select({ status: tickets.status }).from(tickets).where(eq(tickets.id, ticketId)))[0]?.status;
    const patch = async (ticketId: string, change: Record<string, unknown>) => {
      const agent = await createTestAgent(database());
      return app().request(`/api/agent/tickets/${ticketId}`, { method: 'PATCH', headers: await agentHeaders(database(), agent), body: JSON.stringify(change) });
    };

    it('adds the customer’s reply to the thread, as text', async () => {
      const { conversation, ticketId } = await createTicketVia(app());
      const res = await reply(conversation, { body: '  <img src=x onerror=alert(1)> nog steeds niets  ' });
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as { id: string };
      const [message] = await database()
        .db.select()
        .from(messages)
        .where(eq(messages.id, Number(id)));
      expect(message).toMatchObject({
        ticketId,
        author: 'customer',
        body: '<img src=x onerror=alert(1)> nog steeds niets',
        internal: false,
        transcript: false,
      });
      // Returned as the same text, in JSON: never turned into or out of HTML.
      const thread = await app().request(`/api/conversations/${conversation.id}/ticket`, { headers: conversation.headers });
      expect(thread.headers.get('Content-Type')).toMatch(/^application\/json/);
      const { messages: shown } = (await thread.json()) as { messages: { id: string; body: string }[] };
      expect(shown.find((m) => m.id === id)?.body).toBe('<img src=x onerror=alert(1)> nog steeds niets');
      const events = await database()
        .db.select()
        .from(ticketEvents)
        .where(and(eq(ticketEvents.ticketId, ticketId), eq(ticketEvents.type, 'customer_replied')));
      expect(events).toHaveLength(1);
    });

    it('moves a pending ticket back to open', async () => {
      const { conversation, ticketId } = await createTicketVia(app());
      const agent = await createTestAgent(database());
      await app().request(`/api/agent/tickets/${ticketId}/replies`, {
        method: 'POST',
        headers: await agentHeaders(database(), agent),
        body: JSON.stringify({ body: 'Is het gelukt?' }),
      });
      expect(await statusOf(ticketId)).toBe('pending');
      expect((await reply(conversation, { body: 'Nee' })).status).toBe(201);
      expect(await statusOf(ticketId)).toBe('open');
    });

    it('reopens a solved ticket, writing the event', async () => {
      const { conversation, ticketId } = await createTicketVia(app());
      expect((await patch(ticketId, { status: 'solved' })).status).toBe(200);
      expect((await reply(conversation, { body: 'Toch niet opgelost' })).status).toBe(201);
      expect(await statusOf(ticketId)).toBe('open');
      const [ticket] = await database().db.select().from(tickets).where(eq(tickets.id, ticketId));
      expect(ticket?.solvedAt).toBeNull();
      const events = await database().db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticketId)).orderBy(ticketEvents.id);
      expect(events.at(-1)).toMatchObject({ type: 'status', actor: 'customer', data: { transition: 'reopen', from: 'solved', to: 'open' } });
    });

    it('answers 409 on a closed ticket', async () => {
      const { conversation, ticketId, number } = await createTicketVia(app());
      expect((await patch(ticketId, { status: 'solved' })).status).toBe(200);
      expect((await patch(ticketId, { status: 'closed' })).status).toBe(200);
      const res = await reply(conversation, { body: 'Hallo?' });
      expect(res.status).toBe(409);
      expect(((await res.json()) as Json).error?.message).toBe(`ticket ${number} is closed; ask for a person again to open a new one`);
    });

    it('answers 404 when there is no ticket, and 404 for another conversation’s token', async () => {
      const lonely = await startConversation(app());
      expect((await reply(lonely, { body: 'Hallo?' })).status).toBe(404);
      const { conversation } = await createTicketVia(app());
      expect((await reply({ ...conversation, headers: lonely.headers }, { body: 'Hallo?' })).status).toBe(404);
    });

    it('posts once per Idempotency-Key, and refuses the key for another text', async () => {
      const { conversation, ticketId } = await createTicketVia(app());
      const key = randomUUID();
      const first = await reply(conversation, { body: 'Een keer' }, { 'idempotency-key': key });
      const again = await reply(conversation, { body: 'Een keer' }, { 'idempotency-key': key });
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(await again.json()).toEqual(await first.json());
      expect((await reply(conversation, { body: 'Iets anders' }, { 'idempotency-key': key })).status).toBe(422);
      const mine = await database()
        .db.select()
        .from(messages)
        .where(and(eq(messages.ticketId, ticketId), eq(messages.body, 'Een keer')));
      expect(mine).toHaveLength(1);
    });

    it.each([
      [{ body: '' }, 'body must not be empty'],
      [{ body: '   ' }, 'body must not be empty'],
      [{ body: 'x'.repeat(5001) }, 'body must be at most 5000 characters'],
      [{}, 'body is required'],
    ])('answers 400 naming body for %j', async (body, message) => {
      const { conversation } = await createTicketVia(app());
      const res = await reply(conversation, body);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: { message, field: 'body' } });
    });
  });

  describe('rate limits', () => {
    const limited = (publicPerMinute: number, trustProxy: number) => testApp(database(), { rateLimits: { ...NO_LIMITS, publicPerMinute }, trustProxy }).app;
    const from = (address: string) => ({ 'x-forwarded-for': address });

    it('answers 429 with Retry-After beyond the limit per client address, counting other addresses apart', async () => {
      const limitedApp = limited(3, 1);
      const address = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
      const other = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
      const conversation = await startConversation(limitedApp, from(address));
      const send = () =>
        limitedApp.request(`/api/conversations/${conversation.id}/signals`, {
          method: 'POST',
          headers: conversation.headers,
          body: JSON.stringify({ signals: [{ key: randomUUID(), type: 'ces', answerId: randomUUID(), articleId: null, score: 1, locale: 'nl' }] }),
        });
      expect((await send()).status).toBe(200);
      expect((await send()).status).toBe(200);
      const refused = await send();
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers.get('Retry-After'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(((await refused.json()) as Json).error?.message).toMatch(/^too many requests; try again in \d+ seconds?$/);
      // Another address is not affected; the help pages' signals from the first share its limit.
      expect((await startConversation(limitedApp, from(other))).id).toBeDefined();
      const search = await limitedApp.request('/api/signals', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...from(address) },
        body: JSON.stringify({ signals: [{ key: randomUUID(), type: 'failed_search', query: 'x', locale: 'nl', resultCount: 0 }] }),
      });
      expect(search.status).toBe(429);
    });

    it('ignores X-Forwarded-For unless a proxy is trusted', async () => {
      const limitedApp = limited(2, 0);
      await database().db.execute(sql`delete from rate_limit_counters where key = 'public:unknown'`);
      const statuses = [];
      for (let n = 1; n <= 3; n++)
        statuses.push(
          (
            await limitedApp.request('/api/conversations', {
              method: 'POST',
              headers: { 'content-type': 'application/json', ...from(`192.0.2.${n}`) },
              body: '{}',
            })
          ).status,
        );
      expect(statuses).toEqual([201, 201, 429]);
    });
  });

  describe('CORS', () => {
    const corsApp = () => testApp(database(), { corsOrigins: ['https://shop.example'] }).app;
    const preflight = (path: string, origin: string) =>
      corsApp().request(path, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, idempotency-key' },
      });

    it('lets a configured origin call the public API', async () => {
      const res = await preflight('/api/conversations/x/signals', 'https://shop.example');
      expect(res.headers.get('Access-Control-Allow-Origin')).toBe('https://shop.example');
      expect(res.headers.get('Access-Control-Allow-Headers')?.toLowerCase()).toContain('idempotency-key');
      expect(res.headers.get('Access-Control-Allow-Credentials')).toBeNull();
    });

    it('does not let other origins in, nor anyone into the agent API', async () => {
      expect((await preflight('/api/conversations', 'https://evil.example')).headers.get('Access-Control-Allow-Origin')).toBeNull();
      expect((await preflight('/api/agent/login', 'https://shop.example')).headers.get('Access-Control-Allow-Origin')).toBeNull();
      expect(
        (
          await testApp(database()).app.request('/api/conversations', {
            method: 'OPTIONS',
            headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' },
          })
        ).headers.get('Access-Control-Allow-Origin'),
      ).toBeNull();
    });
  });
});

/**
 * What the inbox relies on beyond the basic ticket API: replies that post
 * once per Idempotency-Key, assignment and take-over with their events and
 * times, the queue's waiting times and order, search inside messages, and the
 * derived subject. On PGlite and, where available, PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { messages } from '../db/tables.ts';
import { agentHeaders, createTestAgent, createTicketVia, handoffBody, testApp, type TestAgent } from '../test/app.ts';
import { describeOnDatabases } from '../test/database.ts';
import type { TicketDetail, TicketSummary } from './schema.ts';

const marker = () => `m${randomUUID().replace(/-/g, '').slice(0, 10)}`;
const at = () => new Date().toISOString();

describeOnDatabases('the inbox API', (database) => {
  const setup = () => testApp(database());
  const as = async (agent: TestAgent) => agentHeaders(database(), agent);
  type App = ReturnType<typeof setup>['app'];
  const detail = async (app: App, headers: Record<string, string>, id: string) =>
    (await (await app.request(`/api/agent/tickets/${id}`, { headers })).json()) as TicketDetail;
  const list = async (app: App, headers: Record<string, string>, query: string) => {
    const res = await app.request(`/api/agent/tickets?${query}`, { headers });
    expect(res.status).toBe(200);
    return ((await res.json()) as { tickets: TicketSummary[] }).tickets;
  };

  describe('replies with an Idempotency-Key', () => {
    it('posts once and e-mails once however often the same key is sent, even at the same moment', async () => {
      const test = setup();
      const { ticketId } = await createTicketVia(test.app);
      const headers = { ...(await as(await createTestAgent(database()))), 'idempotency-key': randomUUID() };
      const send = () =>
        test.app.request(`/api/agent/tickets/${ticketId}/replies`, { method: 'POST', headers, body: JSON.stringify({ body: 'Het komt morgen.' }) });
      // A double click: two requests at once.
      const [first, second] = await Promise.all([send(), send()]);
      expect([first.status, second.status]).toEqual([201, 201]);
      const ids = [((await first.json()) as { id: string }).id, ((await second.json()) as { id: string }).id];
      expect(ids[0]).toBe(ids[1]);
      const third = await send();
      expect(third.headers.get('idempotent-replayed')).toBe('true');
      expect(((await third.json()) as { id: string }).id).toBe(ids[0]);
      const posted = await database().db.select().from(messages).where(eq(messages.ticketId, ticketId));
      expect(posted.filter((m) => m.author === 'agent')).toHaveLength(1);
      await test.delivered();
      expect(test.mails).toHaveLength(1);
    });

    it('refuses the same key with other text (422), and posts a new key again', async () => {
      const { app } = setup();
      const { ticketId } = await createTicketVia(app);
      const base = await as(await createTestAgent(database()));
      const key = randomUUID();
      const send = (body: string, k: string = key) =>
        app.request(`/api/agent/tickets/${ticketId}/replies`, { method: 'POST', headers: { ...base, 'idempotency-key': k }, body: JSON.stringify({ body }) });
      expect((await send('Eerste')).status).toBe(201);
      const other = await send('Iets anders');
      expect(other.status).toBe(422);
      expect(await other.json()).toMatchObject({ error: { field: 'Idempotency-Key' } });
      expect((await send('Eerste', randomUUID())).status).toBe(201);
      const bad = await send('x', 'met spatie');
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ error: { field: 'idempotency-key' } });
    });

    it('frees the key when the reply is refused, so a retry after fixing it posts', async () => {
      const { app } = setup();
      const { ticketId } = await createTicketVia(app);
      const headers = { ...(await as(await createTestAgent(database()))), 'idempotency-key': randomUUID() };
      const tooLong = await app.request(`/api/agent/tickets/${ticketId}/replies`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ body: 'x'.repeat(5001) }),
      });
      expect(tooLong.status).toBe(400);
      expect(await tooLong.json()).toEqual({ error: { message: 'body must be at most 5000 characters', field: 'body' } });
      expect(
        (await app.request(`/api/agent/tickets/${ticketId}/replies`, { method: 'POST', headers, body: JSON.stringify({ body: 'x'.repeat(5000) }) })).status,
      ).toBe(201);
    });
  });

  describe('assignment', () => {
    it('lists active colleagues by name for the assign control', async () => {
      const { app } = setup();
      const me = await createTestAgent(database(), { name: 'Zoë' });
      const other = await createTestAgent(database(), { name: 'Aart', role: 'admin' });
      const res = await app.request('/api/agent/agents', { headers: await as(me) });
      expect(res.status).toBe(200);
      const { agents } = (await res.json()) as { agents: { id: string; name: string; role: string }[] };
      expect(agents).toContainEqual({ id: other.id, name: 'Aart', role: 'admin' });
      expect(agents.findIndex((a) => a.id === other.id)).toBeLessThan(agents.findIndex((a) => a.id === me.id));
      expect(Object.keys(agents[0] ?? {})).toEqual(['id', 'name', 'role']);
      expect((await app.request('/api/agent/agents')).status).toBe(401);
    });

    it('claims, reassigns, takes over and releases, each an event with its holder and time', async () => {
      const { app } = setup();
      const { ticketId } = await createTicketVia(app);
      const sanne = await createTestAgent(database(), { name: 'Sanne' });
      const pieter = await createTestAgent(database(), { name: 'Pieter' });
      const admin = await createTestAgent(database(), { name: 'Beheer', role: 'admin' });
      const patch = async (agent: TestAgent, body: unknown) =>
        app.request(`/api/agent/tickets/${ticketId}`, { method: 'PATCH', headers: await as(agent), body: JSON.stringify(body) });

      expect((await detail(app, await as(sanne), ticketId)).assignedAt).toBeNull();
      expect((await app.request(`/api/agent/tickets/${ticketId}/claim`, { method: 'POST', headers: await as(sanne) })).status).toBe(200);
      const claimed = await detail(app, await as(sanne), ticketId);
      expect(claimed.assignee).toEqual({ id: sanne.id, name: 'Sanne' });
      expect(Date.now() - Date.parse(claimed.assignedAt ?? '')).toBeLessThan(60_000);
      // An agent cannot take it from a colleague; an admin can.
      expect((await patch(pieter, { assigneeId: pieter.id })).status).toBe(409);
      expect((await patch(admin, { assigneeId: admin.id })).status).toBe(200);
      expect((await patch(admin, { assigneeId: pieter.id })).status).toBe(200);
      expect((await patch(pieter, { assigneeId: null })).status).toBe(200);
      const released = await detail(app, await as(sanne), ticketId);
      expect(released.assignee).toBeNull();
      expect(released.assignedAt).toBeNull();
      expect(released.events.slice(1).map((e) => [e.type, e.actor, e.data])).toEqual([
        ['claimed', 'Sanne', null],
        ['taken_over', 'Beheer', { from: sanne.id, to: admin.id }],
        ['assigned', 'Beheer', { from: admin.id, to: pieter.id }],
        ['unassigned', 'Pieter', { from: pieter.id, to: null }],
      ]);
    });
  });

  describe('the queue', () => {
    it('shows how long the customer waits, oldest waiting first, and marks a customer who wrote last', async () => {
      const { app } = setup();
      const mark = marker();
      const headers = await as(await createTestAgent(database()));
      const older = await createTicketVia(app, handoffBody({ name: `Eerste ${mark}` }));
      const answered = await createTicketVia(app, handoffBody({ name: `Tweede ${mark}` }));
      const newer = await createTicketVia(app, handoffBody({ name: `Derde ${mark}` }));
      const reply = (id: string) =>
        app.request(`/api/agent/tickets/${id}/replies`, { method: 'POST', headers, body: JSON.stringify({ body: 'Kijk ik naar.' }) });
      expect((await reply(answered.ticketId)).status).toBe(201);

      const waiting = await list(app, headers, `q=${mark}`);
      expect(waiting.map((t) => t.id)).toEqual([older.ticketId, newer.ticketId, answered.ticketId]);
      expect(waiting[0]?.waitingSince).toBe(waiting[0]?.createdAt);
      expect(waiting[2]).toMatchObject({ waitingSince: null, customerWroteLast: false });

      // The customer answers back: waiting again since that message, and marked.
      const back = await app.request(`/api/conversations/${answered.conversation.id}/ticket/messages`, {
        method: 'POST',
        headers: answered.conversation.headers,
        body: JSON.stringify({ body: 'Nog steeds niets.' }),
      });
      expect(back.status).toBe(201);
      const after = await list(app, headers, `q=${mark}`);
      const row = after.find((t) => t.id === answered.ticketId);
      expect(row?.customerWroteLast).toBe(true);
      expect(Date.parse(row?.waitingSince ?? '')).toBeGreaterThan(Date.parse(row?.createdAt ?? ''));
      expect(after.map((t) => t.id)).toEqual([older.ticketId, newer.ticketId, answered.ticketId]);

      expect((await list(app, headers, `q=${mark}&sort=newest`)).map((t) => t.id)).toEqual([newer.ticketId, answered.ticketId, older.ticketId]);
      expect((await list(app, headers, `q=${mark}&sort=oldest`)).map((t) => t.id)).toEqual([older.ticketId, answered.ticketId, newer.ticketId]);
      expect((await list(app, headers, `q=${mark}&sort=activity`))[0]?.id).toBe(answered.ticketId);
      const bad = await app.request('/api/agent/tickets?sort=random', { headers });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toEqual({ error: { message: 'sort must be one of waiting, due, newest, oldest, activity', field: 'sort' } });
    });

    it('finds words inside messages, in Dutch and English word forms, the thread and internal notes included', async () => {
      const { app } = setup();
      const headers = await as(await createTestAgent(database()));
      const word = `zoem${marker()}`;
      const dutch = await createTicketVia(
        app,
        handoffBody({ transcript: [{ from: 'customer', text: `De koelkasten maken ${word} geluid`, at: at() }], message: 'Graag hulp' }),
      );
      const english = await createTicketVia(app, handoffBody({ locale: 'en', transcript: [], message: `My ${word} parcels were never delivered` }));
      await app.request(`/api/agent/tickets/${dutch.ticketId}/replies`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ body: `Notitie: klant belde over de vriezer ${word}`, internal: true }),
      });

      const ids = async (q: string) => (await list(app, headers, `q=${encodeURIComponent(q)}`)).map((t) => t.id).sort();
      expect(await ids(word)).toEqual([dutch.ticketId, english.ticketId].sort());
      expect(await ids(`koelkast ${word}`)).toEqual([dutch.ticketId]);
      expect(await ids(`vriezer ${word}`)).toEqual([dutch.ticketId]);
      expect(await ids(`deliver parcel ${word}`)).toEqual([english.ticketId]);
      expect(await ids(`afgeleverd ${word}`)).toEqual([]);
    });

    it('carries the derived subject in the API, not the greeting', async () => {
      const { app } = setup();
      const headers = await as(await createTestAgent(database()));
      const { ticketId } = await createTicketVia(
        app,
        handoffBody({
          transcript: [
            { from: 'customer', text: 'hallo', at: at() },
            { from: 'customer', text: 'mijn cadeaubon wordt geweigerd', at: at() },
          ],
          message: 'human please',
        }),
      );
      expect((await detail(app, headers, ticketId)).subject).toBe('mijn cadeaubon wordt geweigerd');
    });
  });

  it('documents the search `q` and the `sort` of the ticket list in the OpenAPI document', async () => {
    const { app } = setup();
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, { get?: { parameters?: { name: string; in: string; description?: string }[] } }>;
    };
    const parameters = doc.paths['/agent/tickets']?.get?.parameters ?? [];
    expect(parameters.find((p) => p.name === 'q')).toMatchObject({ in: 'query', description: expect.stringContaining('full-text') });
    expect(parameters.find((p) => p.name === 'sort')).toMatchObject({ in: 'query' });
  });

  describe('saved replies', () => {
    it('are listed per locale for every agent and managed by admins only', async () => {
      const { app } = setup();
      const admin = await as(await createTestAgent(database(), { role: 'admin' }));
      const agent = await as(await createTestAgent(database()));
      const title = `Excuses ${marker()}`;
      const add = (headers: Record<string, string>, body: unknown) =>
        app.request('/api/agent/saved-replies', { method: 'POST', headers, body: JSON.stringify(body) });
      expect((await add(agent, { locale: 'nl', title, body: 'Hoi {klant}' })).status).toBe(403);
      const created = await add(admin, { locale: 'nl', title, body: 'Hoi {klant}, sorry voor het wachten. {medewerker}' });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };
      const duplicate = await add(admin, { locale: 'nl', title, body: 'x' });
      expect(duplicate.status).toBe(409);
      expect(await duplicate.json()).toMatchObject({ error: { field: 'title' } });
      const empty = await add(admin, { locale: 'nl', title: ' ', body: 'x' });
      expect(await empty.json()).toEqual({ error: { message: 'title must not be empty', field: 'title' } });

      const listed = async (locale: string) =>
        (
          (await (await app.request(`/api/agent/saved-replies?locale=${locale}`, { headers: agent })).json()) as {
            savedReplies: { id: string; title: string; body: string }[];
          }
        ).savedReplies;
      expect((await listed('nl')).find((r) => r.id === id)).toMatchObject({ title, body: 'Hoi {klant}, sorry voor het wachten. {medewerker}' });
      expect((await listed('en')).find((r) => r.id === id)).toBeUndefined();
      expect((await app.request('/api/agent/saved-replies?locale=de', { headers: agent })).status).toBe(400);

      expect((await app.request(`/api/agent/saved-replies/${id}`, { method: 'DELETE', headers: agent })).status).toBe(403);
      expect((await app.request(`/api/agent/saved-replies/${id}`, { method: 'DELETE', headers: admin })).status).toBe(204);
      expect((await app.request(`/api/agent/saved-replies/${id}`, { method: 'DELETE', headers: admin })).status).toBe(404);
      expect((await listed('nl')).find((r) => r.id === id)).toBeUndefined();
    });
  });
});

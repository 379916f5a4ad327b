/**
 * The saved-replies API behind the admin screen, and the transcript's offers
 * and picks as the inbox reads them back. On PGlite and, where available,
 * PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { agentHeaders, createTestAgent, createTicketVia, handoffBody, postHandoff, startConversation, testApp, type TestAgent } from '../test/app.ts';
import { describeOnDatabases } from '../test/database.ts';
import type { SavedReply } from './saved-replies.ts';
import type { TicketDetail } from './schema.ts';

const marker = () => `m${randomUUID().replace(/-/g, '').slice(0, 10)}`;

describeOnDatabases('saved replies and transcript offers', (database) => {
  const setup = () => testApp(database());
  const as = async (agent: TestAgent) => agentHeaders(database(), agent);

  describe('changing a saved reply (PATCH)', () => {
    it('lets an admin change title, text and language, keeps titles unique per language, and refuses agents', async () => {
      const { app } = setup();
      const admin = await as(await createTestAgent(database(), { role: 'admin' }));
      const agent = await as(await createTestAgent(database()));
      const add = async (body: unknown) =>
        (await (await app.request('/api/agent/saved-replies', { method: 'POST', headers: admin, body: JSON.stringify(body) })).json()) as SavedReply;
      const patch = (id: string, headers: Record<string, string>, body: unknown) =>
        app.request(`/api/agent/saved-replies/${id}`, { method: 'PATCH', headers, body: JSON.stringify(body) });
      const first = await add({ locale: 'nl', title: `Sorry ${marker()}`, body: 'Sorry {klant}' });
      const second = await add({ locale: 'nl', title: `Bedankt ${marker()}`, body: 'Bedankt {klant}' });

      expect((await patch(first.id, agent, { body: 'Hoi' })).status).toBe(403);
      const changed = await patch(first.id, admin, { body: '  Sorry voor het wachten, {klant}. Groet, {medewerker}  ' });
      expect(changed.status).toBe(200);
      expect(await changed.json()).toMatchObject({
        id: first.id,
        title: first.title,
        body: 'Sorry voor het wachten, {klant}. Groet, {medewerker}',
        locale: 'nl',
      });

      // The title of another reply in the same language: 409 naming the field; nothing changed.
      const clash = await patch(first.id, admin, { title: second.title });
      expect(clash.status).toBe(409);
      expect(await clash.json()).toMatchObject({ error: { field: 'title' } });
      // The same title in the other language is fine.
      const moved = await patch(second.id, admin, { locale: 'en', title: first.title });
      expect(moved.status).toBe(200);

      const empty = await patch(first.id, admin, {});
      expect(empty.status).toBe(400);
      expect(await empty.json()).toEqual({ error: { message: 'the request body must change locale, title or body' } });
      const blank = await patch(first.id, admin, { title: '  ' });
      expect(await blank.json()).toEqual({ error: { message: 'title must not be empty', field: 'title' } });
      expect((await patch(randomUUID(), admin, { body: 'x' })).status).toBe(404);
      expect((await patch('not-an-id', admin, { body: 'x' })).status).toBe(404);

      const listed = async (locale: string) =>
        ((await (await app.request(`/api/agent/saved-replies?locale=${locale}`, { headers: agent })).json()) as { savedReplies: SavedReply[] }).savedReplies;
      expect((await listed('nl')).map((r) => r.id)).toContain(first.id);
      expect((await listed('nl')).map((r) => r.id)).not.toContain(second.id);
      expect((await listed('en')).find((r) => r.id === second.id)).toMatchObject({ title: first.title, body: 'Bedankt {klant}' });
    });
  });

  describe('the articles offered and the customer’s pick', () => {
    it('are stored with the transcript and given back to agents in order', async () => {
      const { app } = setup();
      const at = new Date().toISOString();
      const { ticketId } = await createTicketVia(
        app,
        handoffBody({
          transcript: [
            { from: 'customer', text: 'cadeaubon', at },
            {
              from: 'assistant',
              text: 'Bedoel je een van deze?',
              at,
              articleId: 'gift-card-balance',
              action: 'clarify',
              offered: ['gift-card-balance', 'gift-card-expired', 'payment-methods'],
            },
            { from: 'customer', text: 'Cadeaubon verlopen', at, choice: { articleId: 'gift-card-expired' } },
            { from: 'assistant', text: 'Een verlopen cadeaubon…', at, articleId: 'gift-card-expired', action: 'answer', helpful: false },
            { from: 'assistant', text: 'Misschien een van deze?', at, articleId: null, action: 'clarify', offered: ['payment-methods'] },
            { from: 'customer', text: 'Geen van deze', at, choice: { articleId: null } },
          ],
        }),
      );
      const headers = await as(await createTestAgent(database()));
      const detail = (await (await app.request(`/api/agent/tickets/${ticketId}`, { headers })).json()) as TicketDetail;
      expect(detail.transcript.map((m) => [m.offered, m.choice])).toEqual([
        [[], null],
        [['gift-card-balance', 'gift-card-expired', 'payment-methods'], null],
        [[], { articleId: 'gift-card-expired' }],
        [[], null],
        [['payment-methods'], null],
        [[], { articleId: null }],
      ]);
    });

    it('refuses a malformed offer or pick with a 400 naming the field', async () => {
      const { app } = setup();
      const at = new Date().toISOString();
      const send = async (line: Record<string, unknown>) => {
        const res = await postHandoff(app, await startConversation(app), handoffBody({ transcript: [{ from: 'assistant', text: 'x', at, ...line }] }));
        return { status: res.status, body: (await res.json()) as { error: { field?: string } } };
      };
      expect(await send({ offered: 'gift-card-balance' })).toMatchObject({ status: 400, body: { error: { field: 'transcript.0.offered' } } });
      expect(await send({ offered: Array.from({ length: 11 }, (_, i) => `a${i}`) })).toMatchObject({
        status: 400,
        body: { error: { field: 'transcript.0.offered' } },
      });
      expect(await send({ offered: [''] })).toMatchObject({ status: 400, body: { error: { field: 'transcript.0.offered.0' } } });
      expect(await send({ choice: 'gift-card-balance' })).toMatchObject({ status: 400, body: { error: { field: 'transcript.0.choice' } } });
    });
  });
});

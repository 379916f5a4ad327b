/** Presence: two agents on one ticket see each other, typing first; a silent one drops off; leaving is forgotten. */
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { agentHeaders, createTestAgent, createTicketVia, testApp } from '../test/app.ts';
import { describeOnDatabases } from '../test/database.ts';
import { PRESENT_SECONDS, type Colleague } from './presence.ts';

describeOnDatabases('presence', (database) => {
  const say = async (app: ReturnType<typeof testApp>['app'], headers: Record<string, string>, ticketId: string, typing: boolean) => {
    const res = await app.request(`/api/agent/presence/${ticketId}`, { method: 'PUT', headers, body: JSON.stringify({ typing }) });
    expect(res.status).toBe(200);
    return ((await res.json()) as { colleagues: Colleague[] }).colleagues;
  };

  it('shows who else has the ticket open and who is typing, not oneself', async () => {
    const { app } = testApp(database());
    const { ticketId } = await createTicketVia(app);
    const sanne = await createTestAgent(database(), { name: 'Sanne' });
    const ahmed = await createTestAgent(database(), { name: 'Ahmed' });
    const bram = await createTestAgent(database(), { name: 'Bram' });
    const [s, a, b] = await Promise.all([sanne, ahmed, bram].map((agent) => agentHeaders(database(), agent)));

    expect(await say(app, s!, ticketId, false)).toEqual([]);
    expect(await say(app, a!, ticketId, false)).toEqual([{ agentId: sanne.id, name: 'Sanne', typing: false, seenAt: expect.any(String) }]);
    // Sanne types; Bram sees both, the typing one first.
    await say(app, s!, ticketId, true);
    expect((await say(app, b!, ticketId, false)).map((c) => [c.name, c.typing])).toEqual([
      ['Sanne', true],
      ['Ahmed', false],
    ]);
    // Sanne stops typing.
    await say(app, s!, ticketId, false);
    expect((await say(app, b!, ticketId, false)).map((c) => [c.name, c.typing])).toEqual([
      ['Ahmed', false],
      ['Sanne', false],
    ]);

    // Ahmed's inbox went quiet (closed without saying so): after PRESENT_SECONDS he is gone.
    await database().db.execute(
      sql`update ticket_presence set seen_at = now() - make_interval(secs => ${PRESENT_SECONDS + 1}) where agent_id = ${ahmed.id}::uuid`,
    );
    expect((await say(app, b!, ticketId, false)).map((c) => c.name)).toEqual(['Sanne']);
    // Sanne leaves.
    expect((await app.request(`/api/agent/presence/${ticketId}`, { method: 'DELETE', headers: s! })).status).toBe(204);
    expect(await say(app, b!, ticketId, false)).toEqual([]);
  });

  it('answers 404 for no such ticket, 400 naming typing, 401 without a session', async () => {
    const { app } = testApp(database());
    const { ticketId } = await createTicketVia(app);
    const headers = await agentHeaders(database(), await createTestAgent(database()));
    for (const id of ['3f2c1b7e-8a4d-4c1e-9f1a-2b3c4d5e6f70', 'WW-1']) {
      expect((await app.request(`/api/agent/presence/${id}`, { method: 'PUT', headers, body: JSON.stringify({ typing: false }) })).status).toBe(404);
    }
    const bad = await app.request(`/api/agent/presence/${ticketId}`, { method: 'PUT', headers, body: JSON.stringify({ typing: 'ja' }) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: { message: 'typing must be true or false', field: 'typing' } });
    expect(
      (
        await app.request(`/api/agent/presence/${ticketId}`, {
          method: 'PUT',
          body: JSON.stringify({ typing: false }),
          headers: { 'x-requested-with': 'wegwijs' },
        })
      ).status,
    ).toBe(401);
  });
});

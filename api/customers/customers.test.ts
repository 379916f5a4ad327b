/**
 * The customer panel: another ticket of the same e-mail address (any case)
 * with its effort and satisfaction, where the chat was opened, and nothing
 * of another customer (BOLA); erasure takes it away. On PGlite and PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { beforeEach, expect, it } from 'vitest';
import { csatResponses } from '../db/tables.ts';
import { eraseCustomer } from '../privacy/erase.ts';
import { agentHeaders, createTestAgent, createTicketVia, handoffBody, sendSignals, testApp } from '../test/app.ts';
import { describeOnDatabases, emptyTables } from '../test/database.ts';
import type { CustomerPanel } from './schema.ts';

describeOnDatabases('the customer panel', (database) => {
  beforeEach(async () => emptyTables(database()));

  it("shows the customer's other tickets, effort and satisfaction and where they came from, and nothing of anyone else", async () => {
    const { app } = testApp(database());
    const headers = await agentHeaders(database(), await createTestAgent(database()));
    const panelOf = async (ticketId: string) => {
      const res = await app.request(`/api/agent/customers/${ticketId}`, { headers });
      return { status: res.status, panel: res.status === 200 ? ((await res.json()) as CustomerPanel) : null };
    };
    const earlier = await createTicketVia(app, handoffBody({ email: 'Jan.Jansen@Example.nl', message: 'waar blijft me bestelling' }));
    // An effort score in the earlier conversation, and a satisfaction answer on that ticket.
    const ces = await sendSignals(app, earlier.conversation, [{ type: 'ces', answerId: 'a1', articleId: 'track-parcel', score: 5, locale: 'nl' }]);
    expect(ces.ok).toBe(true);
    await database().db.insert(csatResponses).values({ ticketId: earlier.ticketId, score: 2, locale: 'nl', channel: 'email' });
    const other = await createTicketVia(app, handoffBody({ email: 'piet@example.be', name: 'Piet', message: 'factuur klopt nie' }));
    const now = await createTicketVia(
      app,
      handoffBody({
        email: 'jan.jansen@example.nl',
        message: 'nog steeds niks gehoord',
        context: { page: '/nl/bezorging/waar-is-mijn-pakket/', articleId: 'track-parcel', device: 'mobile' },
      }),
    );

    const { panel } = await panelOf(now.ticketId);
    expect(panel).toMatchObject({
      email: 'jan.jansen@example.nl',
      locale: 'nl',
      device: 'mobile',
      entryPage: '/nl/bezorging/waar-is-mijn-pakket/',
      entryArticleId: 'track-parcel',
    });
    expect(panel?.otherTickets.map((t) => t.number)).toEqual([earlier.number]);
    expect(panel?.otherTickets[0]).toMatchObject({ subject: expect.any(String), status: 'open' });
    expect(panel?.effort).toEqual({ average: 5, scores: [expect.objectContaining({ ticketNumber: earlier.number, score: 5, articleId: 'track-parcel' })] });
    expect(panel?.satisfaction).toEqual({ average: 2, scores: [expect.objectContaining({ ticketNumber: earlier.number, score: 2 })] });
    // BOLA: nothing of Piet in Jan's panel, nothing of Jan in Piet's.
    expect(JSON.stringify(panel)).not.toMatch(new RegExp(`piet|factuur|${other.number}|${other.ticketId}`, 'i'));
    const piet = (await panelOf(other.ticketId)).panel;
    expect(piet?.otherTickets).toEqual([]);
    expect(piet?.effort.scores).toEqual([]);
    expect(piet?.satisfaction.scores).toEqual([]);
    expect(JSON.stringify(piet)).not.toMatch(new RegExp(`jan|bestelling|${earlier.number}|${now.number}`, 'i'));
    // Not a ticket: 404, whatever the id looks like; no session: 401.
    expect((await panelOf(randomUUID())).status).toBe(404);
    expect((await panelOf('jan.jansen@example.nl')).status).toBe(404);
    expect((await app.request(`/api/agent/customers/${now.ticketId}`)).status).toBe(401);

    // Erasure: Jan's tickets and everything the panel showed of them are gone; Piet's panel is unchanged.
    await eraseCustomer(database().db, 'JAN.JANSEN@example.nl');
    expect((await panelOf(now.ticketId)).status).toBe(404);
    expect((await panelOf(earlier.ticketId)).status).toBe(404);
    expect((await panelOf(other.ticketId)).panel).toEqual(piet);
  });
});

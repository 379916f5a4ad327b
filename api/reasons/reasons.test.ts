/**
 * Contact reasons: the hand-off records the category and article the
 * assistant associated (from content/), an agent corrects them (with an
 * event; unknown articles refused naming the field), and the report counts
 * tickets and effort per reason. On PGlite and PostgreSQL, with the demo content.
 */
import { beforeEach, expect, it } from 'vitest';
import { REPO_ROOT } from '../start.ts';
import { agentHeaders, createTestAgent, createTicketVia, handoffBody, sendSignals, testApp } from '../test/app.ts';
import { describeOnDatabases, emptyTables } from '../test/database.ts';
import type { ContactReason, ReasonReport } from './schema.ts';

describeOnDatabases('contact reasons', (database) => {
  beforeEach(async () => emptyTables(database()));

  it('come from the assistant, can be corrected by an agent, and are counted with their effort', { timeout: 120_000 }, async () => {
    const { app } = testApp(database(), { contentRoot: REPO_ROOT });
    const headers = await agentHeaders(database(), await createTestAgent(database()));
    const at = new Date().toISOString();
    const offering = (articleId: string) => [
      { from: 'customer', text: 'hoe zit t met me pakket', at },
      { from: 'assistant', text: 'Kijk hier.', at, articleId, action: 'answer' },
    ];
    // The default transcript offers track-parcel (delivery); the second an article about returns.
    const first = await createTicketVia(app, handoffBody());
    const second = await createTicketVia(app, handoffBody({ transcript: offering('return-period') }));
    const third = await createTicketVia(app, handoffBody({ transcript: offering('return-period'), email: 'els@example.be' }));
    expect((await sendSignals(app, third.conversation, [{ type: 'ces', answerId: 'x', articleId: 'return-period', score: 4, locale: 'nl' }])).ok).toBe(true);
    const reasonOf = async (id: string) => (await (await app.request(`/api/agent/reasons/tickets/${id}`, { headers })).json()) as ContactReason;
    expect(await reasonOf(first.ticketId)).toEqual({ categoryId: 'delivery', articleId: 'track-parcel' });
    expect(await reasonOf(second.ticketId)).toEqual({ categoryId: 'returns', articleId: 'return-period' });

    // The agent knows better: it was about a damaged item. The category follows the article.
    const put = (id: string, body: unknown) => app.request(`/api/agent/reasons/tickets/${id}`, { method: 'PUT', headers, body: JSON.stringify(body) });
    const corrected = await put(first.ticketId, { categoryId: null, articleId: 'damaged-or-wrong-item' });
    expect(await corrected.json()).toEqual({ categoryId: 'returns', articleId: 'damaged-or-wrong-item' });
    const detail = (await (await app.request(`/api/agent/tickets/${first.ticketId}`, { headers })).json()) as { events: { type: string; data: unknown }[] };
    expect(detail.events.find((e) => e.type === 'reason')?.data).toEqual({
      from: { categoryId: 'delivery', articleId: 'track-parcel' },
      to: { categoryId: 'returns', articleId: 'damaged-or-wrong-item' },
    });
    const unknown = await put(first.ticketId, { categoryId: null, articleId: 'bestaat-niet' });
    expect(unknown.status).toBe(422);
    expect(await unknown.json()).toMatchObject({ error: { field: 'articleId' } });
    expect(await (await put(first.ticketId, { categoryId: '<b>', articleId: null })).json()).toMatchObject({ error: { field: 'categoryId' } });
    expect(await reasonOf(first.ticketId)).toEqual({ categoryId: 'returns', articleId: 'damaged-or-wrong-item' });

    const report = (await (await app.request('/api/agent/reasons/report', { headers })).json()) as ReasonReport;
    expect(report.reasons).toEqual([
      {
        categoryId: 'returns',
        categoryName: 'Retourneren en terugbetalen',
        articleId: 'return-period',
        articleTitle: expect.any(String),
        tickets: 2,
        effort: { average: 4, scores: 1 },
      },
      {
        categoryId: 'returns',
        categoryName: 'Retourneren en terugbetalen',
        articleId: 'damaged-or-wrong-item',
        articleTitle: expect.any(String),
        tickets: 1,
        effort: { average: null, scores: 0 },
      },
    ]);
    expect((await app.request('/api/agent/reasons/report?from=2026-13-01', { headers })).status).toBe(400);
  });
});

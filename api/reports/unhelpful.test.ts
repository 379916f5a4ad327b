/**
 * What was missing from unhelpful articles, end to end through the API: the
 * signals the article page sends, the content-gap report's `unhelpful`
 * articles (JSON and CSV), and an admin deleting a comment.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { rows } from '../db/query.ts';
import { agentHeaders, createTestAgent, testApp } from '../test/app.ts';
import { describeOnDatabases } from '../test/database.ts';
import type { ContentGaps } from './schema.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');

describeOnDatabases('articles that were not helpful, in the content-gap report', (database) => {
  const setup = () => testApp(database(), { contentRoot: FIXTURES });
  const signal = (articleId: string, locale: string, fields: Record<string, unknown>) => ({ key: `k-${randomUUID()}`, articleId, locale, ...fields });

  it('counts the reasons per article, shows the latest comments as sent, exports them as CSV and lets an admin delete one', async () => {
    const { app } = setup();
    // A file of its own database: only this test's rows are in the period.
    const signals = [
      signal('track-parcel', 'nl', { type: 'article_feedback', helpful: false }),
      signal('track-parcel', 'nl', { type: 'article_feedback', helpful: false }),
      signal('track-parcel', 'nl', { type: 'article_feedback', helpful: false }),
      signal('track-parcel', 'nl', { type: 'article_unhelpful', why: 'no_answer', comment: 'stond niet in wat als de koerier het bij de buren legt' }),
      signal('track-parcel', 'nl', { type: 'article_unhelpful', why: 'no_answer' }),
      signal('track-parcel', 'nl', { type: 'article_unhelpful', why: 'outdated', comment: '=HYPERLINK("x") <script>alert(1)</script> mail jan@example.com' }),
      signal('delivery-times', 'nl', { type: 'article_feedback', helpful: false }),
      signal('gone-article', 'nl', { type: 'article_unhelpful', why: 'unclear', comment: 'snap er niks van' }),
      // Another language: not in the Dutch list.
      signal('track-parcel', 'en', { type: 'article_unhelpful', why: 'other', comment: 'english only' }),
    ];
    const sent = await app.request('/api/signals', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ signals }) });
    expect(sent.status).toBe(200);

    const admin = await agentHeaders(database(), await createTestAgent(database(), { role: 'admin' }));
    const agent = await agentHeaders(database(), await createTestAgent(database()));
    const report = async () => ((await (await app.request('/api/agent/reports/content-gaps?locale=nl', { headers: agent })).json()) as ContentGaps).unhelpful;
    const unhelpful = await report();
    expect(unhelpful.map(({ articleId, title, url, notHelpful, why }) => ({ articleId, title, url, notHelpful, why }))).toEqual([
      {
        articleId: 'track-parcel',
        title: 'Waar is mijn pakket?',
        url: '/nl/bezorging/waar-is-mijn-pakket/',
        notHelpful: 3,
        why: { no_answer: 2, unclear: 0, outdated: 1, other: 0 },
      },
      {
        articleId: 'delivery-times',
        title: 'Levertijden',
        url: expect.stringContaining('/nl/'),
        notHelpful: 1,
        why: { no_answer: 0, unclear: 0, outdated: 0, other: 0 },
      },
      // No longer in content/: named by its id.
      { articleId: 'gone-article', title: 'gone-article', url: null, notHelpful: 0, why: { no_answer: 0, unclear: 1, outdated: 0, other: 0 } },
    ]);
    const comments = unhelpful[0]?.comments ?? [];
    // Newest first (the same insert: the later id); redacted by the API, and kept as text: the page escapes it.
    expect(comments.map((c) => [c.why, c.text])).toEqual([
      ['outdated', '=HYPERLINK("x") <script>alert(1)</script> mail [e-mail]'],
      ['no_answer', 'stond niet in wat als de koerier het bij de buren legt'],
    ]);

    const csv = await app.request('/api/agent/reports/content-gaps?locale=nl&format=csv&table=unhelpful', { headers: agent });
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="wegwijs-unhelpful-articles-nl-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = (await csv.text()).split('\r\n');
    expect(lines[0]).toBe('"articleId","title","url","notHelpful","no_answer","unclear","outdated","other","latestComments"');
    expect(lines[1]).toBe(
      `"track-parcel","Waar is mijn pakket?","/nl/bezorging/waar-is-mijn-pakket/",3,2,0,1,0,"'=HYPERLINK(""x"") <script>alert(1)</script> mail [e-mail] | stond niet in wat als de koerier het bij de buren legt"`,
    );
    expect(lines).toHaveLength(5);

    // Deleting: admins only; the reason stays, the text goes, once.
    const id = comments[0]?.id;
    const remove = (headers: Record<string, string>, which: unknown = id) =>
      app.request(`/api/agent/reports/content-gaps/comments/${which}`, { method: 'DELETE', headers });
    expect((await remove(agent)).status).toBe(403);
    expect((await remove(admin)).status).toBe(204);
    expect(await (await remove(admin)).json()).toEqual({ error: { message: 'there is no such comment (any more)', field: 'id' } });
    expect((await remove(admin, 'abc')).status).toBe(400);
    expect(await (await remove(admin, 'abc')).json()).toEqual({ error: { message: 'id must be the number of a comment', field: 'id' } });
    expect((await remove(admin, '999999999999')).status).toBe(404);
    const after = await report();
    expect(after[0]?.why).toEqual({ no_answer: 2, unclear: 0, outdated: 1, other: 0 });
    expect(after[0]?.comments.map((c) => c.text)).toEqual(['stond niet in wat als de koerier het bij de buren legt']);
    const [row] = await rows<{ comment: string | null; deleted: boolean }>(
      database().db,
      sql`select comment, comment_deleted_at is not null as deleted from article_unhelpful where id = ${id}`,
    );
    expect(row).toEqual({ comment: null, deleted: true });
  });
});

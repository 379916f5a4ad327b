import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loadContent, publishedArticles } from '#core/content/load.node.ts';
import { phrasingSuggestions } from '../db/tables.ts';
import { REPO_ROOT } from '../start.ts';
import { agentHeaders, createTestAgent, testApp } from '../test/app.ts';
import { describeOnDatabases } from '../test/database.ts';
import type { Phrasing } from './schema.ts';

const content = loadContent(REPO_ROOT);
const nlArticle = publishedArticles(content, 'nl').find((a) => a.translationKey === 'track-parcel')!;

/** Letters only: a marker with digits could be redacted as a number. */
const marker = () => `zq${Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')}`;

describeOnDatabases('teaching the assistant', (database) => {
  const setup = async () => {
    const { app } = testApp(database(), { contentRoot: REPO_ROOT });
    const agent = await createTestAgent(database(), { name: 'Sanne' });
    return { app, agent, headers: await agentHeaders(database(), agent) };
  };
  const post = (app: Awaited<ReturnType<typeof setup>>['app'], headers: Record<string, string>, body: unknown) =>
    app.request('/api/agent/phrasings', { method: 'POST', headers, body: JSON.stringify(body) });

  describe('GET /api/agent/articles', () => {
    it('lists the published articles of content/ with the ids the assistant reports, per locale', async () => {
      const { app, headers } = await setup();
      const res = await app.request('/api/agent/articles?locale=nl', { headers });
      expect(res.status).toBe(200);
      expect(res.headers.get('Cache-Control')).toBe('no-store');
      const articles = (await res.json()) as { id: string; locale: string; title: string; categoryId: string; url: string }[];
      expect(articles).toHaveLength(publishedArticles(content, 'nl').length);
      expect(articles.every((a) => a.locale === 'nl')).toBe(true);
      const category = content.categories.find((c) => c.id === nlArticle.category)!;
      expect(articles.find((a) => a.id === 'track-parcel')).toEqual({
        id: 'track-parcel',
        locale: 'nl',
        title: nlArticle.title,
        categoryId: nlArticle.category,
        url: `/nl/${category.nl.slug}/${nlArticle.slug}/`,
      });
      // By title, as a picker shows them.
      expect(articles.map((a) => a.title)).toEqual([...articles.map((a) => a.title)].sort((a, b) => a.localeCompare(b, 'nl')));

      const all = (await (await app.request('/api/agent/articles', { headers })).json()) as unknown[];
      expect(all).toHaveLength(publishedArticles(content).length);
    });

    it('answers 400 naming locale, and 401 without a session', async () => {
      const { app, headers } = await setup();
      const res = await app.request('/api/agent/articles?locale=de', { headers });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: { message: 'locale must be one of nl, en', field: 'locale' } });
      expect((await app.request('/api/agent/articles')).status).toBe(401);
    });
  });

  describe('POST /api/agent/phrasings', () => {
    it('stores the wording redacted of personal data with white space folded, pending, and lists it', async () => {
      const { app, agent, headers } = await setup();
      const mark = marker();
      const res = await post(app, headers, {
        articleId: 'track-parcel',
        locale: 'nl',
        text: `  pakketje ${mark}\n nog niet binnen, mail  jan.jansen@example.nl of bel 06-12345678 `,
        source: 'ticket',
        sourceRef: 'WW-1042',
      });
      expect(res.status).toBe(201);
      const created = (await res.json()) as Phrasing;
      expect(created).toEqual({
        id: expect.stringMatching(/^\d+$/),
        articleId: 'track-parcel',
        locale: 'nl',
        text: `pakketje ${mark} nog niet binnen, mail [e-mail] of bel [phone]`,
        proposedTitle: null,
        source: 'ticket',
        sourceRef: 'WW-1042',
        status: 'pending',
        agent: { id: agent.id, name: 'Sanne' },
        createdAt: expect.any(String),
        pulledAt: null,
        approvedAt: null,
        approvedBy: null,
      });
      const [row] = await database()
        .db.select()
        .from(phrasingSuggestions)
        .where(eq(phrasingSuggestions.id, Number(created.id)));
      expect(row?.text).not.toContain('jan.jansen');
      expect(row?.text).not.toContain('12345678');

      const list = await app.request('/api/agent/phrasings?status=pending&locale=nl', { headers });
      expect(list.status).toBe(200);
      const { phrasings } = (await list.json()) as { phrasings: Phrasing[] };
      expect(phrasings.find((p) => p.id === created.id)).toEqual(created);
      const other = (await (await app.request('/api/agent/phrasings?status=pending&locale=en', { headers })).json()) as { phrasings: Phrasing[] };
      expect(other.phrasings.some((p) => p.id === created.id)).toBe(false);
    });

    it('returns the existing suggestion (200) for the same wording, whatever the case or final question mark, pending or pulled', async () => {
      const { app, headers } = await setup();
      const mark = marker();
      const first = await post(app, headers, { articleId: 'track-parcel', locale: 'nl', text: `Waar blijft ${mark}`, source: 'nomatch' });
      expect(first.status).toBe(201);
      const { id } = (await first.json()) as Phrasing;
      const again = await post(app, headers, { articleId: 'track-parcel', locale: 'nl', text: `waar  BLIJFT ${mark.toUpperCase()}?`, source: 'gap' });
      expect(again.status).toBe(200);
      expect(((await again.json()) as Phrasing).id).toBe(id);
      // Another article, another locale or a proposal is another suggestion.
      expect((await post(app, headers, { articleId: 'delivery-times', locale: 'nl', text: `Waar blijft ${mark}`, source: 'nomatch' })).status).toBe(201);
      expect((await post(app, headers, { articleId: 'track-parcel', locale: 'en', text: `Waar blijft ${mark}`, source: 'nomatch' })).status).toBe(201);
      expect((await post(app, headers, { articleId: null, locale: 'nl', text: `Waar blijft ${mark}`, source: 'nomatch' })).status).toBe(201);

      await database()
        .db.update(phrasingSuggestions)
        .set({ status: 'pulled', pulledAt: new Date() })
        .where(eq(phrasingSuggestions.id, Number(id)));
      const pulled = await post(app, headers, { articleId: 'track-parcel', locale: 'nl', text: `waar blijft ${mark}`, source: 'ticket' });
      expect(pulled.status).toBe(200);
      expect((await pulled.json()) as Phrasing).toMatchObject({ id, status: 'pulled' });
    });

    it('stores a wording attached by several agents at once only once', async () => {
      const { app, headers } = await setup();
      const mark = marker();
      const statuses = await Promise.all(
        Array.from(
          { length: 6 },
          async () => (await post(app, headers, { articleId: 'delivery-times', locale: 'nl', text: `tegelijk ${mark}`, source: 'gap' })).status,
        ),
      );
      expect(statuses.sort()).toEqual([200, 200, 200, 200, 200, 201]);
      const rows = await database()
        .db.select()
        .from(phrasingSuggestions)
        .where(eq(phrasingSuggestions.text, `tegelijk ${mark}`));
      expect(rows).toHaveLength(1);
    });

    it('stores a proposal for a new article with its title', async () => {
      const { app, headers } = await setup();
      const mark = marker();
      const res = await post(app, headers, {
        articleId: null,
        locale: 'en',
        text: `do you sell ${mark}`,
        proposedTitle: ` Selling ${mark} `,
        source: 'search',
      });
      expect(res.status).toBe(201);
      expect(await res.json()).toMatchObject({
        articleId: null,
        locale: 'en',
        text: `do you sell ${mark}`,
        proposedTitle: `Selling ${mark}`,
        source: 'search',
        sourceRef: null,
      });
    });

    it('answers 409 naming text when the article already has the phrasing in content/', async () => {
      const { app, headers } = await setup();
      const existing = nlArticle.questions[0]!;
      const res = await post(app, headers, { articleId: 'track-parcel', locale: 'nl', text: `${existing.toUpperCase()}?`, source: 'ticket' });
      expect(res.status).toBe(409);
      expect(await res.json()).toEqual({ error: { message: `text is already a phrasing of "${nlArticle.title}"`, field: 'text' } });
    });

    it.each([
      ['articleId', { articleId: 'no-such-article' }, 'articleId "no-such-article" is not a published nl article'],
      ['articleId', { articleId: '' }, 'articleId must not be empty (null proposes a new article)'],
      ['articleId', { articleId: undefined }, 'articleId is required'],
      ['text', { text: 'jan.jansen@example.nl 0612345678' }, 'text is empty once personal data is removed; attach the wording without it'],
      ['text', { text: ' \n\t ' }, 'text is empty once personal data is removed; attach the wording without it'],
      ['text', { text: 'ok' }, 'text must be at least 3 characters'],
      ['text', { text: 'waar '.repeat(50) }, "text must be at most 200 characters once personal data is removed (an article's phrasings are short)"],
      ['text', { text: 'nul\u0000byte' }, 'text must not contain NUL characters'],
      ['text', { text: 42 }, 'text must be a string'],
      ['locale', { locale: 'de' }, 'locale must be one of nl, en'],
      ['source', { source: 'email' }, 'source must be one of ticket, nomatch, gap, search'],
      ['sourceRef', { sourceRef: 'jan@example.nl' }, 'sourceRef must be 1 to 100 letters, digits or . _ : / # - (a reference such as WW-1042, not free text)'],
      ['proposedTitle', { proposedTitle: 'Een titel' }, 'proposedTitle is only for a new article (articleId null)'],
      ['proposedTitle', { articleId: null, proposedTitle: '[e-mail]' }, 'proposedTitle must be 3 to 120 characters once personal data is removed'],
    ])('answers 400 naming %s for %j', async (field, change, message) => {
      const { app, headers } = await setup();
      const res = await post(app, headers, { articleId: 'track-parcel', locale: 'nl', text: `een vraag ${marker()}`, source: 'ticket', ...change });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: { message, field } });
    });

    it('answers 403 without the CSRF header and 401 without a session', async () => {
      const { app, headers } = await setup();
      const body = JSON.stringify({ articleId: 'track-parcel', locale: 'nl', text: `een vraag ${marker()}`, source: 'ticket' });
      const { 'x-requested-with': _, ...withoutCsrf } = headers;
      expect((await app.request('/api/agent/phrasings', { method: 'POST', headers: withoutCsrf, body })).status).toBe(403);
      expect(
        (await app.request('/api/agent/phrasings', { method: 'POST', headers: { 'content-type': 'application/json', 'x-requested-with': 'wegwijs' }, body }))
          .status,
      ).toBe(401);
    });
  });

  describe('PATCH /api/agent/phrasings/:id', () => {
    it('rejects a pending suggestion (again: unchanged), so it is no longer pending; a new suggestion of the same wording is stored anew', async () => {
      const { app, headers } = await setup();
      const mark = marker();
      const { id } = (await (
        await post(app, headers, { articleId: 'track-parcel', locale: 'nl', text: `weg ermee ${mark}`, source: 'ticket' })
      ).json()) as Phrasing;
      const patch = () => app.request(`/api/agent/phrasings/${id}`, { method: 'PATCH', headers, body: JSON.stringify({ status: 'rejected' }) });
      const res = await patch();
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ id, status: 'rejected', pulledAt: null });
      expect((await patch()).status).toBe(200);
      const pending = (await (await app.request('/api/agent/phrasings', { headers })).json()) as { phrasings: Phrasing[] };
      expect(pending.phrasings.some((p) => p.id === id)).toBe(false);
      const rejected = (await (await app.request('/api/agent/phrasings?status=rejected', { headers })).json()) as { phrasings: Phrasing[] };
      expect(rejected.phrasings.some((p) => p.id === id)).toBe(true);
      const again = await post(app, headers, { articleId: 'track-parcel', locale: 'nl', text: `weg ermee ${mark}`, source: 'ticket' });
      expect(again.status).toBe(201);
      expect(((await again.json()) as Phrasing).id).not.toBe(id);
    });

    it('answers 409 for a pulled suggestion, 404 for an unknown or malformed id, 400 naming status for another status', async () => {
      const { app, headers } = await setup();
      const { id } = (await (
        await post(app, headers, { articleId: 'track-parcel', locale: 'nl', text: `al binnen ${marker()}`, source: 'ticket' })
      ).json()) as Phrasing;
      await database()
        .db.update(phrasingSuggestions)
        .set({ status: 'pulled', pulledAt: new Date() })
        .where(eq(phrasingSuggestions.id, Number(id)));
      const patch = (target: string, body: unknown = { status: 'rejected' }) =>
        app.request(`/api/agent/phrasings/${target}`, { method: 'PATCH', headers, body: JSON.stringify(body) });
      const pulled = await patch(id);
      expect(pulled.status).toBe(409);
      const [row] = await database()
        .db.select()
        .from(phrasingSuggestions)
        .where(eq(phrasingSuggestions.id, Number(id)));
      expect(row?.status).toBe('pulled');
      expect((await patch('999999999')).status).toBe(404);
      expect((await patch('abc')).status).toBe(404);
      const wrong = await patch(id, { status: 'pulled' });
      expect(wrong.status).toBe(400);
      expect(((await wrong.json()) as { error: { field: string } }).error.field).toBe('status');
    });
  });
});

import { randomUUID } from 'node:crypto';
import { inArray, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { createDatabase } from '../db/database.ts';
import { INTERNAL_ERROR_MESSAGE } from '../http/errors.ts';
import { recordingLogger } from '../test/logger.ts';
import { articleFeedback, articleUnhelpful, failedSearches } from '../db/tables.ts';
import { testApp } from '../test/app.ts';
import { describeOnDatabases } from '../test/database.ts';

const key = () => `k-${randomUUID()}`;
const config = { distDir: '/nonexistent', contentRoot: '/nonexistent', logLevel: 'error' as const };

describeOnDatabases('POST /api/signals', (database) => {
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    testApp(database()).app.request('/api/signals', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('records article feedback and failed searches, each once per key, in the order sent', async () => {
    const [a, b, c] = [key(), key(), key()];
    const mark = randomUUID().replace(/[-\d]/g, '');
    const signals = [
      { key: a, type: 'article_feedback', articleId: 'track-parcel', locale: 'nl', helpful: false, ces: 4 },
      { key: b, type: 'failed_search', query: `  retour   zonder bon ${mark} mail jan@example.nl `, locale: 'en', resultCount: 0 },
      { key: c, type: 'article_feedback', articleId: 'returns-window', locale: 'en', ces: 2 },
      { key: a, type: 'article_feedback', articleId: 'track-parcel', locale: 'nl', helpful: true },
    ];
    const res = await post({ signals });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      results: [
        { key: a, status: 'recorded' },
        { key: b, status: 'recorded' },
        { key: c, status: 'recorded' },
        // The same key later in the batch: the first one counts.
        { key: a, status: 'duplicate' },
      ],
    });
    const feedback = await database()
      .db.select()
      .from(articleFeedback)
      .where(inArray(articleFeedback.idempotencyKey, [a, c]));
    expect(feedback.map((f) => [f.idempotencyKey, f.articleId, f.locale, f.helpful, f.ces]).sort()).toEqual(
      [
        [a, 'track-parcel', 'nl', false, 4],
        [c, 'returns-window', 'en', null, 2],
      ].sort(),
    );
    const searches = await database()
      .db.select()
      .from(failedSearches)
      .where(like(failedSearches.query, `%${mark}%`));
    expect(searches).toHaveLength(1);
    expect(searches[0]).toMatchObject({ query: `retour zonder bon ${mark} mail [e-mail]`, locale: 'en', resultCount: 0, idempotencyKey: b });

    // The whole batch again (a resend after a lost answer): nothing is counted twice.
    const again = await post({ signals });
    expect(((await again.json()) as { results: { status: string }[] }).results.map((r) => r.status)).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
      'duplicate',
    ]);
    expect(
      await database()
        .db.select()
        .from(articleFeedback)
        .where(inArray(articleFeedback.idempotencyKey, [a, c])),
    ).toHaveLength(2);
    expect(
      await database()
        .db.select()
        .from(failedSearches)
        .where(like(failedSearches.query, `%${mark}%`)),
    ).toHaveLength(1);
  });

  it("takes a failed search of exactly 200 characters, only in the site's locales", async () => {
    const query = `${randomUUID().replace(/[-\d]/g, '')} ${'x'.repeat(200)}`.slice(0, 200);
    const res = await post({ signals: [{ key: key(), type: 'failed_search', query, locale: 'nl', resultCount: 0 }] });
    expect(res.status).toBe(200);
    expect(await database().db.select().from(failedSearches).where(like(failedSearches.query, query))).toHaveLength(1);
    const tooLong = await post({ signals: [{ key: key(), type: 'failed_search', query: `${query}y`, locale: 'nl', resultCount: 0 }] });
    expect(await tooLong.json()).toEqual({ error: { message: 'signals[0].query must be at most 200 characters', field: 'signals[0].query' } });
    const dutchOnly = createApp({ config, database: database(), site: { locales: ['nl'], defaultLocale: 'nl' }, logger: recordingLogger() });
    const english = await dutchOnly.request('/api/signals', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ signals: [{ key: key(), type: 'failed_search', query: 'refund', locale: 'en', resultCount: 0 }] }),
    });
    expect(await english.json()).toEqual({ error: { message: 'signals[0].locale must be one of nl', field: 'signals[0].locale' } });
  });

  it('records what was missing from an article once per key, the comment redacted again and an empty one as none', async () => {
    const [a, b] = [key(), key()];
    const signals = [
      {
        key: a,
        type: 'article_unhelpful',
        articleId: 'track-parcel',
        locale: 'nl',
        why: 'no_answer',
        // The browser redacts; the API cannot trust that it did.
        comment: '  koerier  heeft het bij de buren gelegd, mail jan@example.com of bel 06-12345678 <b>nu</b> ',
      },
      { key: b, type: 'article_unhelpful', articleId: 'returns-window', locale: 'en', why: 'outdated', comment: '   ' },
      // A double click that got through: the same key again.
      { key: a, type: 'article_unhelpful', articleId: 'track-parcel', locale: 'nl', why: 'other' },
    ];
    const res = await post({ signals });
    expect(await res.json()).toEqual({
      results: [
        { key: a, status: 'recorded' },
        { key: b, status: 'recorded' },
        { key: a, status: 'duplicate' },
      ],
    });
    expect((await (await post({ signals })).json()) as unknown).toEqual({
      results: [
        { key: a, status: 'duplicate' },
        { key: b, status: 'duplicate' },
        { key: a, status: 'duplicate' },
      ],
    });
    const stored = await database()
      .db.select()
      .from(articleUnhelpful)
      .where(inArray(articleUnhelpful.idempotencyKey, [a, b]));
    expect(stored.map((row) => [row.idempotencyKey, row.articleId, row.locale, row.why, row.comment]).sort()).toEqual(
      [
        // Stored as typed (text, never HTML): the report escapes it when it shows it.
        [a, 'track-parcel', 'nl', 'no_answer', 'koerier heeft het bij de buren gelegd, mail [e-mail] of bel [phone] <b>nu</b>'],
        [b, 'returns-window', 'en', 'outdated', null],
      ].sort(),
    );
  });

  const valid = { key: 'k-12345678', type: 'article_feedback', articleId: 'track-parcel', locale: 'nl', ces: 3 };
  const unhelpful = { key: 'k-12345678', type: 'article_unhelpful', articleId: 'track-parcel', locale: 'nl', why: 'unclear' };
  it.each([
    ['signals', {}, 'signals is required'],
    ['signals', { signals: [] }, 'signals must have at least 1 item'],
    ['signals', { signals: Array.from({ length: 51 }, () => valid) }, 'signals must have at most 50 items'],
    ['signals[0].type', { signals: [{ ...valid, type: 'pageview' }] }, 'signals[0].type must be article_feedback, article_unhelpful or failed_search'],
    ['signals[0].why', { signals: [{ ...unhelpful, why: 'boring' }] }, 'signals[0].why must be one of no_answer, unclear, outdated, other'],
    ['signals[1].why', { signals: [unhelpful, { ...unhelpful, why: undefined }] }, 'signals[1].why is required'],
    ['signals[0].comment', { signals: [{ ...unhelpful, comment: 'x'.repeat(501) }] }, 'signals[0].comment must be at most 500 characters'],
    ['signals[0].comment', { signals: [{ ...unhelpful, comment: 42 }] }, 'signals[0].comment must be a string'],
    ['signals[0].comment', { signals: [{ ...unhelpful, comment: 'a\u0000b' }] }, 'signals[0].comment must not contain NUL characters'],
    ['signals[0].articleId', { signals: [{ ...unhelpful, articleId: '' }] }, 'signals[0].articleId must not be empty'],
    ['signals[1].ces', { signals: [valid, { ...valid, ces: 6 }] }, 'signals[1].ces must be a whole number from 1 to 5'],
    ['signals[2].ces', { signals: [valid, valid, { ...valid, ces: 2.5 }] }, 'signals[2].ces must be a whole number from 1 to 5'],
    [
      'signals[0].helpful',
      { signals: [{ key: 'k-12345678', type: 'article_feedback', articleId: 'x', locale: 'nl' }] },
      'signals[0].helpful is required when ces is missing',
    ],
    ['signals[0].key', { signals: [{ ...valid, key: 'short' }] }, 'signals[0].key must be at least 8 characters'],
    ['signals[0].key', { signals: [{ ...valid, key: 'x'.repeat(101) }] }, 'signals[0].key must be at most 100 characters'],
    ['signals[0].locale', { signals: [{ ...valid, locale: 'de' }] }, 'signals[0].locale must be one of nl, en'],
    [
      'signals[0].query',
      { signals: [{ key: 'k-12345678', type: 'failed_search', query: '  ', locale: 'nl', resultCount: 0 }] },
      'signals[0].query must not be empty',
    ],
    [
      'signals[0].resultCount',
      { signals: [{ key: 'k-12345678', type: 'failed_search', query: 'x', locale: 'nl', resultCount: -1 }] },
      'signals[0].resultCount must be 0 or more',
    ],
  ])('answers 400 naming %s', async (field, body, message) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { message, field } });
  });

  it('stores nothing of a batch with one bad signal', async () => {
    const good = key();
    const res = await post({
      signals: [
        { ...valid, key: good },
        { ...valid, ces: 0 },
      ],
    });
    expect(res.status).toBe(400);
    expect(
      await database()
        .db.select()
        .from(articleFeedback)
        .where(inArray(articleFeedback.idempotencyKey, [good])),
    ).toHaveLength(0);
  });

  it('answers 400 for malformed JSON and 413 for a body over 64 KB', async () => {
    expect((await post('{"signals": [')).status).toBe(400);
    expect((await post({ signals: [{ ...valid, padding: 'x'.repeat(70_000) }] })).status).toBe(413);
  });
});

describe('POST /api/signals when the database fails', () => {
  it('answers a generic 500 and logs the cause, never sending it', async () => {
    // Nothing listens on port 1: every query fails to connect.
    const database = await createDatabase({ kind: 'postgres', url: 'postgres://wegwijs:hunter2@127.0.0.1:1/wegwijs' });
    const logger = recordingLogger();
    try {
      const app = createApp({ config, database, site: { locales: ['nl', 'en'], defaultLocale: 'nl' }, logger });
      const res = await app.request('/api/signals', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ signals: [{ key: key(), type: 'failed_search', query: 'retour', locale: 'nl', resultCount: 0 }] }),
      });
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ error: { message: INTERNAL_ERROR_MESSAGE } });
      expect(text).not.toMatch(/ECONNREFUSED|hunter2|at .*\.ts/);
      expect(logger.lines).toHaveLength(1);
      expect(logger.lines[0]?.message).toMatch(/^POST \/api\/signals \(request [\w-]+\) failed$/);
    } finally {
      await database.close();
    }
  });
});

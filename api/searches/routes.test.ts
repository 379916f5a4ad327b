import { randomInt } from 'node:crypto';
import { like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { createDatabase } from '../db/database.ts';
import { failedSearches } from '../db/schema.ts';
import { INTERNAL_ERROR_MESSAGE } from '../http/errors.ts';
import type { SiteLocales } from '../site-settings.ts';
import { describeOnDatabases, unusedDatabase } from '../test/database.ts';
import { recordingLogger } from '../test/logger.ts';
import { MAX_BODY_BYTES } from './routes.ts';

const site: SiteLocales = { locales: ['nl', 'en'], defaultLocale: 'nl' };
const config = { distDir: '/nonexistent', contentRoot: '/nonexistent', logLevel: 'error' as const };

/** Twelve random letters: finds a test's own row, and (no digits, no @) redaction leaves it alone. */
function marker(): string {
  return Array.from({ length: 12 }, () => String.fromCharCode(97 + randomInt(26))).join('');
}

/** A valid report with a query no other test uses. */
function report(overrides: Record<string, unknown> = {}) {
  return { query: `retour zonder bon ${marker()}`, locale: 'nl', resultCount: 0, ...overrides };
}

function post(app: ReturnType<typeof createApp>, body: unknown, headers: Record<string, string> = {}) {
  return app.request('/api/searches/failed', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describeOnDatabases('POST /api/searches/failed', (database) => {
  const app = () => createApp({ config, database: database(), site, logger: recordingLogger() });

  async function rowsLike(marker: string) {
    return database().db.select().from(failedSearches).where(like(failedSearches.query, `%${marker}%`));
  }

  it('stores the report and answers 202 with no body', async () => {
    const body = report({ locale: 'en', resultCount: 2 });
    const res = await post(app(), body);
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('');
    const rows = await rowsLike(body.query);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ query: body.query, locale: 'en', resultCount: 2 });
    expect(rows[0]?.createdAt).toBeInstanceOf(Date);
    expect(Math.abs(Date.now() - (rows[0]?.createdAt.getTime() ?? 0))).toBeLessThan(60_000);
  });

  it('redacts personal data again before storing, whatever the browser sent', async () => {
    const mark = marker();
    const res = await post(app(), report({ query: `${mark} mail jan.jansen@example.nl of bel 06-12345678 order 98765432` }));
    expect(res.status).toBe(202);
    const [row] = await rowsLike(mark);
    expect(row?.query).toBe(`${mark} mail [e-mail] of bel [phone] order [number]`);
  });

  it('trims the query and folds runs of white space', async () => {
    const mark = marker();
    await post(app(), report({ query: `   waar   is\n mijn\tpakket ${mark}  ` }));
    const [row] = await rowsLike(mark);
    expect(row?.query).toBe(`waar is mijn pakket ${mark}`);
  });

  it('ignores unknown fields', async () => {
    const body = report({ page: '/nl/', sessionId: 'abc' });
    expect((await post(app(), body)).status).toBe(202);
    expect(await rowsLike(body.query)).toHaveLength(1);
  });

  it('accepts a query of exactly 200 characters', async () => {
    const query = `${marker()} ${'x'.repeat(187)}`;
    expect(query).toHaveLength(200);
    expect((await post(app(), report({ query }))).status).toBe(202);
    expect(await rowsLike(query)).toHaveLength(1);
  });

  it.each([
    ['query', { query: undefined }, 'query is required'],
    ['query', { query: '' }, 'query must not be empty'],
    ['query', { query: '   ' }, 'query must not be empty'],
    ['query', { query: 'x'.repeat(201) }, 'query must be at most 200 characters'],
    ['query', { query: 42 }, 'query must be a string'],
    ['locale', { locale: undefined }, 'locale is required'],
    ['locale', { locale: 'de' }, 'locale must be one of nl, en'],
    ['resultCount', { resultCount: undefined }, 'resultCount is required'],
    ['resultCount', { resultCount: -1 }, 'resultCount must be 0 or more'],
    ['resultCount', { resultCount: 1.5 }, 'resultCount must be a whole number'],
    ['resultCount', { resultCount: '3' }, 'resultCount must be a whole number'],
    ['resultCount', { resultCount: 2 ** 31 }, 'resultCount must be at most 2147483647'],
  ])('answers 400 naming %s for %j, and stores nothing', async (field, overrides, message) => {
    const body = report(overrides);
    const res = await post(app(), body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { message, field } });
    if (typeof body.query === 'string' && body.query.length > 10) expect(await rowsLike(body.query)).toHaveLength(0);
  });

  it('answers 400 for a body that is not an object', async () => {
    const res = await post(app(), [report()]);
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: { message: string; field?: string } };
    expect(json.error.message).toMatch(/^the request body /);
    expect(json.error.field).toBeUndefined();
  });

  it('answers 400 for malformed JSON', async () => {
    const res = await post(app(), '{"query": "pakket", ');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { message: 'Malformed JSON in request body' } });
  });

  it('answers 415 for a body that is not JSON', async () => {
    const res = await post(app(), 'query=pakket', { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({ error: { message: 'the request body must be JSON (Content-Type: application/json)' } });
  });

  it('answers 413 for a body over 8 KB, with or without Content-Length', async () => {
    const body = JSON.stringify(report({ padding: 'x'.repeat(MAX_BODY_BYTES) }));
    const withLength: Record<string, string> = { 'Content-Length': String(Buffer.byteLength(body)) };
    for (const headers of [withLength, {}]) {
      const res = await post(app(), body, headers);
      expect(res.status).toBe(413);
      expect(await res.json()).toEqual({ error: { message: `the request body must be at most ${MAX_BODY_BYTES} bytes` } });
    }
  });

  it('only accepts the locales of the site', async () => {
    const dutchOnly = createApp({ config, database: database(), site: { locales: ['nl'], defaultLocale: 'nl' } });
    const res = await post(dutchOnly, report({ locale: 'en' }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { message: 'locale must be one of nl', field: 'locale' } });
  });
});

describe('POST /api/searches/failed when the database fails', () => {
  it('answers a generic 500 and logs the cause, never sending it', async () => {
    // Nothing listens on port 1: every query fails to connect.
    const database = await createDatabase({ kind: 'postgres', url: 'postgres://wegwijs:hunter2@127.0.0.1:1/wegwijs' });
    const logger = recordingLogger();
    try {
      const res = await post(createApp({ config, database, site, logger }), report());
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ error: { message: INTERNAL_ERROR_MESSAGE } });
      expect(text).not.toMatch(/ECONNREFUSED|hunter2|at .*\.ts/);
      expect(logger.lines).toHaveLength(1);
      expect(logger.lines[0]?.message).toMatch(/^POST \/api\/searches\/failed \(request [\w-]+\) failed$/);
      // drizzle wraps the driver's error; the cause says what really happened.
      expect(String((logger.lines[0]?.error as Error | undefined)?.cause)).toMatch(/ECONNREFUSED/);
    } finally {
      await database.close();
    }
  });

  it('validates before it touches the database', async () => {
    const res = await post(createApp({ config, database: unusedDatabase(), site }), report({ locale: 'xx' }));
    expect(res.status).toBe(400);
  });
});

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, describeOnDatabases, testDatabaseUrl } from '../test/database.ts';
import { seedPgliteDataDir } from '../test/pglite-dump.ts';
import { createDatabase, MIGRATIONS_FOLDER, type Database } from './database.ts';
import { rows as rowsOf } from './query.ts';
import { failedSearches } from './tables.ts';

const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };

async function rows<T>(database: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await database.db.execute(query)) as unknown as { rows?: T[] } | T[];
  // PGlite returns { rows }, postgres.js an array.
  return Array.isArray(result) ? result : (result.rows ?? []);
}

describeOnDatabases('migrations', (database) => {
  it('create failed_searches with its index', async () => {
    const indexes = await rows<{ indexdef: string }>(
      database(),
      sql`select indexdef from pg_indexes where tablename = 'failed_searches' and indexname = 'failed_searches_locale_created_at_idx'`,
    );
    expect(indexes).toHaveLength(1);
    expect(indexes[0]?.indexdef).toMatch(/\(locale, created_at\)/);
  });

  it('create the indexes the ticket queue and the one-open-ticket rule rely on', async () => {
    const indexes = await rows<{ indexname: string; indexdef: string }>(
      database(),
      sql`select indexname, indexdef from pg_indexes where tablename = 'tickets'`,
    );
    const byName = Object.fromEntries(indexes.map((i) => [i.indexname, i.indexdef]));
    expect(byName['tickets_status_updated_at_idx']).toMatch(/\(status, updated_at DESC/);
    expect(byName['tickets_assignee_id_status_updated_at_idx']).toMatch(/\(assignee_id, status, updated_at DESC/);
    expect(byName['tickets_one_unresolved_per_conversation_idx']).toMatch(
      /UNIQUE INDEX .*\(conversation_id\) WHERE \(status = ANY \(ARRAY\['open'::text, 'pending'::text\]\)\)/,
    );
  });

  it('create the partial indexes that let the content-gap report read a year from the index alone', async () => {
    const indexes = await rows<{ indexname: string; indexdef: string }>(
      database(),
      sql`select indexname, indexdef from pg_indexes where indexname in ('conversation_events_nomatch_idx', 'conversation_events_not_helpful_idx', 'ces_responses_high_effort_idx', 'article_feedback_gap_idx')`,
    );
    const byName = Object.fromEntries(indexes.map((i) => [i.indexname, i.indexdef]));
    expect(byName['conversation_events_nomatch_idx']).toMatch(/\(locale, created_at, question\) WHERE .*'nomatch'/);
    expect(byName['conversation_events_not_helpful_idx']).toMatch(/\(locale, created_at, article_id\) WHERE .*helpful = false/);
    expect(byName['ces_responses_high_effort_idx']).toMatch(/\(locale, created_at, article_id\) WHERE .*score >= 4/);
    expect(byName['article_feedback_gap_idx']).toMatch(/\(locale, created_at, article_id\) WHERE .*ces >= 4/);
  });

  it('are recorded, so running them again changes nothing', async () => {
    const count = async () => (await rows<{ n: number }>(database(), sql`select count(*)::int as n from drizzle.__drizzle_migrations`))[0]?.n;
    const before = await count();
    expect(before).toBe(journal.entries.length);
    await database().migrate();
    expect(await count()).toBe(before);
  });

  it('let the database itself refuse an unknown locale or a negative count', async () => {
    const insert = (values: Record<string, unknown>) =>
      database().db.execute(
        sql`insert into failed_searches (query, locale, result_count) values (${values['query']}, ${values['locale']}, ${values['resultCount']})`,
      );
    await expect(insert({ query: 'pakket', locale: 'de', resultCount: 0 })).rejects.toThrow();
    await expect(insert({ query: 'pakket', locale: 'nl', resultCount: -1 })).rejects.toThrow();
    await expect(insert({ query: 'pakket', locale: 'nl', resultCount: 0 })).resolves.toBeDefined();
  });

  it('give created_at a default of now', async () => {
    const [row] = await database().db.insert(failedSearches).values({ query: 'standaardtijd', locale: 'en', resultCount: 1 }).returning();
    expect(row?.createdAt).toBeInstanceOf(Date);
    expect(Math.abs(Date.now() - (row?.createdAt.getTime() ?? 0))).toBeLessThan(60_000);
  });

  it('answer ping', async () => {
    await expect(database().ping()).resolves.toBeUndefined();
  });
});

describe('PGlite on disk', () => {
  const dataRoot = mkdtempSync(path.join(tmpdir(), 'wegwijs-pglite-'));
  afterAll(() => rmSync(dataRoot, { recursive: true, force: true }));

  it('keeps its data across restarts and refuses a second user of the folder', { timeout: 120_000 }, async () => {
    const dataDir = path.join(dataRoot, 'pglite');
    // The migrated database laid in from the dump: this test is about the folder and its lock, not initdb and the
    // migrations (a first start on an empty folder is npm start's test, api/start.test.ts).
    await seedPgliteDataDir(dataDir);
    const first = await createDatabase({ kind: 'pglite', dataDir });
    try {
      expect(readFileSync(`${dataDir}.lock`, 'utf8')).toBe(String(process.pid));
      await first.migrate();
      await first.db.insert(failedSearches).values({ query: 'blijft bewaard', locale: 'nl', resultCount: 0 });

      // Another process holds the lock: pid 1 always runs.
      writeFileSync(`${dataDir}.lock`, '1');
      await expect(createDatabase({ kind: 'pglite', dataDir })).rejects.toThrow(
        `Wegwijs: the database in ${dataDir} is in use by process 1; give each copy its own DATA_DIR`,
      );
      writeFileSync(`${dataDir}.lock`, String(process.pid));
    } finally {
      await first.close();
    }
    expect(existsSync(`${dataDir}.lock`)).toBe(false);

    // A lock left by a process that is gone is taken over.
    writeFileSync(`${dataDir}.lock`, '999999999');
    const second = await createDatabase({ kind: 'pglite', dataDir });
    try {
      await second.migrate();
      const stored = await second.db.select().from(failedSearches);
      expect(stored.map((r) => r.query)).toEqual(['blijft bewaard']);
    } finally {
      await second.close();
    }
  });
});

describeOnDatabases('queries', (database, kind) => {
  it.skipIf(kind !== 'postgres')('run as prepared statements on PostgreSQL (one round trip each)', async () => {
    const found = await database().db.transaction(async (tx) => {
      // In a transaction, so both queries use the same connection.
      await tx.select().from(failedSearches).where(sql`${failedSearches.resultCount} > ${0}`);
      return rowsOf<{ n: number }>(tx, sql`select count(*)::int as n from pg_prepared_statements where statement like '%"failed_searches"%'`);
    });
    expect(found[0]?.n).toBeGreaterThan(0);
  });
});

describe.skipIf(testDatabaseUrl() === undefined)('PostgreSQL migrations from several processes at once', () => {
  it('apply once, without failing', { timeout: 60_000 }, async () => {
    // A fresh, migrated database; then drop everything it made so the migrations must run again, from four clients at once.
    const test = await createTestDatabase('postgres');
    try {
      await test.database.db.execute(sql`drop schema public cascade`);
      await test.database.db.execute(sql`create schema public`);
      await test.database.db.execute(sql`drop schema drizzle cascade`);
      const target = await rows<{ db: string }>(test.database, sql`select current_database() as db`);
      const base = new URL(testDatabaseUrl() ?? '');
      base.pathname = `/${target[0]?.db}`;
      const clients = await Promise.all(Array.from({ length: 4 }, () => createDatabase({ kind: 'postgres', url: base.href })));
      try {
        await Promise.all(clients.map((client) => client.migrate()));
        const applied = await rows<{ n: number }>(test.database, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
        expect(applied[0]?.n).toBe(journal.entries.length);
      } finally {
        await Promise.all(clients.map((client) => client.close()));
      }
    } finally {
      await test.drop();
    }
  });
});

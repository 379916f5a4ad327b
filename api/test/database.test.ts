import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../db/database.ts';
import { rows } from '../db/query.ts';
import { canTestOn, createTestDatabase, migratedTemplate, schemaOf, testDatabaseUrl } from './database.ts';

describe.skipIf(!canTestOn('postgres'))('a PostgreSQL test database, copied from the migrated template', () => {
  it('has the same tables, columns, indexes, constraints, sequences and recorded migrations as one migrated from scratch', async () => {
    const url = testDatabaseUrl();
    if (!url) throw new Error('TEST_DATABASE_URL is not set');
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    const name = `wegwijs_scratch_${randomBytes(4).toString('hex')}`;
    await admin.unsafe(`create database "${name}"`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    const fresh = await createDatabase({ kind: 'postgres', url: target.href });
    const copied = await createTestDatabase('postgres');
    try {
      await fresh.migrate();
      const expected = await schemaOf(fresh);
      expect(expected.columns.length).toBeGreaterThan(100);
      expect(expected.migrations.length).toBeGreaterThan(0);
      expect(await schemaOf(copied.database)).toEqual(expected);
      // The template is found again, not made again.
      expect(await migratedTemplate(url)).toBe(await migratedTemplate(url));
    } finally {
      await fresh.close();
      await copied.drop();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  });

  it('is a database of its own: what one test file writes, the next does not see, nor the template', async () => {
    const first = await createTestDatabase('postgres');
    try {
      await first.database.db.execute(sql`insert into failed_searches (query, locale, result_count) values ('alleen hier', 'nl', 0)`);
      // Copied from the template after the write: had the write reached the template, the copy would hold it.
      const second = await createTestDatabase('postgres');
      try {
        const count = async (database: Database) => (await rows<{ n: number }>(database.db, sql`select count(*)::int as n from failed_searches`))[0]?.n;
        expect(await count(first.database)).toBe(1);
        expect(await count(second.database)).toBe(0);
      } finally {
        await second.drop();
      }
    } finally {
      await first.drop();
    }
  });
});

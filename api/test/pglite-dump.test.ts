import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database, MIGRATIONS_FOLDER } from '../db/database.ts';
import { rows } from '../db/query.ts';
import { schemaOf } from './database.ts';
import { migratedPgliteDump, migrationsKey } from './pglite-dump.ts';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe('migrationsKey', () => {
  it('is the same for the same migrations and changes with any migration file', () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'wegwijs-migrations-'));
    temps.push(copy);
    cpSync(MIGRATIONS_FOLDER, copy, { recursive: true });
    expect(migrationsKey(copy)).toBe(migrationsKey());
    writeFileSync(path.join(copy, '9999_later.sql'), 'create table later (id int);');
    expect(migrationsKey(copy)).not.toBe(migrationsKey());
  });
});

describe('a database loaded from the migrated dump', () => {
  it('has the same tables, columns, indexes, constraints, sequences and recorded migrations as one migrated from scratch', async () => {
    const fresh = await createDatabase({ kind: 'pglite', dataDir: null });
    const loaded = await createDatabase({ kind: 'pglite', dataDir: null, loadDataDir: await migratedPgliteDump() });
    try {
      await fresh.migrate();
      const expected = await schemaOf(fresh);
      expect(expected.columns.length).toBeGreaterThan(100);
      expect(expected.migrations.length).toBeGreaterThan(0);
      expect(await schemaOf(loaded)).toEqual(expected);
    } finally {
      await fresh.close();
      await loaded.close();
    }
    // initdb and every migration, the slow path this dump avoids: more than the default 30 s on a loaded 2-core machine.
  }, 180_000);

  it('is a database of its own: what one test file writes, the next does not see', async () => {
    const first = await createDatabase({ kind: 'pglite', dataDir: null, loadDataDir: await migratedPgliteDump() });
    const second = await createDatabase({ kind: 'pglite', dataDir: null, loadDataDir: await migratedPgliteDump() });
    try {
      await first.db.execute(sql`insert into failed_searches (query, locale, result_count) values ('alleen hier', 'nl', 0)`);
      const count = async (database: Database) => (await rows<{ n: number }>(database.db, sql`select count(*)::int as n from failed_searches`))[0]?.n;
      expect(await count(first)).toBe(1);
      expect(await count(second)).toBe(0);
    } finally {
      await first.close();
      await second.close();
    }
  });
});

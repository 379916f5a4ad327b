/**
 * Databases for tests: each test file gets a migrated one of its own.
 *
 * - PGlite: an in-memory instance of the Vitest worker's, loaded once from a
 *   dump of a migrated database (see pglite-dump.ts) and brought back to
 *   that state, checked, between one file and the next (worker-pglite.ts).
 * - PostgreSQL: a fresh database created through `TEST_DATABASE_URL` (a
 *   server where that user may `CREATE DATABASE`) as a copy of a migrated
 *   template (see {@link migratedTemplate}), dropped afterwards. Without
 *   the variable those tests are skipped, unless `REQUIRE_POSTGRES=1` (CI),
 *   which turns the skip into a failure.
 *
 * `.ci/with-postgres <command>` runs a command with a throwaway cluster and
 * `TEST_DATABASE_URL` set.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe } from 'vitest';
import { createDatabase, type Database } from '../db/database.ts';
import { rows } from '../db/query.ts';
import { migrationsKey } from './pglite-dump.ts';
import { leaseWorkerPglite } from './worker-pglite.ts';

/** The databases the suites run on. */
export const TEST_DATABASE_KINDS = ['pglite', 'postgres'] as const;

/** One of {@link TEST_DATABASE_KINDS}. */
export type TestDatabaseKind = (typeof TEST_DATABASE_KINDS)[number];

/** A migrated database that belongs to one test file (until {@link TestDatabase.drop}). */
export interface TestDatabase {
  database: Database;
  /** On PostgreSQL: the database's URL, for processes of their own (server tests). */
  url?: string;
  /** On PostgreSQL closes and drops it; PGlite's goes back to the worker, reset (closed if the file closed it or changed what a reset undoes). */
  drop(): Promise<void>;
}

/** `TEST_DATABASE_URL`, or undefined when unset or empty. */
export function testDatabaseUrl(): string | undefined {
  return process.env['TEST_DATABASE_URL'] || undefined;
}

/** Whether suites on `kind` run here; otherwise they are skipped. */
export function canTestOn(kind: TestDatabaseKind): boolean {
  return kind === 'pglite' || testDatabaseUrl() !== undefined || process.env['REQUIRE_POSTGRES'] === '1';
}

/** Creates and migrates a database of `kind` for one test file. */
export async function createTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    return leaseWorkerPglite();
  }
  const url = testDatabaseUrl();
  if (url === undefined) throw new Error('Wegwijs tests: REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set (run through .ci/with-postgres)');
  const name = `wegwijs_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}" template "${await migratedTemplate(url)}"`);
  } catch (error) {
    await admin.end();
    throw error;
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  let database: Database | undefined;
  try {
    database = await createDatabase({ kind: 'postgres', url: target.href });
    await database.migrate();
  } catch (error) {
    await database?.close();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
    throw error;
  }
  const opened = database;
  return {
    database: opened,
    url: target.href,
    async drop() {
      await opened.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

/** This process's template (one per set of migrations), once made or found. */
let template: { url: string; name: Promise<string> } | undefined;

/**
 * The name of a database on the server at `url` that holds every migration
 * and nothing else, made by the first test file that asks (in any worker:
 * an advisory lock makes the others wait for it, then find it). Each test
 * file's database is a copy of it (`create database … template …`), a file
 * copy on the server, instead of running every migration again: about 2 s
 * per file on a 2-core machine. Named by {@link migrationsKey}, so a new
 * migration makes a new template; the throwaway cluster of
 * `.ci/with-postgres` takes them all along when it goes.
 */
export function migratedTemplate(url: string): Promise<string> {
  if (template?.url === url) return template.name;
  const name = `wegwijs_template_${migrationsKey()}`;
  const made = (async () => {
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    try {
      // Session-level lock on the server's maintenance database: one maker at a time across the workers.
      await admin`select pg_advisory_lock(hashtext(${name}))`;
      const [found] = await admin`select 1 from pg_database where datname = ${name}`;
      if (!found) {
        // Made under another name and renamed when complete: a crashed maker leaves no half-migrated template.
        const building = `${name}_${process.pid}_${randomBytes(4).toString('hex')}`;
        await admin.unsafe(`create database "${building}"`);
        const target = new URL(url);
        target.pathname = `/${building}`;
        const database = await createDatabase({ kind: 'postgres', url: target.href });
        try {
          await database.migrate();
        } finally {
          await database.close();
        }
        await admin.unsafe(`alter database "${building}" rename to "${name}"`);
      }
      await admin`select pg_advisory_unlock(hashtext(${name}))`;
      return name;
    } finally {
      await admin.end();
    }
  })();
  template = { url, name: made };
  // A failure is reported to every file that asked; the next one tries again.
  made.catch(() => {
    if (template?.name === made) template = undefined;
  });
  return made;
}

/**
 * Registers `beforeAll`/`afterAll` for a database of `kind` in the current
 * suite; the returned function gives it to the tests.
 */
export function useTestDatabase(kind: TestDatabaseKind): () => Database {
  let test: TestDatabase | undefined;
  beforeAll(async () => {
    test = await createTestDatabase(kind);
  }, 120_000);
  afterAll(async () => {
    await test?.drop();
  });
  return () => {
    if (!test) throw new Error('Wegwijs tests: the test database is not ready (did beforeAll fail?)');
    return test.database;
  };
}

/**
 * Defines the suite `name` once per database kind, e.g. "failed searches
 * (pglite)" and "failed searches (postgres)"; a kind that cannot run here is
 * reported as skipped.
 *
 * @example
 * describeOnDatabases('failed searches', (database) => {
 *   it('stores one', async () => { await recordFailedSearch(database().db, report); });
 * });
 */
export function describeOnDatabases(name: string, suite: (database: () => Database, kind: TestDatabaseKind) => void): void {
  for (const kind of TEST_DATABASE_KINDS) {
    describe.skipIf(!canTestOn(kind))(`${name} (${kind})`, () => {
      suite(useTestDatabase(kind), kind);
    });
  }
}

/**
 * A stand-in for tests that never reach the database (static files, the
 * redirect): it fails loudly if they do.
 */
export function unusedDatabase(kind: TestDatabaseKind = 'pglite'): Database {
  const fail = () => Promise.reject(new Error('Wegwijs tests: this test was not meant to use the database'));
  const db = new Proxy({} as Database['db'], {
    get() {
      throw new Error('Wegwijs tests: this test was not meant to use the database');
    },
  });
  return { kind, db, migrate: fail, ping: fail, close: () => Promise.resolve() };
}

/**
 * Empties every table the API writes (not the migrations' record, which lives
 * in drizzle's own schema), so the tests of one file can share one database
 * and still start clean. The list is read from the catalogue so that a table
 * added by a later migration can never be forgotten here.
 */
export async function emptyTables(database: Database): Promise<void> {
  const tables = await rows<{ table_name: string }>(
    database.db,
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  const names = tables.map((table) => `"${table.table_name}"`);
  if (names.length === 0) return;
  await database.db.execute(sql.raw(`truncate table ${names.join(', ')}`));
}

/**
 * What a database's schema is made of, to compare a copied or loaded database with one migrated from
 * scratch: columns, indexes, constraints, applied migrations and the public sequences (drizzle's
 * migration-id sequence is WAL-logged 32 ahead, so a dump of it reads 33, not 7).
 */
export async function schemaOf(database: Database) {
  return {
    columns: await rows<Record<string, unknown>>(
      database.db,
      sql`select table_schema, table_name, column_name, data_type, is_nullable, column_default from information_schema.columns
          where table_schema in ('public', 'drizzle') order by 1, 2, 3`,
    ),
    indexes: await rows<Record<string, unknown>>(
      database.db,
      sql`select schemaname, indexname, indexdef from pg_indexes where schemaname in ('public', 'drizzle') order by 1, 2`,
    ),
    constraints: await rows<Record<string, unknown>>(
      database.db,
      sql`select conname, pg_get_constraintdef(oid) as definition from pg_constraint where connamespace = 'public'::regnamespace order by 1`,
    ),
    migrations: await rows<Record<string, unknown>>(database.db, sql`select hash, created_at from drizzle.__drizzle_migrations order by id`),
    sequences: await rows<Record<string, unknown>>(
      database.db,
      sql`select sequencename, start_value, last_value from pg_sequences where schemaname = 'public' order by 1`,
    ),
  };
}

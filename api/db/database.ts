/**
 * One way to reach the database, whichever it is: embedded PGlite (the
 * default, files in `DATA_DIR/pglite`, or in memory for tests) or a
 * PostgreSQL server through postgres.js. Both speak PostgreSQL, so the
 * schema, the migrations and every query are the same.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Sql } from 'postgres';
import * as tables from './tables.ts';

/** Where the data lives. */
export type DatabaseTarget =
  /**
   * Embedded PostgreSQL (PGlite); `dataDir: null` keeps everything in memory (tests).
   * `loadDataDir`: a `dumpDataDir()` tarball to start from instead of an empty database (tests: a migrated one).
   */
  | { kind: 'pglite'; dataDir: string | null; loadDataDir?: Blob }
  /**
   * A PostgreSQL server (15 or newer). `onQuery`, when given, is told every
   * statement sent (benchmarks count the statements and round trips of a request).
   */
  | { kind: 'postgres'; url: string; onQuery?: (query: string) => void };

/** The drizzle database every service queries; the same type for both drivers. */
export type Db = PgDatabase<PgQueryResultHKT, typeof tables>;

/** An open database. */
export interface Database {
  /** Which driver is behind {@link Database.db}. */
  readonly kind: DatabaseTarget['kind'];
  /** Drizzle, with the tables attached (its `schema` option). */
  readonly db: Db;
  /** Applies the migrations in `api/db/migrations/` that have not run yet. Safe to call from several processes at once. */
  migrate(): Promise<void>;
  /** Resolves when the database answers a trivial query within `timeoutMs` (default 2000); rejects otherwise. */
  ping(timeoutMs?: number): Promise<void>;
  /** Closes connections (and frees the data folder of PGlite). Safe to call twice. */
  close(): Promise<void>;
}

/** Folder of the generated migrations. */
export const MIGRATIONS_FOLDER = path.join(import.meta.dirname, 'migrations');

// Any constant works as long as it is the same in every process; it serializes migrations across processes.
const MIGRATION_LOCK = 0x7765_6777;

/**
 * Opens the database described by `target`.
 *
 * @example
 * const database = await createDatabase(config.database);
 * await database.migrate();
 * await database.db.select().from(failedSearches);
 * await database.close();
 */
export async function createDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === 'pglite' ? openPglite(target.dataDir, target.loadDataDir) : openPostgres(target.url, target.onQuery);
}

// Each driver is imported when it is used: a process needs one of the two, and start-up time matters.

async function openPglite(dataDir: string | null, loadDataDir: Blob | undefined): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const releaseLock = dataDir === null ? () => {} : lockDataDir(dataDir);
  let client: PGlite;
  try {
    client = await PGlite.create({ ...(dataDir === null ? {} : { dataDir }), ...(loadDataDir ? { loadDataDir } : {}) });
  } catch (error) {
    releaseLock();
    throw error;
  }
  return pgliteDatabase(client, async () => {
    await client.close();
    releaseLock();
  });
}

/**
 * A {@link Database} over an open PGlite `client`; its `close()` calls
 * `close` once. Tests hand one client to file after file under a new
 * Database each time (api/test/worker-pglite.ts).
 */
export async function pgliteDatabase(client: PGlite, close: () => Promise<void>): Promise<Database> {
  const [{ drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([import('drizzle-orm/pglite'), import('drizzle-orm/pglite/migrator')]);
  const db = drizzlePglite({ client, schema: tables });
  let closed = false;
  return {
    kind: 'pglite',
    db,
    migrate: () => migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER }),
    ping: (timeoutMs) => withTimeout(client.query('select 1'), timeoutMs),
    async close() {
      if (closed) return;
      closed = true;
      await close();
    },
  };
}

async function openPostgres(url: string, onQuery?: (query: string) => void): Promise<Database> {
  const [{ default: postgres }, { drizzle: drizzlePostgres }, { migrate: migratePostgres }] = await Promise.all([
    import('postgres'),
    import('drizzle-orm/postgres-js'),
    import('drizzle-orm/postgres-js/migrator'),
  ]);
  // Notices ("schema already exists, skipping") are not problems; postgres.js would print them.
  const options = { onnotice: () => {} };
  const client = postgres(url, { ...options, ...(onQuery ? { debug: (_connection: number, query: string) => onQuery(query) } : {}) });
  const db = drizzlePostgres({ client: preparing(client), schema: tables });
  let closed = false;
  return {
    kind: 'postgres',
    db,
    async migrate() {
      // Every API process migrates at start. One connection holds an advisory
      // lock for the whole run, so two processes never apply the same migration.
      const single = postgres(url, { ...options, max: 1 });
      try {
        await single`select pg_advisory_lock(${MIGRATION_LOCK})`;
        await migratePostgres(drizzlePostgres({ client: single }), { migrationsFolder: MIGRATIONS_FOLDER });
        await single`select pg_advisory_unlock(${MIGRATION_LOCK})`;
      } finally {
        await single.end({ timeout: 5 });
      }
    },
    ping: (timeoutMs) => withTimeout(db.execute(sql`select 1`), timeoutMs),
    async close() {
      if (closed) return;
      closed = true;
      await client.end({ timeout: 5 });
    },
  };
}

/**
 * The postgres.js client with every query run as a prepared statement.
 *
 * drizzle calls `client.unsafe(query, params, { prepare: false })` for every
 * query without a name, and postgres.js then asks the server for the
 * parameter types before each execution: two round trips per query. As a
 * prepared statement (cached per connection after its first use) a query is
 * one round trip, which halves the latency of every request and doubles what
 * the hot paths (effort scores, hand-offs) can take. See
 * drizzle-team/drizzle-orm#6096. Transactions and savepoints hand out clients
 * of their own; those are wrapped too.
 */
function preparing<T extends Sql>(sql: T): T {
  return new Proxy(sql, {
    get(target, property, receiver) {
      if (property === 'unsafe') {
        return (query: string, params?: unknown[], options?: object) => target.unsafe(query, params as never, { ...options, prepare: true });
      }
      if (property === 'begin' || property === 'savepoint') {
        return (...args: unknown[]) => {
          const body = args.pop() as (sql: Sql) => unknown;
          return (Reflect.get(target, property, receiver) as (...a: unknown[]) => unknown)(...args, (inner: Sql) => body(preparing(inner)));
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

/**
 * PGlite has no lock of its own: two processes on one data folder would both
 * write to it and corrupt it. A lock file next to the folder, holding the
 * owner's pid, lets the second copy stop with a clear message instead.
 * A lock left by a process that no longer runs is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const lockFile = `${dataDir}.lock`;
  mkdirSync(path.dirname(lockFile), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);
      if (owner !== process.pid && isRunning(owner)) {
        throw new Error(
          `Wegwijs: the database in ${dataDir} is in use by process ${owner}; give each copy its own DATA_DIR (or delete ${lockFile} if that process is not Wegwijs)`,
        );
      }
      rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`Wegwijs: could not lock ${dataDir}; another copy is starting on the same DATA_DIR`);
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function withTimeout(query: Promise<unknown>, timeoutMs = 2000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`database did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

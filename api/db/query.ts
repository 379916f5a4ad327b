/**
 * Small helpers over drizzle that every domain uses: one type for "a
 * database or a transaction", raw rows from either driver, and recognising
 * the constraint errors PostgreSQL raises.
 */
import type { SQL } from 'drizzle-orm';
import type { Db } from './database.ts';

/** An open transaction on {@link Db}. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Where a query can run: the database itself or a transaction on it. */
export type Executor = Db | Tx;

/**
 * Runs a raw SQL query and returns its rows, whichever driver is behind `db`
 * (PGlite answers `{ rows }`, postgres.js an array). For the few queries the
 * query builder cannot say in one statement (data-modifying CTEs).
 */
export async function rows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}

/** SQLSTATE of a unique violation (PostgreSQL, Appendix A). */
const UNIQUE_VIOLATION = '23505';

/**
 * Whether `error` is PostgreSQL refusing a duplicate in unique index
 * `constraint` (any unique index when omitted). drizzle wraps the driver's
 * error, so its cause is looked at too.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let current = error, depth = 0; current instanceof Object && depth < 4; current = (current as { cause?: unknown }).cause, depth++) {
    const { code, constraint: name, constraint_name: postgresName } = current as { code?: unknown; constraint?: unknown; constraint_name?: unknown };
    if (code === UNIQUE_VIOLATION) return constraint === undefined || name === constraint || postgresName === constraint;
  }
  return false;
}

/**
 * The SQLSTATE PostgreSQL refused a statement with (e.g. one raised by
 * `wegwijs_refuse`, migration 0016), looking through drizzle's wrapping;
 * undefined for an error that is not the database's.
 */
export function sqlStateOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Object && depth < 4; current = (current as { cause?: unknown }).cause, depth++) {
    const { code } = current as { code?: unknown };
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

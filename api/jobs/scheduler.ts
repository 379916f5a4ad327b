/**
 * Jobs that run once a day across every API process (retention, the daily
 * digest, the report rollup). Each process checks at every housekeeping tick (api/maintenance.ts); a job
 * runs in the process that first claims it for the day with one atomic upsert on
 * `scheduled_jobs` ("set last_run_at to now where it is before today"). The
 * others find it claimed and do nothing. A run that fails gives its claim
 * back, so the next check (here or elsewhere) tries again.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { rows } from '../db/query.ts';
import type { Logger } from '../log.ts';

/** A job that runs once per UTC day. */
export interface DailyJob {
  /** Its row in `scheduled_jobs`. */
  name: string;
  /** Does the work; what it resolves to is stored as `last_result` (counts, never personal data). */
  run(db: Db, now: Date): Promise<Record<string, unknown>>;
}

/** Midnight UTC of the day `now` is in. */
export function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/**
 * Claims job `name` for the UTC day of `now`: true for exactly one caller per
 * day, whichever process it runs in. Returns what to restore if the run fails
 * (the previous `last_run_at`, or null when it never ran).
 */
export async function claimDailyJob(db: Db, name: string, now: Date = new Date()): Promise<{ previous: Date | null } | null> {
  const [claimed] = await rows<{ previous: string | Date | null }>(
    db,
    sql`with old as (select last_run_at from scheduled_jobs where name = ${name})
        insert into scheduled_jobs (name, last_run_at) values (${name}, ${now.toISOString()}::timestamptz)
        on conflict (name) do update set last_run_at = excluded.last_run_at
          where scheduled_jobs.last_run_at < ${startOfUtcDay(now).toISOString()}::timestamptz
        returning (select last_run_at from old) as previous`,
  );
  if (!claimed) return null;
  return { previous: claimed.previous === null ? null : new Date(claimed.previous) };
}

/** Gives a claim back after a failed run, unless someone claimed it again since. */
async function releaseClaim(db: Db, name: string, now: Date, previous: Date | null): Promise<void> {
  if (previous === null) await db.execute(sql`delete from scheduled_jobs where name = ${name} and last_run_at = ${now.toISOString()}::timestamptz`);
  else
    await db.execute(
      sql`update scheduled_jobs set last_run_at = ${previous.toISOString()}::timestamptz where name = ${name} and last_run_at = ${now.toISOString()}::timestamptz`,
    );
}

/**
 * Runs every job in `jobs` that has not run today (UTC) anywhere yet.
 * Resolves to the names of the jobs this call ran. A failing job is logged
 * and released; the others still run.
 */
export async function runDueJobs(db: Db, jobs: readonly DailyJob[], logger: Logger, now: Date = new Date()): Promise<string[]> {
  const ran: string[] = [];
  for (const job of jobs) {
    const claim = await claimDailyJob(db, job.name, now);
    if (!claim) continue;
    try {
      const result = await job.run(db, now);
      await db.execute(sql`update scheduled_jobs set last_result = ${JSON.stringify(result)}::jsonb where name = ${job.name}`);
      logger.info(`${job.name}: done ${JSON.stringify(result)}`);
      ran.push(job.name);
    } catch (error) {
      logger.warn(`${job.name}: failed, will try again: ${error instanceof Error ? error.message : String(error)}`);
      await releaseClaim(db, job.name, now, claim.previous).catch(() => {});
    }
  }
  return ran;
}

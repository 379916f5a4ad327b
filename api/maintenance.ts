/**
 * Housekeeping every API process does now and then: forgetting expired
 * sessions, old rate-limit windows and day-old idempotency keys (deletes
 * are idempotent, so several processes doing it at once is harmless), and
 * running the daily jobs that are due (the database lets one process run
 * each, see jobs/scheduler.ts).
 */
import { sweepSessions } from './agents/sessions.ts';
import type { Db } from './db/database.ts';
import { runDueJobs, type DailyJob } from './jobs/scheduler.ts';
import { IDEMPOTENCY_KEY_TTL_MS, sweepIdempotencyKeys } from './http/idempotency.ts';
import { sweepRateLimits } from './http/rate-limit.ts';
import type { Logger } from './log.ts';

/** How often {@link startMaintenance} sweeps, in ms. */
export const MAINTENANCE_INTERVAL_MS = 10 * 60 * 1000;

// Longer than the longest rate-limit window (15 minutes).
const RATE_LIMIT_RETENTION_MS = 60 * 60 * 1000;

/** Deletes what has expired, as of `now` (ms). */
export async function sweepExpired(db: Db, now: number = Date.now()): Promise<void> {
  await sweepSessions(db, new Date(now));
  await sweepRateLimits(db, new Date(now - RATE_LIMIT_RETENTION_MS));
  await sweepIdempotencyKeys(db, new Date(now - IDEMPOTENCY_KEY_TTL_MS));
}

/**
 * Sweeps and checks `jobs` shortly after start (`firstDelayMs`, default
 * 30 s) and then every `intervalMs` (default {@link MAINTENANCE_INTERVAL_MS});
 * returns the function that stops it. The timers do not keep the process
 * alive.
 */
export function startMaintenance(
  db: Db,
  logger: Logger,
  { jobs = [], intervalMs = MAINTENANCE_INTERVAL_MS, firstDelayMs = 30_000 }: { jobs?: readonly DailyJob[]; intervalMs?: number; firstDelayMs?: number } = {},
): () => void {
  let running = false;
  const tick = () => {
    // A long retention run must not overlap the next tick in the same process.
    if (running) return;
    running = true;
    const failed = (what: string) => (error: unknown) => logger.warn(`maintenance: ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
    sweepExpired(db)
      .catch(failed('sweeping expired rows'))
      .then(() => runDueJobs(db, jobs, logger))
      .catch(failed('checking the daily jobs'))
      .finally(() => {
        running = false;
      });
  };
  const first = setTimeout(tick, firstDelayMs);
  const timer = setInterval(tick, intervalMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}

/**
 * Housekeeping every API process does now and then: forgetting expired
 * sessions, old rate-limit windows and day-old idempotency keys. Deletes are
 * idempotent, so several processes doing it at once is harmless.
 */
import { sweepSessions } from './agents/sessions.ts';
import type { Db } from './db/database.ts';
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
 * Sweeps every {@link MAINTENANCE_INTERVAL_MS}; returns the function that
 * stops it. The timer does not keep the process alive.
 */
export function startMaintenance(db: Db, logger: Logger, intervalMs: number = MAINTENANCE_INTERVAL_MS): () => void {
  const timer = setInterval(() => {
    sweepExpired(db).catch((error: unknown) => logger.warn(`maintenance: sweeping expired rows failed: ${error instanceof Error ? error.message : String(error)}`));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

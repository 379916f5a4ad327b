/** Scheduled jobs shared by every API process. */
import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Scheduled jobs (retention, daily digest, report rollup): when each last ran, so that of
 * several API processes only one runs a job per period.
 */
export const scheduledJobs = pgTable('scheduled_jobs', {
  name: text('name').primaryKey(),
  lastRunAt: timestamp('last_run_at', { withTimezone: true }).notNull(),
  /** What the last run did, e.g. `{ conversations: 12, tickets: 3 }`. */
  lastResult: jsonb('last_result'),
});

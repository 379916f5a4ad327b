/**
 * The daily digest: once a day (see api/jobs/scheduler.ts) yesterday's
 * figures go to every webhook subscribed to `digest.daily`.
 */
import type { DailyJob } from '../jobs/scheduler.ts';
import { enqueueWebhooks } from './enqueue.ts';

/** The UTC day before `now`, as YYYY-MM-DD. */
export function previousUtcDay(now: Date): string {
  return new Date(now.getTime() - 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/** The scheduled job that enqueues yesterday's digest. */
export const digestJob: DailyJob = {
  name: 'digest.daily',
  async run(db, now) {
    const day = previousUtcDay(now);
    await enqueueWebhooks(db, { type: 'digest.daily', day });
    return { day };
  },
};

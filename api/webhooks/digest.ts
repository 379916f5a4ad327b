/**
 * The daily digest: once a day (see api/jobs/scheduler.ts) yesterday's
 * figures go to every webhook subscribed to `digest.daily`.
 */
import type { DailyJob } from '../jobs/scheduler.ts';
import { enqueueWebhooks } from './enqueue.ts';
import { DAY_MS, utcDay } from '#core/util/days.ts';

/** The UTC day before `now`, as YYYY-MM-DD. */
export function previousUtcDay(now: Date): string {
  return utcDay(now.getTime() - DAY_MS);
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

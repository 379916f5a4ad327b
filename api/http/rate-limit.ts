/**
 * Rate limits in the database, so every API process counts together: fixed
 * windows, one counter row per limit, client and window. The counter table
 * is UNLOGGED (no crash safety needed), so its writes commit without waiting
 * for the disk.
 *
 * Far below a limit, a process does not ask the database on every request:
 * it counts locally and adds its count to the shared row at most every
 * {@link FLUSH_INTERVAL_MS}, learning the others' counts in return. Once the
 * shared count (as last seen plus the local one) reaches half the limit, and
 * for limits below {@link EXACT_BELOW} (sign-in, tests) always, every hit is
 * one atomic increment in the database and the answer is exact. So a
 * client's hot path (thousands of effort scores a second) costs one database
 * statement instead of two, while processes behind a balancer still act as
 * one: only in the first half of a window, within one flush interval, can
 * they together let through more than one process alone would.
 */
import { lt, sql } from 'drizzle-orm';
import type { Context, MiddlewareHandler } from 'hono';
import type { Db } from '../db/database.ts';
import { rateLimitCounters } from '../db/tables.ts';
import { errorBody } from './errors.ts';

/** Longest a locally counted hit waits before it reaches the shared counter, in ms. */
export const FLUSH_INTERVAL_MS = 100;

/** Limits below this are always counted in the database, hit by hit. */
export const EXACT_BELOW = 100;

/** Most keys counted locally at once; beyond it, hits go straight to the database. */
const MAX_LOCAL_KEYS = 10_000;

/** One limit: at most `limit` hits per `windowMs` for each key. */
export interface RateLimitOptions {
  /** Names the limit in keys and messages, e.g. `public`. */
  name: string;
  /** Hits allowed per window; 0 switches the limit off. */
  limit: number;
  /** Window length in ms. */
  windowMs: number;
  /** Current time in ms; injectable for tests. Default `Date.now`. */
  now?: () => number;
}

/** The verdict on one hit. */
export type RateLimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** A limit bound to a database. */
export interface RateLimiter {
  readonly name: string;
  /** Counts a hit for `key` (e.g. a client address) and says whether it is within the limit. */
  hit(key: string): Promise<RateLimitVerdict>;
  /** Adds every locally counted hit to the shared counters now. */
  flush(): Promise<void>;
}

/** What a process knows about one key in the current window. */
interface LocalCount {
  windowStart: number;
  /** The shared count as the database last said, this process's flushed hits included. */
  shared: number;
  /** Hits let through here and not yet added to the shared count. */
  pending: number;
}

/**
 * Creates a limiter counting in `db`.
 *
 * @example
 * const login = createRateLimiter(db, { name: 'login', limit: 10, windowMs: 15 * 60_000 });
 * const verdict = await login.hit(`${address}|${email}`);
 */
export function createRateLimiter(db: Db, options: RateLimitOptions): RateLimiter {
  const { name, limit, windowMs } = options;
  const now = options.now ?? Date.now;
  const local = new Map<string, LocalCount>();
  let timer: NodeJS.Timeout | undefined;

  /** Adds `hits` to the shared counter; resolves to the shared count after it. */
  async function add(key: string, windowStart: number, hits: number): Promise<number> {
    const [row] = await db
      .insert(rateLimitCounters)
      .values({ key: `${name}:${key}`, windowStart: new Date(windowStart), count: hits })
      .onConflictDoUpdate({ target: [rateLimitCounters.key, rateLimitCounters.windowStart], set: { count: sql`${rateLimitCounters.count} + ${hits}` } })
      .returning({ count: rateLimitCounters.count });
    return row?.count ?? hits;
  }

  async function flush(): Promise<void> {
    timer = undefined;
    const current = now() - (now() % windowMs);
    await Promise.all(
      [...local].map(async ([key, count]) => {
        const hits = count.pending;
        count.pending = 0;
        if (hits > 0) count.shared = Math.max(count.shared, await add(key, count.windowStart, hits));
        // A past window's count is of no more use once it is in the database.
        if (count.windowStart < current && count.pending === 0 && local.get(key) === count) local.delete(key);
      }),
    );
  }

  function scheduleFlush() {
    if (timer) return;
    timer = setTimeout(() => {
      flush().catch(() => {
        // The next hit near the limit asks the database itself; a lost batch only undercounts a little.
      });
    }, FLUSH_INTERVAL_MS);
    timer.unref();
  }

  return {
    name,
    flush,
    async hit(key) {
      if (limit <= 0) return { allowed: true };
      const at = now();
      const windowStart = at - (at % windowMs);
      let count = local.get(key);
      if (count && count.windowStart !== windowStart) {
        // A new window: what is still pending belongs to the old one.
        const old = count;
        local.delete(key);
        count = undefined;
        if (old.pending > 0) add(key, old.windowStart, old.pending).catch(() => {});
      }
      if (limit >= EXACT_BELOW && (count?.shared ?? 0) + (count?.pending ?? 0) + 1 <= limit / 2 && (count || local.size < MAX_LOCAL_KEYS)) {
        if (!count) {
          count = { windowStart, shared: 0, pending: 0 };
          local.set(key, count);
        }
        count.pending++;
        scheduleFlush();
        return { allowed: true };
      }
      // Near the limit (or a small one): one atomic increment, this hit and what is pending together.
      const pending = count?.pending ?? 0;
      if (count) count.pending = 0;
      const shared = await add(key, windowStart, pending + 1);
      if (count) count.shared = Math.max(count.shared, shared);
      if (shared <= limit) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((windowStart + windowMs - at) / 1000)) };
    },
  };
}

/**
 * The 429 answer: `Retry-After` in seconds (RFC 9110, 10.2.3) and the usual
 * JSON error.
 */
export function tooManyRequests(c: Context, retryAfterSeconds: number) {
  c.header('Retry-After', String(retryAfterSeconds));
  return c.json(errorBody(`too many requests; try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}`), 429);
}

/**
 * Middleware that counts every request by `key(c)` (usually the client
 * address) and answers 429 beyond the limit. Preflight requests are not
 * counted.
 *
 * @example api.use('/conversations/*', rateLimit(publicLimiter, (c) => clientAddress(c, trustProxy)));
 */
export function rateLimit(limiter: RateLimiter, key: (c: Context) => string): MiddlewareHandler {
  return async function rateLimit(c, next) {
    if (c.req.method === 'OPTIONS') return next();
    const verdict = await limiter.hit(key(c));
    if (!verdict.allowed) return tooManyRequests(c, verdict.retryAfterSeconds);
    return next();
  };
}

/** Deletes counters of windows that ended before `before`. */
export async function sweepRateLimits(db: Db, before: Date): Promise<void> {
  await db.delete(rateLimitCounters).where(lt(rateLimitCounters.windowStart, before));
}

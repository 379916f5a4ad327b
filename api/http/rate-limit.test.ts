import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { rateLimitCounters } from '../db/tables.ts';
import { describeOnDatabases } from '../test/database.ts';
import { createRateLimiter, EXACT_BELOW } from './rate-limit.ts';

describeOnDatabases('rate limiter', (database) => {
  const MINUTE = 60_000;
  // A fixed clock in the middle of a window, unique per test so counters never meet.
  let base = Math.floor(Date.now() / MINUTE) * MINUTE - 10 * 365 * 24 * 60 * MINUTE;
  const clock = () => {
    base += 7 * MINUTE;
    let at = base + 30_000;
    return { now: () => at, set: (ms: number) => (at = ms), windowStart: base };
  };
  const stored = async (name: string, key: string, windowStart: number) =>
    (
      await database()
        .db.select()
        .from(rateLimitCounters)
        .where(and(eq(rateLimitCounters.key, `${name}:${key}`), eq(rateLimitCounters.windowStart, new Date(windowStart))))
    )[0]?.count ?? 0;

  it('counts small limits exactly, hit by hit, and says when to retry', async () => {
    const time = clock();
    const limiter = createRateLimiter(database().db, { name: 'small', limit: 3, windowMs: MINUTE, now: time.now });
    const verdicts = [];
    for (let n = 0; n < 4; n++) verdicts.push(await limiter.hit('203.0.113.1'));
    expect(verdicts).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }, { allowed: false, retryAfterSeconds: 30 }]);
    expect(await stored('small', '203.0.113.1', time.windowStart)).toBe(4);
    expect(await limiter.hit('203.0.113.2')).toEqual({ allowed: true });
  });

  it('counts the first half of a large limit locally and adds it to the shared counter in batches', async () => {
    const time = clock();
    const limit = EXACT_BELOW * 2;
    const limiter = createRateLimiter(database().db, { name: 'large', limit, windowMs: MINUTE, now: time.now });
    for (let n = 0; n < limit / 2; n++) expect(await limiter.hit('a')).toEqual({ allowed: true });
    expect(await stored('large', 'a', time.windowStart)).toBe(0);
    await limiter.flush();
    expect(await stored('large', 'a', time.windowStart)).toBe(limit / 2);
    // From half the limit on, each hit is counted in the database at once.
    expect(await limiter.hit('a')).toEqual({ allowed: true });
    expect(await stored('large', 'a', time.windowStart)).toBe(limit / 2 + 1);
  });

  it('makes two processes act as one: together they never pass the limit by more than the unflushed first halves', async () => {
    const time = clock();
    const limit = EXACT_BELOW * 2;
    const [a, b] = [1, 2].map(() => createRateLimiter(database().db, { name: 'shared', limit, windowMs: MINUTE, now: time.now }));
    let allowed = 0;
    for (let n = 0; n < limit; n++) if ((await (n % 2 ? a! : b!).hit('x')).allowed) allowed++;
    await Promise.all([a!.flush(), b!.flush()]);
    for (let n = 0; n < 10; n++) if ((await (n % 2 ? a! : b!).hit('x')).allowed) allowed++;
    expect(allowed).toBe(limit);
    expect(await stored('shared', 'x', time.windowStart)).toBe(limit + 10);
  });

  it('delivers what was pending when a new window starts', async () => {
    const time = clock();
    const limiter = createRateLimiter(database().db, { name: 'rollover', limit: EXACT_BELOW * 2, windowMs: MINUTE, now: time.now });
    for (let n = 0; n < 5; n++) await limiter.hit('y');
    time.set(time.windowStart + MINUTE + 1_000);
    await limiter.hit('y');
    await limiter.flush();
    await expect.poll(() => stored('rollover', 'y', time.windowStart)).toBe(5);
    expect(await stored('rollover', 'y', time.windowStart + MINUTE)).toBe(1);
  });

  it('does nothing at all with a limit of 0', async () => {
    const limiter = createRateLimiter(database().db, { name: 'off', limit: 0, windowMs: MINUTE });
    for (let n = 0; n < 5; n++) expect(await limiter.hit('z')).toEqual({ allowed: true });
    await limiter.flush();
    expect(await database().db.select().from(rateLimitCounters).where(eq(rateLimitCounters.key, 'off:z'))).toEqual([]);
  });
});

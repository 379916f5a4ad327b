import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { idempotencyKeys, rateLimitCounters, sessions } from './db/tables.ts';
import { createTestAgent } from './test/app.ts';
import { describeOnDatabases } from './test/database.ts';
import { sweepExpired } from './maintenance.ts';

describeOnDatabases('sweepExpired', (database) => {
  it('forgets expired sessions, old rate-limit windows and day-old idempotency keys, and keeps the rest', async () => {
    const db = database().db;
    const agent = await createTestAgent(database());
    const now = Date.now();
    await db.insert(sessions).values([
      { idHash: 'expired', agentId: agent.id, expiresAt: new Date(now - 1000) },
      { idHash: 'valid', agentId: agent.id, expiresAt: new Date(now + 3_600_000) },
    ]);
    await db.insert(rateLimitCounters).values([
      { key: 'public:old', windowStart: new Date(now - 2 * 3_600_000), count: 5 },
      { key: 'public:new', windowStart: new Date(now - 60_000), count: 5 },
    ]);
    await db.insert(idempotencyKeys).values([
      { scope: 's', key: 'old', requestHash: 'h', createdAt: new Date(now - 25 * 3_600_000) },
      { scope: 's', key: 'new', requestHash: 'h' },
    ]);
    await sweepExpired(db, now);
    expect((await db.select().from(sessions)).map((s) => s.idHash)).toEqual(['valid']);
    expect((await db.select().from(rateLimitCounters)).map((c) => c.key)).toEqual(['public:new']);
    expect((await db.select().from(idempotencyKeys)).map((k) => k.key)).toEqual(['new']);
  });

  it('keeps the rate-limit counters out of the write-ahead log', async () => {
    const result = (await database().db.execute(sql`select relpersistence from pg_class where relname = 'rate_limit_counters'`)) as unknown as
      | { rows?: { relpersistence: string }[] }
      | { relpersistence: string }[];
    const rows = Array.isArray(result) ? result : (result.rows ?? []);
    // 'u': unlogged.
    expect(rows[0]?.relpersistence).toBe('u');
  });
});

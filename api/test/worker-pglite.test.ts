import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../demo/seed.ts';
import { pgliteDatabase } from '../db/database.ts';
import { rows } from '../db/query.ts';
import { REPO_ROOT } from '../start.ts';
import { CHEAP_COST } from './app.ts';
import { migratedPgliteDump } from './pglite-dump.ts';
import { databaseState, type DatabaseState, leaseWorkerPglite, type MigratedState, recordMigratedState, resetToMigrated } from './worker-pglite.ts';

/** A migrated PGlite of this file's own (not the worker's), closed after the file. */
async function openMigrated(): Promise<PGlite> {
  const client = await PGlite.create({ loadDataDir: await migratedPgliteDump() });
  opened.push(client);
  return client;
}
const opened: PGlite[] = [];
afterAll(async () => {
  for (const client of opened) await client.close();
});

describe('resetToMigrated', () => {
  let client: PGlite;
  let migrated: MigratedState;
  let before: DatabaseState;
  beforeAll(async () => {
    client = await openMigrated();
    before = await databaseState(client);
    migrated = await recordMigratedState(client);
  }, 120_000);

  it('brings back the migrated state after the demo seed, a sequence of its own, session settings and an open transaction', async () => {
    const database = await pgliteDatabase(client, () => Promise.resolve());
    // The demo seed writes what the API writes: tickets, messages, conversations, reports, agents, webhooks…
    await seedDemo(database.db, { contentRoot: REPO_ROOT, seed: 3, conversations: 40, now: new Date('2026-11-23T12:00:00Z'), passwordCost: CHEAP_COST });
    // ticket_number_seq belongs to no column: TRUNCATE … RESTART IDENTITY leaves it where it is.
    await client.query(`select nextval('ticket_number_seq')`);
    await client.exec(`set search_path = drizzle, public; set timezone = 'Europe/Amsterdam'; listen wegwijs_test; prepare answer as select 42`);
    await client.exec(`select pg_advisory_lock(7); create temporary table scratch (n int); declare kept cursor with hold for select 1`);
    await client.exec(`begin; insert into failed_searches (query, locale, result_count) values ('niet bewaard', 'nl', 0)`);

    const written = await databaseState(client);
    const filled = written.contents.filter((table) => table.rows > 0).map((table) => table.table);
    // What the seed reaches, so that "equal after the reset" is about tables that held rows.
    expect(filled.length).toBeGreaterThanOrEqual(15);
    expect(filled).toEqual(expect.arrayContaining(['public.tickets', 'public.messages', 'public.conversations', 'public.agents', 'public.failed_searches']));
    // The state sees every kind of change above: were it blind to one, the equality below would prove nothing about it.
    expect(written.contents).not.toEqual(before.contents);
    expect(written.sequences.find((s) => s.sequence === 'public.ticket_number_seq')).not.toEqual(
      before.sequences.find((s) => s.sequence === 'public.ticket_number_seq'),
    );
    for (const line of ['setting search_path drizzle, public session', 'setting TimeZone Europe/Amsterdam session', 'listening wegwijs_test', 'cursor kept']) {
      expect(written.session).toContain(line);
    }
    expect(written.session.filter((line) => /^(prepared answer|lock advisory|temporary )/.test(line))).toHaveLength(3);

    const reset = await resetToMigrated(client, migrated);
    expect(await databaseState(client)).toEqual(before);
    expect(reset).toBe(true);
  }, 120_000);

  it('puts back the rows a migration inserted and covers a table a later migration adds', async () => {
    const later = await openMigrated();
    // As a migration would: a table with an identity, a generated column and a row of its own.
    await later.exec(`create table later (id int generated always as identity primary key, name text not null, shout text generated always as (upper(name)) stored);
      insert into later (name) values ('eerste')`);
    const expected = await databaseState(later);
    const recorded = await recordMigratedState(later);
    await later.exec(`delete from later; insert into later (name) values ('tweede'), ('derde')`);
    expect((await databaseState(later)).contents).not.toEqual(expected.contents);

    expect(await resetToMigrated(later, recorded)).toBe(true);
    expect(await databaseState(later)).toEqual(expected);
    expect((await later.query('select * from later')).rows).toEqual([{ id: 1, name: 'eerste', shout: 'EERSTE' }]);
    // The identity goes on from the migration's row, as on a fresh copy.
    expect((await later.query(`insert into later (name) values ('vierde') returning id`)).rows).toEqual([{ id: 2 }]);
  }, 120_000);

  it('does not pass a database whose definitions a test changed, and passes it again once the change is undone where it can be', async () => {
    const changes: [change: string, undo: string][] = [
      ['create function wegwijs_extra() returns int language sql as $$ select 1 $$', 'drop function wegwijs_extra()'],
      ['create index failed_searches_extra on failed_searches (query)', 'drop index failed_searches_extra'],
      ['create schema extra', 'drop schema extra'],
      ['create table public.extra (n int)', 'drop table public.extra'],
      [`comment on table failed_searches is 'extra'`, 'comment on table failed_searches is null'],
      ['alter sequence ticket_number_seq increment by 2', 'alter sequence ticket_number_seq increment by 1'],
      ['create role extra', 'drop role extra'],
      [`alter database postgres set work_mem = '8MB'`, 'alter database postgres reset work_mem'],
      [`alter system set work_mem = '8MB'`, 'alter system reset work_mem'],
      ['select lo_create(0)', 'select lo_unlink(oid) from pg_largeobject_metadata'],
    ];
    for (const [change, undo] of changes) {
      await client.exec(change);
      expect({ change, reset: await resetToMigrated(client, migrated) }).toEqual({ change, reset: false });
      await client.exec(undo);
      expect({ change, undone: await resetToMigrated(client, migrated) }).toEqual({ change, undone: true });
    }
    // Changes with no way back (a rewritten table, a dropped column stay in the catalogue), each seen apart.
    for (const change of [
      'alter table failed_searches set unlogged',
      'alter table failed_searches add column extra int; alter table failed_searches drop column extra',
    ]) {
      const earlier = await databaseState(client);
      await client.exec(change);
      expect((await databaseState(client)).definitions).not.toEqual(earlier.definitions);
      expect({ change, reset: await resetToMigrated(client, migrated) }).toEqual({ change, reset: false });
    }
  }, 120_000);
});

describe('leaseWorkerPglite', () => {
  /** The last transaction id: it goes on from file to file on one instance, and starts again from the dump's on a new one. */
  const lastXid = async (database: { db: Parameters<typeof rows>[0] }) =>
    BigInt((await rows<{ xid: string }>(database.db, sql`select pg_current_xact_id()::text as xid`))[0]!.xid);
  const count = async (database: { db: Parameters<typeof rows>[0] }) =>
    (await rows<{ n: number }>(database.db, sql`select count(*)::int as n from failed_searches`))[0]?.n;

  it('hands the next file the same instance, emptied, and refuses the last file its handle', async () => {
    const first = await leaseWorkerPglite();
    await first.database.db.execute(sql`insert into failed_searches (query, locale, result_count) values ('eerste bestand', 'nl', 0)`);
    const used = await lastXid(first.database);
    await first.drop();
    // drizzle wraps the refusal in a "Failed query" error of its own.
    await expect(first.database.db.execute(sql`select 1`)).rejects.toMatchObject({
      cause: expect.objectContaining({ message: expect.stringContaining('this test database was handed back at the end of its file') }),
    });

    const second = await leaseWorkerPglite();
    try {
      expect(await count(second.database)).toBe(0);
      expect(await lastXid(second.database)).toBeGreaterThan(used);
    } finally {
      await second.drop();
    }
  }, 120_000);

  it('gives a new instance after a file closed its database or used the client beyond queries', async () => {
    const closing = await leaseWorkerPglite();
    for (const query of ['a', 'b', 'c']) {
      await closing.database.db.execute(sql`insert into failed_searches (query, locale, result_count) values (${query}, 'nl', 0)`);
    }
    const closedAt = await lastXid(closing.database);
    await closing.database.close();
    await closing.drop();
    const afterClose = await leaseWorkerPglite();
    const fresh = await lastXid(afterClose.database);
    expect(fresh).toBeLessThan(closedAt);

    // LISTEN callbacks live in PGlite's JavaScript, where no reset reaches.
    const client = (afterClose.database.db as unknown as { $client: PGlite }).$client;
    await client.listen('wegwijs_test', () => {});
    await afterClose.drop();
    const afterListen = await leaseWorkerPglite();
    try {
      expect(await lastXid(afterListen.database)).toBeLessThanOrEqual(fresh);
    } finally {
      await afterListen.drop();
    }
  }, 120_000);

  it('gives two files at once two instances', async () => {
    const [one, two] = await Promise.all([leaseWorkerPglite(), leaseWorkerPglite()]);
    try {
      await one.database.db.execute(sql`insert into failed_searches (query, locale, result_count) values ('alleen hier', 'nl', 0)`);
      expect(await count(one.database)).toBe(1);
      expect(await count(two.database)).toBe(0);
    } finally {
      await one.drop();
      await two.drop();
    }
  }, 120_000);
});

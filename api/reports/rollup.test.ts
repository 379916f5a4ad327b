/**
 * The daily rollup gives the same summary as the events: every test compares
 * `summaryReport` read through the rollup with the same report computed
 * from the events alone, over several periods and every locale filter, on a
 * hand-made set of June 2025 events.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database.ts';
import { rows } from '../db/query.ts';
import { runDueJobs } from '../jobs/scheduler.ts';
import { eraseCustomer } from '../privacy/erase.ts';
import { findEverywhere } from '../privacy/trace.ts';
import { describeOnDatabases } from '../test/database.ts';
import { recordingLogger } from '../test/logger.ts';
import { loadReportContent } from './content.ts';
import {
  addDays,
  forgetRollup,
  REROLL_DAYS,
  reportRollupJob,
  ROLLUP_COLUMNS,
  ROLLUP_DEFINITIONS,
  ROLLUP_TABLES,
  rolledUpDays,
  rollUpReports,
  spansOf,
} from './rollup.ts';
import { reportRange, type ReportRange, type Summary } from './schema.ts';
import { summaryReport } from './summary.ts';

const content = loadReportContent(path.join(import.meta.dirname, 'fixtures'));

const range = (from: string, to: string): ReportRange => {
  const result = reportRange({ from, to });
  if ('error' in result) throw new Error(result.error);
  return result;
};

/** Periods that cut the hand-made days in every way: one day, across midnight, partly before the first event, empty. */
const PERIODS = [
  range('2025-06-01', '2025-06-01'),
  range('2025-06-02', '2025-06-02'),
  range('2025-06-01', '2025-06-02'),
  range('2025-06-01', '2025-06-06'),
  range('2025-06-04', '2025-06-04'),
  range('2025-05-20', '2025-06-30'),
  range('2025-06-10', '2025-06-16'),
  range('2025-05-01', '2025-05-07'),
];

const LOCALES = [null, 'nl', 'en'] as const;

/** Every period and locale filter, read through the rollup or (`useRollup: false`) from the events alone. */
async function summaries(db: Db, useRollup: boolean): Promise<Summary[]> {
  const all: Summary[] = [];
  // The previous period of each is one of the same kind of read: comparing the periods themselves covers it.
  for (const period of PERIODS) for (const locale of LOCALES) all.push(await summaryReport(db, content, period, locale, { useRollup, withPrevious: false }));
  return all;
}

/** Both ways must agree; returns the summaries for further checks. */
async function expectSameAsEvents(db: Db): Promise<Summary[]> {
  const fromEvents = await summaries(db, false);
  const throughRollup = await summaries(db, true);
  expect(throughRollup).toEqual(fromEvents);
  return throughRollup;
}

const ces = (db: Db, conversation: string, score: number, article: string | null, locale: string, at: string) =>
  db.execute(
    sql`insert into ces_responses (conversation_id, answer_id, article_id, score, locale, created_at) values (${conversation}::uuid, ${randomUUID()}, ${article}, ${score}, ${locale}, ${at}::timestamptz)`,
  );

const event = (db: Db, conversation: string, type: string, action: string | null, locale: string, at: string) =>
  db.execute(sql`insert into conversation_events (conversation_id, idempotency_key, type, answer_id, action, locale, created_at)
                 values (${conversation}::uuid, ${randomUUID()}, ${type}, 'x', ${action}, ${locale}, ${at}::timestamptz)`);

const feedback = (db: Db, article: string, locale: string, helpful: boolean | null, score: number | null, at: string) =>
  db.execute(
    sql`insert into article_feedback (idempotency_key, article_id, locale, helpful, ces, created_at) values (${randomUUID()}, ${article}, ${locale}, ${helpful}, ${score}, ${at}::timestamptz)`,
  );

const csat = (db: Db, score: number, locale: string, at: string) =>
  db.execute(sql`insert into csat_responses (ticket_id, score, locale, channel, created_at) values (null, ${score}, ${locale}, 'widget', ${at}::timestamptz)`);

/**
 * June 2025. The 1st and 2nd are Dutch and English; the 3rd is English only;
 * the 4th has only a hand-off; nothing happens after the 5th.
 */
async function insertJune(db: Db): Promise<void> {
  const [midnight, late, switcher, tie, silent, handoffOnly] = Array.from({ length: 6 }, () => randomUUID());
  // Asks just before and just after midnight: one conversation, on the 1st, unresolved (the last turn found nothing).
  await event(db, midnight!, 'outcome', 'answer', 'nl', '2025-06-01T23:59:00Z');
  await event(db, midnight!, 'outcome', 'nomatch', 'nl', '2025-06-02T00:01:00Z');
  // Asks on the 2nd, hands off on the 4th: on the 2nd, handed off; the hand-off event counts on the 4th.
  await event(db, late!, 'outcome', 'clarify', 'en', '2025-06-02T10:00:00Z');
  await event(db, late!, 'handoff', null, 'en', '2025-06-04T09:00:00Z');
  // First asks in English, then in Dutch: an English conversation, resolved (answered last).
  await event(db, switcher!, 'outcome', 'rule', 'en', '2025-06-02T12:00:00Z');
  await event(db, switcher!, 'outcome', 'answer', 'nl', '2025-06-02T12:05:00Z');
  // Two questions at the same instant in two locales: the first inserted decides.
  await event(db, tie!, 'outcome', 'answer', 'en', '2025-06-03T08:00:00Z');
  await event(db, tie!, 'outcome', 'answer', 'nl', '2025-06-03T08:00:00Z');
  // An outcome without an action: a question, not an outcome.
  await event(db, silent!, 'outcome', null, 'en', '2025-06-03T09:00:00Z');
  await event(db, silent!, 'helpful', null, 'en', '2025-06-03T09:01:00Z');
  await event(db, handoffOnly!, 'handoff', null, 'nl', '2025-06-04T11:00:00Z');

  await ces(db, midnight!, 2, 'track-parcel', 'nl', '2025-06-01T23:59:30Z');
  await ces(db, midnight!, 5, 'track-parcel', 'nl', '2025-06-02T00:02:00Z');
  await ces(db, late!, 4, 'track-parcel', 'en', '2025-06-02T10:01:00Z');
  await ces(db, switcher!, 1, null, 'en', '2025-06-02T12:01:00Z');
  await ces(db, tie!, 3, 'exchange', 'en', '2025-06-03T08:01:00Z');
  await feedback(db, 'nl/retourtermijn', 'nl', true, 3, '2025-06-01T10:00:00Z');
  await feedback(db, 'returns-window', 'nl', false, 5, '2025-06-02T10:00:00Z');
  await feedback(db, 'exchange', 'en', false, null, '2025-06-03T10:00:00Z');
  await feedback(db, 'gone-article', 'nl', null, 2, '2025-06-02T11:00:00Z');
  await csat(db, 5, 'nl', '2025-06-01T12:00:00Z');
  await csat(db, 2, 'en', '2025-06-03T12:00:00Z');
  await csat(db, 4, 'nl', '2025-06-04T12:00:00Z');
}

const at = (iso: string) => new Date(iso);

/** Everything in the rollup tables, in a fixed order. */
async function rollupRows(db: Db): Promise<unknown[]> {
  const all: unknown[] = [];
  for (const table of ROLLUP_TABLES)
    all.push(
      table,
      ...(await rows(db, sql`select ${sql.raw(ROLLUP_COLUMNS[table])} from ${sql.identifier(table)} order by ${sql.raw(ROLLUP_COLUMNS[table])}`)),
    );
  all.push('report_rollup_days', ...(await rows(db, sql`select to_char(day, 'YYYY-MM-DD') as day from report_rollup_days order by day`)));
  return all;
}

describe('day spans', () => {
  it('joins consecutive days and counts across month ends', () => {
    expect(addDays('2025-05-31', 1)).toBe('2025-06-01');
    expect(spansOf(['2025-05-30', '2025-05-31', '2025-06-01', '2025-06-03'])).toEqual([
      { start: '2025-05-30', end: '2025-06-02' },
      { start: '2025-06-03', end: '2025-06-04' },
    ]);
    expect(spansOf([])).toEqual([]);
  });
});

describeOnDatabases('report rollup', (database) => {
  const db = () => database().db;

  beforeAll(async () => {
    await insertJune(db());
  }, 60_000);

  it('counts the hand-made set as defined, from the events', async () => {
    const june = await summaryReport(db(), content, range('2025-06-01', '2025-06-06'), null, { useRollup: false });
    // midnight (1st, nl, unresolved), late (2nd, en, handed off on the 4th), switcher (2nd, en, resolved), tie (3rd, en, resolved),
    // silent (3rd, en: a question without any turn of the assistant, unresolved).
    expect(june.conversations).toEqual({
      withQuestion: 5,
      resolved: 2,
      handedOff: 1,
      unresolved: 2,
      rates: { resolved: 0.4, handedOff: 0.2, unresolved: 0.4 },
    });
    expect(june.outcomes).toEqual({
      counts: { answer: 4, clarify: 1, nomatch: 1, rule: 1, handoff: 2 },
      rates: { answer: 0.5714, clarify: 0.1429, nomatch: 0.1429, rule: 0.1429 },
    });
    expect((await summaryReport(db(), content, range('2025-06-02', '2025-06-02'), 'en', { useRollup: false })).conversations).toMatchObject({
      withQuestion: 2,
      resolved: 1,
      handedOff: 1,
    });
    expect((await summaryReport(db(), content, range('2025-06-02', '2025-06-02'), 'nl', { useRollup: false })).conversations).toMatchObject({
      withQuestion: 0,
      resolved: 0,
    });
    expect((await summaryReport(db(), content, range('2025-06-03', '2025-06-03'), 'en', { useRollup: false })).conversations).toMatchObject({
      withQuestion: 2,
      resolved: 1,
      unresolved: 1,
    });
    expect(june.ces).toMatchObject({ count: 8, distribution: [1, 2, 2, 1, 2] });
    expect(june.articleFeedback).toEqual({ count: 3, helpful: 1, notHelpful: 2 });
    expect(june.tickets.csat).toMatchObject({ count: 3, distribution: [0, 1, 0, 1, 1] });
  });

  it('gives the same summaries partly rolled up, wholly rolled up, and run again', async () => {
    const before = await summaries(db(), false);
    // Midday on the 4th: the 1st to the 3rd are whole days; the 4th onwards come from the events.
    expect(await rollUpReports(db(), at('2025-06-04T12:00:00Z'))).toEqual({ added: 3, recomputed: 0, from: '2025-06-01', to: '2025-06-03' });
    const [days] = await rows<{ n: number }>(db(), sql`select count(*)::int as n from report_rollup_days`);
    expect(days?.n).toBe(3);
    expect(await expectSameAsEvents(db())).toEqual(before);

    expect(await rollUpReports(db(), at('2025-06-20T00:00:00Z'))).toEqual({ added: 16, recomputed: 0, from: '2025-06-04', to: '2025-06-19' });
    expect(await expectSameAsEvents(db())).toEqual(before);

    // The next day: the 20th is new, the 14th to the 19th are computed again; running twice changes nothing.
    expect(await rollUpReports(db(), at('2025-06-21T03:00:00Z'))).toEqual({ added: 1, recomputed: REROLL_DAYS - 1, from: '2025-06-14', to: '2025-06-20' });
    const stored = await rollupRows(db());
    // Besides the 7 table names and 20 days: the rows of the days with events.
    expect(stored.length).toBeGreaterThan(7 + 20 + 20);
    expect(await rollUpReports(db(), at('2025-06-21T03:00:00Z'))).toEqual({ added: 0, recomputed: REROLL_DAYS, from: '2025-06-14', to: '2025-06-20' });
    expect(await rollupRows(db())).toEqual(stored);
    expect(await expectSameAsEvents(db())).toEqual(before);
  }, 120_000);

  it('counts a late hand-off and a late score once the day is computed again', async () => {
    await rollUpReports(db(), at('2025-06-21T03:00:00Z'));
    const conversation = randomUUID();
    await event(db(), conversation, 'outcome', 'answer', 'nl', '2025-06-15T10:00:00Z');
    await ces(db(), conversation, 4, 'track-parcel', 'nl', '2025-06-15T10:01:00Z');
    // Rolled up before these arrived: the rollup does not have them yet.
    const week = range('2025-06-10', '2025-06-16');
    expect((await summaryReport(db(), content, week, null)).conversations.withQuestion).toBe(0);
    expect((await summaryReport(db(), content, week, null, { useRollup: false })).conversations.withQuestion).toBe(1);

    await rollUpReports(db(), at('2025-06-21T05:00:00Z'));
    expect((await summaryReport(db(), content, week, null)).conversations).toMatchObject({ withQuestion: 1, resolved: 1 });
    // The hand-off comes six days later, still within the days computed again.
    await event(db(), conversation, 'handoff', null, 'nl', '2025-06-21T09:00:00Z');
    await rollUpReports(db(), at('2025-06-22T00:10:00Z'));
    expect((await summaryReport(db(), content, week, null)).conversations).toMatchObject({ withQuestion: 1, resolved: 0, handedOff: 1 });
    await expectSameAsEvents(db());
  }, 120_000);

  it('keeps rolled-up counts when erasure deletes the events, and keeps no trace of the conversation', async () => {
    const conversation = randomUUID();
    const email = `erased.${randomUUID().slice(0, 8)}@example.nl`;
    await db().execute(sql`insert into conversations (id, token_hash) values (${conversation}::uuid, 'x')`);
    await db().execute(sql`insert into tickets (conversation_id, locale, subject, customer_email, status, created_at)
                           values (${conversation}::uuid, 'nl', 'Pakket kwijt', ${email}, 'solved', '2025-06-05T10:10:00Z')`);
    await event(db(), conversation, 'outcome', 'nomatch', 'nl', '2025-06-05T10:00:00Z');
    await event(db(), conversation, 'handoff', null, 'nl', '2025-06-05T10:05:00Z');
    await ces(db(), conversation, 5, 'track-parcel', 'nl', '2025-06-05T10:01:00Z');
    await forgetRollup(db(), '2025-06-05');
    await rollUpReports(db(), at('2025-06-22T00:10:00Z'));
    const fifth = range('2025-06-05', '2025-06-05');
    const before = await summaryReport(db(), content, fifth, 'nl');
    expect(before.conversations).toMatchObject({ withQuestion: 1, resolved: 0, handedOff: 1 });
    expect(before.outcomes.counts).toMatchObject({ nomatch: 1, handoff: 1 });
    expect(before.ces.count).toBe(1);

    expect(await eraseCustomer(db(), email)).toMatchObject({ tickets: 1, conversationEvents: 2, cesResponses: 1 });
    // Ticket figures are live, so the erased ticket leaves them; the anonymous counts of the rolled-up day stay, also after the next runs.
    const after = { ...before, tickets: { ...before.tickets, created: 0, solved: 0 } };
    expect(await summaryReport(db(), content, fifth, 'nl')).toEqual(after);
    await rollUpReports(db(), at('2025-06-23T00:10:00Z'));
    expect(await summaryReport(db(), content, fifth, 'nl')).toEqual(after);
    expect(await findEverywhere(db(), conversation)).toEqual([]);
    expect(await findEverywhere(db(), email)).toEqual([]);
    // From the events alone, they are gone.
    expect((await summaryReport(db(), content, fifth, 'nl', { useRollup: false })).conversations.withQuestion).toBe(0);
  }, 120_000);

  it('runs once a day as a scheduled job', async () => {
    const logger = recordingLogger();
    const now = at('2025-06-24T00:30:00Z');
    expect(await runDueJobs(db(), [reportRollupJob], logger, now)).toEqual(['reports.rollup']);
    expect(await runDueJobs(db(), [reportRollupJob], logger, at('2025-06-24T08:30:00Z'))).toEqual([]);
    const [job] = await rows<{ last_result: unknown }>(db(), sql`select last_result from scheduled_jobs where name = 'reports.rollup'`);
    expect(job?.last_result).toEqual({ added: 1, recomputed: REROLL_DAYS - 1, from: '2025-06-17', to: '2025-06-23' });
  });

  it('computes a day rolled up under older definitions again, and reads it from the events meanwhile', async () => {
    await rollUpReports(db(), at('2025-06-24T00:30:00Z'));
    // Through the rollup: the erasure above left anonymous counts there that the events no longer have.
    const before = await summaries(db(), true);
    // As if the 1st had been rolled up by an older version, with a count that version defined differently.
    await db().execute(sql`update report_rollup_days set definitions = ${ROLLUP_DEFINITIONS - 1} where day = '2025-06-01'`);
    await db().execute(sql`update report_daily_conversations set deflected = 99 where day = '2025-06-01'`);
    expect(await rolledUpDays(db(), { start: '2025-06-01', end: '2025-06-02' })).toEqual([]);
    expect(await summaries(db(), true)).toEqual(before);
    expect(await rollUpReports(db(), at('2025-06-24T00:40:00Z'))).toMatchObject({ added: 1, from: '2025-06-01' });
    expect(await rolledUpDays(db(), { start: '2025-06-01', end: '2025-06-02' })).toEqual(['2025-06-01']);
    expect(await summaries(db(), true)).toEqual(before);
  }, 120_000);
});

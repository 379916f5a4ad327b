/**
 * The daily report rollup: anonymous counts per UTC day and locale, so a
 * summary over a year reads a few rows per day instead of every event.
 *
 * One set of queries defines every daily count ({@link dailyCounts}); the
 * job stores their rows for whole past days, and the summary runs the very
 * same queries over the days that are not rolled up (today, and any day the
 * job has not reached yet). So a summary is the same whether its days come
 * from the rollup, from the events, or from both.
 *
 * The job ({@link reportRollupJob}) rolls up every whole UTC day not rolled
 * up yet, from the day of the oldest event on, and each run computes the
 * last {@link REROLL_DAYS} days again, so late events and late hand-offs
 * still count. Computing a day again deletes and inserts its rows in one
 * transaction. Events deleted later (erasure) leave the counts of a day
 * rolled up before: they are anonymous counts, with no conversation, ticket
 * or text in them. A change that reaches a day after it left the window (a
 * hand-off more than a week after the conversation's first question, a CSAT
 * score replaced a week later) is not seen by the rollup.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { rows, type Executor } from '../db/query.ts';
import type { DailyJob } from '../jobs/scheduler.ts';
import type { Locale } from '#core/locale.ts';
import { DAY_MS, utcDay } from '#core/util/days.ts';

/** Whole days before today computed again on every run: late events and hand-offs within a week count. */
export const REROLL_DAYS = 7;

/**
 * The version of the daily counts' definitions. Raise it when a definition in
 * {@link dailyCounts} changes: days rolled up with another version count as not
 * rolled up, so the summary reads them from the events and the next run
 * computes them again. 2: resolution needs the last turn to be an answer;
 * hand-offs per day.
 */
export const ROLLUP_DEFINITIONS = 2;

/** Days per transaction when catching up on a backlog: keeps each transaction short. */
const DAYS_PER_TRANSACTION = 31;

// Serialises rollup transactions across processes (a run by hand next to the scheduled one).
const ROLLUP_LOCK = 0x7777_7270;

/** Consecutive UTC days: `start` included, `end` excluded, both YYYY-MM-DD. */
export interface DaySpan {
  start: string;
  end: string;
}

/** YYYY-MM-DD of `day` plus `days`. */
export function addDays(day: string, days: number): string {
  return utcDay(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS);
}

/** Joins sorted days into spans of consecutive days. */
export function spansOf(days: readonly string[]): DaySpan[] {
  const spans: DaySpan[] = [];
  for (const day of days) {
    const last = spans.at(-1);
    if (last && last.end === day) last.end = addDays(day, 1);
    else spans.push({ start: day, end: addDays(day, 1) });
  }
  return spans;
}

/**
 * `column` falls in one of `spans`; false for none. A `date` column
 * (the rollup's `day`) is compared with the days, a `timestamp` column (an
 * event's `created_at`) with their midnights, UTC.
 */
export function inSpans(column: SQL, spans: readonly DaySpan[], type: 'date' | 'timestamp' = 'timestamp'): SQL {
  if (spans.length === 0) return sql`false`;
  const bound = (day: string) => (type === 'date' ? sql`${day}::date` : sql`${`${day}T00:00:00Z`}::timestamptz`);
  return sql`(${sql.join(
    spans.map((span) => sql`(${column} >= ${bound(span.start)} and ${column} < ${bound(span.end)})`),
    sql` or `,
  )})`;
}

// The UTC day of a timestamp column, in SQL (core/util/days.ts's utcDay is the same in TypeScript).
const utcDayOf = (column: SQL) => sql`(${column} at time zone 'UTC')::date`;

/**
 * The daily counts over the events of `spans`, one select per rollup table,
 * each giving exactly that table's columns (`day`, `locale`, …). `locale`
 * keeps one locale (the summary); the job passes null. The definitions are
 * those of summary.ts; in short:
 *
 * - `effort`: effort scores per source and score (widget: `ces_responses`;
 *   article pages: `article_feedback.ces`);
 * - `articleEffort`: the scores that name an article, per article id: count
 *   and sum;
 * - `outcomes`: outcome events per action (an outcome without one is not
 *   counted), and hand-off events;
 * - `articleFeedback`: "was this helpful" on article pages, yes and no;
 * - `csat`: CSAT answers per score, on the day of the first answer;
 * - `conversations`: conversations whose first question (outcome event,
 *   ever: the earliest, ties by id) falls in the spans, on its day and in
 *   its locale; how many of them were resolved (no hand-off event at all,
 *   and the assistant's last turn, set replies aside, answered with an
 *   article) and how many were handed off.
 */
export function dailyCounts(spans: readonly DaySpan[], locale: Locale | null): Record<RollupTable, SQL> {
  const ofLocale = locale === null ? sql`true` : sql`locale = ${locale}`;
  const within = inSpans(sql`created_at`, spans);
  const scores = sql`(
      select 'widget' as source, score, article_id, locale, created_at from ces_responses where ${within} and ${ofLocale}
      union all
      select 'article' as source, ces as score, article_id, locale, created_at from article_feedback where ces is not null and ${within} and ${ofLocale}
    ) scores`;
  return {
    report_daily_effort: sql`select ${utcDayOf(sql`created_at`)} as day, locale, source, score, count(*)::int as count
        from ${scores} group by 1, 2, 3, 4`,
    report_daily_article_effort: sql`select ${utcDayOf(sql`created_at`)} as day, locale, article_id, count(*)::int as count, sum(score)::int as total
        from ${scores} where article_id is not null group by 1, 2, 3`,
    report_daily_outcomes: sql`select ${utcDayOf(sql`created_at`)} as day, locale, case when type = 'handoff' then 'handoff' else action end as outcome, count(*)::int as count
        from conversation_events
        where (type = 'handoff' or (type = 'outcome' and action is not null)) and ${within} and ${ofLocale} group by 1, 2, 3`,
    report_daily_article_feedback: sql`select ${utcDayOf(sql`created_at`)} as day, locale, count(*) filter (where helpful)::int as helpful, count(*) filter (where not helpful)::int as not_helpful
        from article_feedback where helpful is not null and ${within} and ${ofLocale} group by 1, 2`,
    report_daily_csat: sql`select ${utcDayOf(sql`created_at`)} as day, locale, score, count(*)::int as count
        from csat_responses where ${within} and ${ofLocale} group by 1, 2, 3`,
    // The first question in the spans is the conversation's first when no outcome comes before it.
    // Hand-offs as one hash of their conversations: a probe per conversation was seconds on a year of events.
    // The last turn that was not a set reply, only for the conversations counted here.
    report_daily_conversations: sql`with q as (
          select distinct on (conversation_id) conversation_id, locale, created_at, ${utcDayOf(sql`created_at`)} as day
          from conversation_events where type = 'outcome' and ${within}
          order by conversation_id, created_at, id),
        l as (
          select distinct on (e.conversation_id) e.conversation_id, e.action
          from conversation_events e join q using (conversation_id)
          where e.type = 'outcome' and e.action in ('answer', 'clarify', 'nomatch')
          order by e.conversation_id, e.created_at desc, e.id desc)
        select q.day, q.locale, count(*)::int as with_question,
               count(*) filter (where h.conversation_id is null and l.action = 'answer')::int as deflected,
               count(h.conversation_id)::int as handed_off
        from q
        left join (select distinct conversation_id from conversation_events where type = 'handoff') h using (conversation_id)
        left join l using (conversation_id)
        where not exists (select 1 from conversation_events p where p.conversation_id = q.conversation_id and p.type = 'outcome' and p.created_at < q.created_at)
          and ${locale === null ? sql`true` : sql`q.locale = ${locale}`}
        group by 1, 2`,
  };
}

/** The tables of the rollup, each filled by the select of the same name in {@link dailyCounts}. */
export const ROLLUP_TABLES = [
  'report_daily_effort',
  'report_daily_article_effort',
  'report_daily_outcomes',
  'report_daily_article_feedback',
  'report_daily_csat',
  'report_daily_conversations',
] as const;

/** One of {@link ROLLUP_TABLES}. */
export type RollupTable = (typeof ROLLUP_TABLES)[number];

/** The columns of each rollup table, in the order of its select in {@link dailyCounts}. */
export const ROLLUP_COLUMNS: Record<RollupTable, string> = {
  report_daily_effort: 'day, locale, source, score, count',
  report_daily_article_effort: 'day, locale, article_id, count, total',
  report_daily_outcomes: 'day, locale, outcome, count',
  report_daily_article_feedback: 'day, locale, helpful, not_helpful',
  report_daily_csat: 'day, locale, score, count',
  report_daily_conversations: 'day, locale, with_question, deflected, handed_off',
};

/** The rolled-up days of `span`, sorted, YYYY-MM-DD. */
export async function rolledUpDays(db: Executor, span: DaySpan): Promise<string[]> {
  const found = await rows<{ day: string }>(
    db,
    sql`select to_char(day, 'YYYY-MM-DD') as day from report_rollup_days
        where day >= ${span.start}::date and day < ${span.end}::date and definitions = ${ROLLUP_DEFINITIONS} order by day`,
  );
  return found.map((row) => row.day);
}

/** Computes the rows of the days of `span` again (delete and insert) and marks them rolled up, in one transaction. */
async function rollUpSpan(db: Db, span: DaySpan): Promise<void> {
  const selects = dailyCounts([span], null);
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${ROLLUP_LOCK})`);
    for (const table of ROLLUP_TABLES) {
      await tx.execute(sql`delete from ${sql.identifier(table)} where day >= ${span.start}::date and day < ${span.end}::date`);
      await tx.execute(sql`insert into ${sql.identifier(table)} (${sql.raw(ROLLUP_COLUMNS[table])}) ${selects[table]}`);
    }
    await tx.execute(
      sql`insert into report_rollup_days (day, rolled_up_at, definitions)
          select d::date, now(), ${ROLLUP_DEFINITIONS} from generate_series(${span.start}::date, ${span.end}::date - 1, interval '1 day') d
          on conflict (day) do update set rolled_up_at = excluded.rolled_up_at, definitions = excluded.definitions`,
    );
  });
}

/** What a rollup run did. */
export interface RollupResult {
  /** Days rolled up for the first time. */
  added: number;
  /** Days computed again (the last {@link REROLL_DAYS}). */
  recomputed: number;
  /** The first and last day written, or null when there was nothing to do. */
  from: string | null;
  to: string | null;
}

/**
 * Rolls up, as of `now`, every whole UTC day before today that is not
 * rolled up yet (from the day of the oldest event on), and computes the last
 * {@link REROLL_DAYS} days again. Idempotent: running it twice gives the
 * same rows.
 *
 * @example await rollUpReports(db, new Date()) // { added: 1, recomputed: 6, from: '2026-11-16', to: '2026-11-22' }
 */
export async function rollUpReports(db: Db, now: Date = new Date()): Promise<RollupResult> {
  const today = utcDay(now);
  const [oldest] = await rows<{ day: string | null }>(
    db,
    sql`select to_char(least(
          (select min(created_at) from ces_responses),
          (select min(created_at) from article_feedback),
          (select min(created_at) from conversation_events where type = 'outcome'),
          (select min(created_at) from conversation_events where type = 'handoff'),
          (select min(created_at) from csat_responses)
        ) at time zone 'UTC', 'YYYY-MM-DD') as day`,
  );
  const result: RollupResult = { added: 0, recomputed: 0, from: null, to: null };
  const first = oldest?.day ?? null;
  if (first === null || first >= today) return result;

  const done = new Set(await rolledUpDays(db, { start: first, end: today }));
  const recomputeFrom = addDays(today, -REROLL_DAYS);
  const due: string[] = [];
  for (let day = first; day < today; day = addDays(day, 1)) {
    if (day >= recomputeFrom) {
      due.push(day);
      if (done.has(day)) result.recomputed++;
      else result.added++;
    } else if (!done.has(day)) {
      due.push(day);
      result.added++;
    }
  }
  for (const span of spansOf(due)) {
    for (let start = span.start; start < span.end; start = addDays(start, DAYS_PER_TRANSACTION)) {
      const end = addDays(start, DAYS_PER_TRANSACTION);
      await rollUpSpan(db, { start, end: end < span.end ? end : span.end });
    }
  }
  result.from = due[0] ?? null;
  result.to = due.at(-1) ?? null;
  return result;
}

/**
 * Forgets the rollup of `fromDay` and every day after it, so the next run
 * computes them from the events again: for data written into the past
 * (the demo seed), which the rollup would otherwise not see.
 */
export async function forgetRollup(db: Db, fromDay: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${ROLLUP_LOCK})`);
    for (const table of ROLLUP_TABLES) await tx.execute(sql`delete from ${sql.identifier(table)} where day >= ${fromDay}::date`);
    await tx.execute(sql`delete from report_rollup_days where day >= ${fromDay}::date`);
  });
}

/** The scheduled job that keeps the rollup up to date, once a day. */
export const reportRollupJob: DailyJob = {
  name: 'reports.rollup',
  run: async (db, now) => ({ ...(await rollUpReports(db, now)) }),
};

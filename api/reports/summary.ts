/**
 * The summary report: effort, deflection and tickets over a period. Every
 * figure is defined here, in the doc comments; the report page shows the
 * same definitions. All dates are UTC; a period is `from` 00:00 up to the
 * end of `to`. A locale filter applies to every figure.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { rows } from '../db/query.ts';
import type { Locale } from '#core/locale.ts';
import type { ReportContent } from './content.ts';
import { addDays, dailyCounts, inSpans, rolledUpDays, ROLLUP_COLUMNS, spansOf, type RollupTable } from './rollup.ts';
import { previousRange, type Headline, type ReportRange, type Summary } from './schema.ts';
import { DAY_MS, utcDay } from '#core/util/days.ts';

/** Rounds to `decimals` places; null stays null. */
function round(value: number | null, decimals: number): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** `part ÷ whole`, 4 decimals; null when `whole` is 0. */
export function shareOf(part: number, whole: number): number | null {
  return whole === 0 ? null : round(part / whole, 4);
}

/** Mean of scores given as a sum and a count, 2 decimals; null without scores. */
function mean(sum: number, count: number): number | null {
  return count === 0 ? null : round(sum / count, 2);
}

/** The Mondays (UTC) of the weeks that overlap the period, as YYYY-MM-DD. */
export function mondaysOf(range: ReportRange): string[] {
  // getUTCDay: Sunday 0 … Saturday 6; back to the Monday on or before the start.
  let monday = range.start.getTime() - ((range.start.getUTCDay() + 6) % 7) * DAY_MS;
  const weeks: string[] = [];
  for (; monday < range.end.getTime(); monday += 7 * DAY_MS) weeks.push(utcDay(monday));
  return weeks;
}

/** How {@link summaryReport} reads. */
export interface SummaryOptions {
  /** false: every day from the events, none from the rollup (tests compare both). Default true. */
  useRollup?: boolean;
  /**
   * false: the headline's previous period is not read (its figures are
   * null and 0), for tests that compare many periods read two ways, where
   * it would only double the work. Default true.
   */
  withPrevious?: boolean;
}

/** The headline figures of a summary. */
function headlineOf(summary: Omit<Summary, 'headline'>): Headline {
  return {
    from: summary.from,
    to: summary.to,
    ces: summary.ces.average,
    cesCount: summary.ces.count,
    resolutionRate: summary.conversations.rates.resolved,
    handoffs: summary.conversations.handedOff,
    handoffRate: summary.conversations.rates.handedOff,
    firstResponseMedian: summary.tickets.firstResponseMinutes.median,
    firstResponseP90: summary.tickets.firstResponseMinutes.p90,
    csat: summary.tickets.csat.satisfiedShare,
    csatCount: summary.tickets.csat.count,
  };
}

/**
 * The summary of a period, with its headline figures next to those of the
 * period of the same length just before it (see {@link periodSummary} for
 * every definition).
 */
export async function summaryReport(
  db: Db,
  content: ReportContent | null,
  range: ReportRange,
  locale: Locale | null,
  options: SummaryOptions = {},
): Promise<Summary> {
  const before = previousRange(range);
  const [current, previous] = await Promise.all([
    periodSummary(db, content, range, locale, options),
    options.withPrevious === false ? null : periodSummary(db, null, before, locale, options),
  ]);
  const { from, to, locale: ofLocale, ...rest } = current;
  const none: Headline = {
    from: before.from,
    to: before.to,
    ces: null,
    cesCount: 0,
    resolutionRate: null,
    handoffs: 0,
    handoffRate: null,
    firstResponseMedian: null,
    firstResponseP90: null,
    csat: null,
    csatCount: 0,
  };
  return { from, to, locale: ofLocale, headline: { current: headlineOf(current), previous: previous ? headlineOf(previous) : none }, ...rest };
}

/**
 * The summary of a period.
 *
 * Effort, article feedback, outcomes, conversations and CSAT are read from
 * the daily rollup (rollup.ts) for the days it has, and computed from the
 * events, with the same queries, for the others (today, and days the job
 * has not reached); the result is the same either way. Tickets are always
 * read from the tickets.
 *
 * - **CES** (Customer Effort Score): the mean of the 1–5 effort scores
 *   (1 = hardly any effort, 5 = a lot; lower is better) given in the period:
 *   in the widget after an answer (`ces_responses`, source `widget`) and at
 *   the end of an article page (`article_feedback.ces`, source `article`).
 *   `distribution` counts the scores 1 to 5; `weekly` is the mean per week
 *   (Monday to Sunday, UTC) for every week the period touches; `byArticle`
 *   groups the scores that name an article (an article's title and category
 *   come from content/; an article no longer in content/ keeps its id as
 *   title), worst (highest) mean first; `byCategory` pools the scores of the
 *   articles of each category, worst first.
 * - **Article feedback**: "was this helpful" answers on article pages in the
 *   period: how many, how many yes, how many no.
 * - **Conversations with a question**: conversations whose first question
 *   (their earliest outcome event: the assistant answered, clarified, found
 *   no match or a rule fired) falls in the period; a conversation counts on
 *   the UTC day and in the locale of that first question, so it counts once
 *   and the figure adds up over days. Each is exactly one of: **resolved**
 *   (no hand-off event at all, and the assistant's last turn, set replies
 *   such as greetings and thanks aside, answered with an article: an
 *   answer, or an offered article the customer picked); **handed off** (a
 *   hand-off event, on any day, after the period too); **unresolved** (the
 *   rest: the last turn found no match, or asked "did you mean" and the
 *   customer left without picking, or only set replies were given). The
 *   three **rates** are their shares of the conversations with a question
 *   and add up to 1 (up to rounding).
 * - **Outcomes**: the assistant's turns in the period (outcome events) by
 *   what it did: answer, clarify ("did you mean"), no match, set reply
 *   (rule); their **rates** are shares of all turns and add up to 1. Hand-off
 *   events in the period are counted beside them.
 * - **Effort per article and per category** is ranked by a shrunk mean
 *   ({@link shrunkMean}): the scores plus {@link SHRINK_SCORES} pseudo-scores
 *   at the period's mean, so an article with one bad score does not top the
 *   list; the plain mean and the number of scores are given too.
 * - **Headline**: CES, resolution rate, hand-offs, first response (median,
 *   p90) and CSAT of the period and of the period of the same length just
 *   before it.
 * - **Tickets**: `created` counts the tickets created in the period;
 *   `solved` how many of those are solved now (solved or closed, not
 *   reopened). **First response**: minutes from creation to an agent's first
 *   public reply, median and 90th percentile, over the tickets created in the
 *   period that have one. **Time to solve**: minutes from creation to the
 *   (last) solve, over the solved ones among them. Anonymised tickets count:
 *   only their timestamps are used.
 * - **CSAT** (customer satisfaction with a solved ticket, 1–5): the answers
 *   first given in the period; `satisfied` counts 4 and 5, `satisfiedShare`
 *   is satisfied ÷ answers.
 */
export async function periodSummary(
  db: Db,
  content: ReportContent | null,
  range: ReportRange,
  locale: Locale | null,
  options: SummaryOptions = {},
): Promise<Omit<Summary, 'headline'>> {
  const inRange = (column: SQL) => sql`${column} >= ${range.start.toISOString()}::timestamptz and ${column} < ${range.end.toISOString()}::timestamptz`;
  const ofLocale = locale === null ? sql`true` : sql`locale = ${locale}`;

  // Rolled-up days are read from the rollup, the others (today, days the job has not reached) from the events.
  const period = { start: range.from, end: addDays(range.to, 1) };
  const rolled = options.useRollup === false ? [] : await rolledUpDays(db, period);
  const rolledSet = new Set(rolled);
  const liveDays: string[] = [];
  for (let day = period.start; day < period.end; day = addDays(day, 1)) if (!rolledSet.has(day)) liveDays.push(day);
  const live = dailyCounts(spansOf(liveDays), locale);
  const rolledSpans = spansOf(rolled);
  /** The daily rows of `table` over the whole period: stored ones for rolled-up days, computed ones for the rest. */
  const daily = (table: RollupTable) => {
    const parts: SQL[] = [];
    if (rolledSpans.length > 0)
      parts.push(sql`select ${sql.raw(ROLLUP_COLUMNS[table])} from ${sql.identifier(table)} where ${inSpans(sql`day`, rolledSpans, 'date')} and ${ofLocale}`);
    if (liveDays.length > 0) parts.push(sql`select * from (${live[table]}) live`);
    return sql`(${sql.join(parts, sql` union all `)}) daily`;
  };
  const monday = sql`to_char(day - (extract(isodow from day)::int - 1), 'YYYY-MM-DD')`;

  const [scoreGroups, articleGroups, feedback, outcomes, conversations, tickets, csat] = await Promise.all([
    rows<{ source: 'widget' | 'article'; score: number; week: string; n: number }>(
      db,
      sql`select source, score::int as score, ${monday} as week, sum(count)::int as n from ${daily('report_daily_effort')} group by 1, 2, 3`,
    ),
    rows<{ article_id: string; locale: Locale; n: number; total: number }>(
      db,
      sql`select article_id, locale, sum(count)::int as n, sum(total)::int as total from ${daily('report_daily_article_effort')} group by 1, 2`,
    ),
    rows<{ helpful: number; not_helpful: number }>(
      db,
      sql`select coalesce(sum(helpful), 0)::int as helpful, coalesce(sum(not_helpful), 0)::int as not_helpful from ${daily('report_daily_article_feedback')}`,
    ),
    rows<{ outcome: keyof Summary['outcomes']['counts']; n: number }>(
      db,
      sql`select outcome, sum(count)::int as n from ${daily('report_daily_outcomes')} group by 1`,
    ),
    rows<{ with_question: number; deflected: number; handed_off: number }>(
      db,
      sql`select coalesce(sum(with_question), 0)::int as with_question, coalesce(sum(deflected), 0)::int as deflected, coalesce(sum(handed_off), 0)::int as handed_off
          from ${daily('report_daily_conversations')}`,
    ),
    // Tickets stay live: percentiles do not add up over days, and 20,000 tickets a year are quick to read.
    rows<{ created: number; solved: number; fr_median: number | null; fr_p90: number | null; solve_median: number | null; solve_p90: number | null }>(
      db,
      sql`select count(*)::int as created,
                 count(solved_at)::int as solved,
                 percentile_cont(0.5) within group (order by extract(epoch from first_response_at - created_at) / 60) as fr_median,
                 percentile_cont(0.9) within group (order by extract(epoch from first_response_at - created_at) / 60) as fr_p90,
                 percentile_cont(0.5) within group (order by extract(epoch from solved_at - created_at) / 60) as solve_median,
                 percentile_cont(0.9) within group (order by extract(epoch from solved_at - created_at) / 60) as solve_p90
          from tickets where ${inRange(sql`created_at`)} and ${ofLocale}`,
    ),
    rows<{ score: number; n: number }>(db, sql`select score::int as score, sum(count)::int as n from ${daily('report_daily_csat')} group by 1`),
  ]);

  // CES totals, per source and as a distribution; the weekly means.
  const distribution = [0, 0, 0, 0, 0];
  const source = { widget: { sum: 0, count: 0 }, article: { sum: 0, count: 0 } };
  const weeks = new Map<string, { n: number; total: number }>();
  for (const row of scoreGroups) {
    distribution[row.score - 1]! += row.n;
    source[row.source].sum += row.score * row.n;
    source[row.source].count += row.n;
    const week = weeks.get(row.week) ?? { n: 0, total: 0 };
    week.n += row.n;
    week.total += row.score * row.n;
    weeks.set(row.week, week);
  }
  const count = source.widget.count + source.article.count;

  // The prior the per-article means are shrunk towards: the period's mean over every score.
  const prior = count === 0 ? 0 : (source.widget.sum + source.article.sum) / count;
  const articleRows = articleBreakdown(articleGroups, content, prior);
  const categoryRows = categoryBreakdown(articleRows, content, locale, prior);

  const outcome = { answer: 0, clarify: 0, nomatch: 0, rule: 0, handoff: 0 };
  for (const row of outcomes) outcome[row.outcome] += row.n;
  const outcomeEvents = outcome.answer + outcome.clarify + outcome.nomatch + outcome.rule;
  const { with_question: withQuestion = 0, deflected: resolved = 0, handed_off: handedOff = 0 } = conversations[0] ?? {};
  const unresolved = withQuestion - resolved - handedOff;

  const { helpful = 0, not_helpful: notHelpful = 0 } = feedback[0] ?? {};
  const ticket = tickets[0];
  const csatDistribution = [0, 0, 0, 0, 0];
  for (const row of csat) csatDistribution[row.score - 1]! += row.n;
  const csatCount = csatDistribution.reduce((a, b) => a + b, 0);
  const satisfied = csatDistribution[3]! + csatDistribution[4]!;

  return {
    from: range.from,
    to: range.to,
    locale,
    ces: {
      average: mean(source.widget.sum + source.article.sum, count),
      count,
      distribution,
      bySource: {
        widget: { average: mean(source.widget.sum, source.widget.count), count: source.widget.count },
        article: { average: mean(source.article.sum, source.article.count), count: source.article.count },
      },
      weekly: mondaysOf(range).map((weekStart) => {
        const week = weeks.get(weekStart);
        return { weekStart, average: week ? mean(week.total, week.n) : null, count: week?.n ?? 0 };
      }),
      byArticle: articleRows.map(({ sum: _, ...row }) => row),
      byCategory: categoryRows,
    },
    articleFeedback: { count: helpful + notHelpful, helpful, notHelpful },
    conversations: {
      withQuestion,
      resolved,
      handedOff,
      unresolved,
      rates: { resolved: shareOf(resolved, withQuestion), handedOff: shareOf(handedOff, withQuestion), unresolved: shareOf(unresolved, withQuestion) },
    },
    outcomes: {
      counts: outcome,
      rates: {
        answer: shareOf(outcome.answer, outcomeEvents),
        clarify: shareOf(outcome.clarify, outcomeEvents),
        nomatch: shareOf(outcome.nomatch, outcomeEvents),
        rule: shareOf(outcome.rule, outcomeEvents),
      },
    },
    tickets: {
      created: ticket?.created ?? 0,
      solved: ticket?.solved ?? 0,
      firstResponseMinutes: { median: round(ticket?.fr_median ?? null, 1), p90: round(ticket?.fr_p90 ?? null, 1) },
      solveMinutes: { median: round(ticket?.solve_median ?? null, 1), p90: round(ticket?.solve_p90 ?? null, 1) },
      csat: { count: csatCount, satisfied, satisfiedShare: shareOf(satisfied, csatCount), distribution: csatDistribution },
    },
  };
}

type ArticleRow = Summary['ces']['byArticle'][number] & { sum: number };

/**
 * Pseudo-scores at the period's mean added to every article's and
 * category's scores before ranking (a Bayesian average): one score of 5
 * moves an article with nothing else from the mean by a sixth of the way,
 * twenty scores of 5 nearly all the way. So a single unlucky answer does not
 * top the list, and a real problem still does.
 */
export const SHRINK_SCORES = 5;

/** The mean of `count` scores summing to `sum`, shrunk towards `prior` by {@link SHRINK_SCORES} pseudo-scores, 2 decimals. */
export function shrunkMean(sum: number, count: number, prior: number): number {
  return round((sum + SHRINK_SCORES * prior) / (count + SHRINK_SCORES), 2)!;
}

/**
 * Scores per article, worst first. The widget names an article by its
 * translation key, an article page may send its `<locale>/<slug>` id: both
 * are mapped to the translation key, so one article is one row.
 */
function articleBreakdown(
  found: readonly { article_id: string; locale: Locale; n: number; total: number }[],
  content: ReportContent | null,
  prior: number,
): ArticleRow[] {
  const merged = new Map<string, ArticleRow>();
  for (const row of found) {
    const article = content?.article(row.locale, row.article_id);
    const articleId = article?.translationKey ?? row.article_id;
    const key = `${row.locale}\n${articleId}`;
    const entry = merged.get(key) ?? {
      articleId,
      locale: row.locale,
      title: article?.title ?? row.article_id,
      categoryId: article?.categoryId ?? null,
      average: 0,
      shrunkAverage: 0,
      count: 0,
      sum: 0,
    };
    entry.count += row.n;
    entry.sum += row.total;
    entry.average = round(entry.sum / entry.count, 2)!;
    entry.shrunkAverage = shrunkMean(entry.sum, entry.count, prior);
    merged.set(key, entry);
  }
  return [...merged.values()].sort(worstFirst);
}

/** Per category: the scores of its articles pooled (not a mean of means), worst first. */
function categoryBreakdown(
  articleRows: readonly ArticleRow[],
  content: ReportContent | null,
  locale: Locale | null,
  prior: number,
): Summary['ces']['byCategory'] {
  const categories = new Map<string, { categoryId: string; title: string; average: number; shrunkAverage: number; count: number; sum: number }>();
  for (const row of articleRows) {
    if (row.categoryId === null) continue;
    const entry = categories.get(row.categoryId) ?? {
      categoryId: row.categoryId,
      // Over all locales: the name in the site's default locale.
      title: content?.categoryName(row.categoryId, locale ?? content.defaultLocale) ?? row.categoryId,
      average: 0,
      shrunkAverage: 0,
      count: 0,
      sum: 0,
    };
    entry.count += row.count;
    entry.sum += row.sum;
    entry.average = round(entry.sum / entry.count, 2)!;
    entry.shrunkAverage = shrunkMean(entry.sum, entry.count, prior);
    categories.set(row.categoryId, entry);
  }
  return [...categories.values()].sort(worstFirst).map(({ sum: _, ...row }) => row);
}

interface Ranked {
  shrunkAverage: number;
  average: number;
  count: number;
  title: string;
  /** Set on article rows; categories have none. */
  locale?: Locale;
  articleId?: string;
  categoryId: string | null;
}

/** Highest shrunk mean first, then most scores, then by title; ids settle the rest, so the order never depends on the order rows came in. */
function worstFirst(a: Ranked, b: Ranked): number {
  const id = (row: Ranked) => `${row.locale ?? ''}\n${row.articleId ?? ''}\n${row.categoryId ?? ''}`;
  return b.shrunkAverage - a.shrunkAverage || b.count - a.count || a.title.localeCompare(b.title) || (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0);
}

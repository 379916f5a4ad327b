/**
 * The summary report: effort, deflection and tickets over a period. Every
 * figure is defined here, in the doc comments; the report page shows the
 * same definitions. All dates are UTC; a period is `from` 00:00 up to the
 * end of `to`. A locale filter applies to every figure.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { rows } from '../db/query.ts';
import type { Locale } from '../site-settings.ts';
import type { ReportContent } from './content.ts';
import type { ReportRange, Summary } from './schema.ts';

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
  const day = 86_400_000;
  // getUTCDay: Sunday 0 … Saturday 6; back to the Monday on or before the start.
  let monday = range.start.getTime() - ((range.start.getUTCDay() + 6) % 7) * day;
  const weeks: string[] = [];
  for (; monday < range.end.getTime(); monday += 7 * day) weeks.push(new Date(monday).toISOString().slice(0, 10));
  return weeks;
}

/**
 * The summary of a period.
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
 * - **Conversations with a question**: conversations with at least one
 *   outcome event (the assistant answered, clarified, found no match or a
 *   rule fired) in the period. **Deflected**: those of them without a
 *   hand-off event from the start of the period on (so a hand-off after the
 *   period still counts against it). **Deflection rate** = deflected ÷
 *   conversations with a question.
 * - **Outcomes**: outcome events in the period by what the assistant did,
 *   and hand-off events in the period. The answer, clarify and no-match
 *   **rates** are shares of all outcome events in the period (rules make up
 *   the rest); the **hand-off rate** is the share of conversations with a
 *   question that were handed off (1 − deflection rate).
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
export async function summaryReport(db: Db, content: ReportContent | null, range: ReportRange, locale: Locale | null): Promise<Summary> {
  const inRange = (column: SQL) => sql`${column} >= ${range.start.toISOString()}::timestamptz and ${column} < ${range.end.toISOString()}::timestamptz`;
  const ofLocale = locale === null ? sql`true` : sql`locale = ${locale}`;
  // The scores of both sources in one shape.
  const scores = sql`(
      select 'widget' as source, score, article_id, locale, created_at from ces_responses where ${inRange(sql`created_at`)} and ${ofLocale}
      union all
      select 'article' as source, ces as score, article_id, locale, created_at from article_feedback where ces is not null and ${inRange(sql`created_at`)} and ${ofLocale}
    ) scores`;

  const [scoreGroups, feedback, outcomes, conversations, tickets, csat] = await Promise.all([
    // One pass over the scores for three breakdowns: per source and score, per week, per article.
    rows<{ source: 'widget' | 'article' | null; score: number | null; week: string | null; article_id: string | null; locale: Locale | null; by_article: boolean; n: number; total: number }>(
      db,
      sql`select source, score::int as score, week, article_id, locale, grouping(article_id, locale) = 0 as by_article, count(*)::int as n, sum(score)::int as total
          from (select *, to_char(date_trunc('week', created_at at time zone 'UTC'), 'YYYY-MM-DD') as week from ${scores}) scored
          group by grouping sets ((source, score), (week), (article_id, locale))`,
    ),
    rows<{ n: number; helpful: number; not_helpful: number }>(
      db,
      sql`select count(*)::int as n, count(*) filter (where helpful)::int as helpful, count(*) filter (where not helpful)::int as not_helpful
          from article_feedback where helpful is not null and ${inRange(sql`created_at`)} and ${ofLocale}`,
    ),
    rows<{ type: 'outcome' | 'handoff'; action: string | null; n: number }>(
      db,
      sql`select type, action, count(*)::int as n from conversation_events
          where type in ('outcome', 'handoff') and ${inRange(sql`created_at`)} and ${ofLocale} group by type, action`,
    ),
    // A hash anti-join: one probe per conversation through the index was seconds on a year of events.
    rows<{ with_question: number; deflected: number }>(
      db,
      sql`select count(*)::int as with_question, count(*) filter (where h.conversation_id is null)::int as deflected
          from (select distinct conversation_id from conversation_events
                where type = 'outcome' and ${inRange(sql`created_at`)} and ${ofLocale}) q
          left join (select distinct conversation_id from conversation_events
                     where type = 'handoff' and created_at >= ${range.start.toISOString()}::timestamptz) h using (conversation_id)`,
    ),
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
    rows<{ score: number; n: number }>(db, sql`select score::int as score, count(*)::int as n from csat_responses where ${inRange(sql`created_at`)} and ${ofLocale} group by score`),
  ]);

  // CES totals, per source and as a distribution.
  const distribution = [0, 0, 0, 0, 0];
  const source = { widget: { sum: 0, count: 0 }, article: { sum: 0, count: 0 } };
  const weekly: { week: string; n: number; total: number }[] = [];
  const byArticle: { article_id: string; locale: Locale; n: number; total: number }[] = [];
  for (const row of scoreGroups) {
    if (row.source !== null && row.score !== null) {
      distribution[row.score - 1]! += row.n;
      source[row.source].sum += row.score * row.n;
      source[row.source].count += row.n;
    } else if (row.week !== null) weekly.push({ week: row.week, n: row.n, total: row.total });
    else if (row.by_article && row.article_id !== null && row.locale !== null) byArticle.push({ article_id: row.article_id, locale: row.locale, n: row.n, total: row.total });
  }
  const count = source.widget.count + source.article.count;

  const weeks = new Map(weekly.map((row) => [row.week, row]));
  const articleRows = articleBreakdown(byArticle, content);
  const categoryRows = categoryBreakdown(articleRows, content, locale);

  const outcome = { answer: 0, clarify: 0, nomatch: 0, rule: 0, handoff: 0 };
  for (const row of outcomes) {
    if (row.type === 'handoff') outcome.handoff += row.n;
    else if (row.action !== null && row.action in outcome) outcome[row.action as keyof typeof outcome] += row.n;
  }
  const outcomeEvents = outcome.answer + outcome.clarify + outcome.nomatch + outcome.rule;
  const { with_question: withQuestion = 0, deflected = 0 } = conversations[0] ?? {};

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
    articleFeedback: { count: feedback[0]?.n ?? 0, helpful: feedback[0]?.helpful ?? 0, notHelpful: feedback[0]?.not_helpful ?? 0 },
    conversations: {
      withQuestion,
      deflected,
      deflectionRate: shareOf(deflected, withQuestion),
      outcomes: outcome,
      rates: {
        answer: shareOf(outcome.answer, outcomeEvents),
        clarify: shareOf(outcome.clarify, outcomeEvents),
        nomatch: shareOf(outcome.nomatch, outcomeEvents),
        handoff: shareOf(withQuestion - deflected, withQuestion),
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
 * Scores per article, worst first. The widget names an article by its
 * translation key, an article page may send its `<locale>/<slug>` id: both
 * are mapped to the translation key, so one article is one row.
 */
function articleBreakdown(found: readonly { article_id: string; locale: Locale; n: number; total: number }[], content: ReportContent | null): ArticleRow[] {
  const merged = new Map<string, ArticleRow>();
  for (const row of found) {
    const article = content?.article(row.locale, row.article_id);
    const articleId = article?.translationKey ?? row.article_id;
    const key = `${row.locale}\n${articleId}`;
    const entry = merged.get(key) ?? { articleId, locale: row.locale, title: article?.title ?? row.article_id, categoryId: article?.categoryId ?? null, average: 0, count: 0, sum: 0 };
    entry.count += row.n;
    entry.sum += row.total;
    entry.average = round(entry.sum / entry.count, 2)!;
    merged.set(key, entry);
  }
  return [...merged.values()].sort(worstFirst);
}

/** Per category: the scores of its articles pooled (not a mean of means), worst first. */
function categoryBreakdown(articleRows: readonly ArticleRow[], content: ReportContent | null, locale: Locale | null): Summary['ces']['byCategory'] {
  const categories = new Map<string, { categoryId: string; title: string; average: number; count: number; sum: number }>();
  for (const row of articleRows) {
    if (row.categoryId === null) continue;
    const entry = categories.get(row.categoryId) ?? {
      categoryId: row.categoryId,
      // Over all locales: the name in the site's default locale.
      title: content?.categoryName(row.categoryId, locale ?? content.defaultLocale) ?? row.categoryId,
      average: 0,
      count: 0,
      sum: 0,
    };
    entry.count += row.count;
    entry.sum += row.sum;
    entry.average = round(entry.sum / entry.count, 2)!;
    categories.set(row.categoryId, entry);
  }
  return [...categories.values()].sort(worstFirst).map(({ sum: _, ...row }) => row);
}

function worstFirst(a: { average: number; count: number; title: string }, b: { average: number; count: number; title: string }): number {
  return b.average - a.average || b.count - a.count || a.title.localeCompare(b.title);
}

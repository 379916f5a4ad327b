/**
 * The reports as CSV tables, for spreadsheets and other tools. The summary
 * is one long table (`metric`, `dimension`, `value`, `count`) so every part
 * of it (totals, distribution, weeks, articles, categories) fits in one file.
 */
import { UNHELPFUL_WHY } from '../db/tables/feedback.ts';
import { toCsv, type CsvValue } from './csv.ts';
import type { ContentGaps, Summary, SUMMARY_SECTIONS } from './schema.ts';

/** A section of the summary's CSV. */
export type SummarySection = (typeof SUMMARY_SECTIONS)[number];

/** The summary as CSV: one line per figure. */
export function summaryCsv(summary: Summary): string {
  const lines: CsvValue[][] = [];
  const add = (metric: string, dimension: string, value: CsvValue, count?: number) => lines.push([metric, dimension, value, count ?? '']);
  const { ces, articleFeedback, conversations, outcomes, tickets, headline } = summary;
  for (const [period, figures] of Object.entries(headline)) {
    for (const [name, value] of Object.entries(figures))
      if (name !== 'from' && name !== 'to') add(`headline.${name}`, `${period} ${figures.from}/${figures.to}`, value);
  }
  add('ces.average', summary.locale ?? 'all', ces.average, ces.count);
  for (const [i, n] of ces.distribution.entries()) add('ces.distribution', String(i + 1), n);
  for (const source of ['widget', 'article'] as const) add('ces.bySource', source, ces.bySource[source].average, ces.bySource[source].count);
  for (const week of ces.weekly) add('ces.weekly', week.weekStart, week.average, week.count);
  for (const article of ces.byArticle) add('ces.byArticle', `${article.locale}: ${article.title} (${article.articleId})`, article.average, article.count);
  for (const category of ces.byCategory) add('ces.byCategory', `${category.title} (${category.categoryId})`, category.average, category.count);
  add('articleFeedback.count', '', articleFeedback.count);
  add('articleFeedback.helpful', '', articleFeedback.helpful);
  add('articleFeedback.notHelpful', '', articleFeedback.notHelpful);
  add('conversations.withQuestion', '', conversations.withQuestion);
  for (const part of ['resolved', 'handedOff', 'unresolved'] as const) add(`conversations.${part}`, '', conversations.rates[part], conversations[part]);
  for (const [outcome, n] of Object.entries(outcomes.counts)) add('outcomes.counts', outcome, n);
  for (const [outcome, rate] of Object.entries(outcomes.rates)) add('outcomes.rates', outcome, rate);
  add('tickets.created', '', tickets.created);
  add('tickets.solved', '', tickets.solved);
  add('tickets.firstResponseMinutes', 'median', tickets.firstResponseMinutes.median);
  add('tickets.firstResponseMinutes', 'p90', tickets.firstResponseMinutes.p90);
  add('tickets.solveMinutes', 'median', tickets.solveMinutes.median);
  add('tickets.solveMinutes', 'p90', tickets.solveMinutes.p90);
  add('tickets.csat.satisfiedShare', '', tickets.csat.satisfiedShare, tickets.csat.count);
  add('tickets.csat.satisfied', '', tickets.csat.satisfied);
  for (const [i, n] of tickets.csat.distribution.entries()) add('tickets.csat.distribution', String(i + 1), n);
  return toCsv(['metric', 'dimension', 'value', 'count'], lines);
}

/**
 * One section of the summary as a table of its own, with the columns a
 * spreadsheet wants for it: what each "CSV" link of the report page
 * downloads. `all` is {@link summaryCsv}.
 */
export function summarySectionCsv(summary: Summary, section: SummarySection): string {
  const { ces, conversations, outcomes, tickets, headline } = summary;
  const SCORES = [1, 2, 3, 4, 5];
  switch (section) {
    case 'all':
      return summaryCsv(summary);
    case 'headline': {
      const names = ['ces', 'cesCount', 'resolutionRate', 'handoffs', 'handoffRate', 'firstResponseMedian', 'firstResponseP90', 'csat', 'csatCount'] as const;
      const change = (a: number | null, b: number | null) => (a === null || b === null ? null : Math.round((a - b) * 10_000) / 10_000);
      return toCsv(
        ['figure', `${headline.current.from}/${headline.current.to}`, `${headline.previous.from}/${headline.previous.to}`, 'change'],
        names.map((name) => [name, headline.current[name], headline.previous[name], change(headline.current[name], headline.previous[name])]),
      );
    }
    case 'effort':
      return toCsv(
        ['source', 'average', 'count'],
        [
          ...(['widget', 'article'] as const).map((source) => [source, ces.bySource[source].average, ces.bySource[source].count]),
          ['all', ces.average, ces.count],
        ],
      );
    case 'distribution':
      return toCsv(
        ['score', 'count'],
        SCORES.map((score, i) => [score, ces.distribution[i] ?? 0]),
      );
    case 'weekly':
      return toCsv(
        ['weekStart', 'average', 'count'],
        ces.weekly.map((week) => [week.weekStart, week.average, week.count]),
      );
    case 'articles':
      return toCsv(
        ['locale', 'articleId', 'title', 'categoryId', 'shrunkAverage', 'average', 'count'],
        ces.byArticle.map((row) => [row.locale, row.articleId, row.title, row.categoryId, row.shrunkAverage, row.average, row.count]),
      );
    case 'categories':
      return toCsv(
        ['categoryId', 'title', 'shrunkAverage', 'average', 'count'],
        ces.byCategory.map((row) => [row.categoryId, row.title, row.shrunkAverage, row.average, row.count]),
      );
    case 'conversations':
      return toCsv(
        ['conversations', 'count', 'share'],
        [
          ...(['resolved', 'handedOff', 'unresolved'] as const).map((part) => [part, conversations[part], conversations.rates[part]]),
          ['withQuestion', conversations.withQuestion, 1],
        ],
      );
    case 'outcomes':
      return toCsv(
        ['outcome', 'count', 'share'],
        [
          ...(['answer', 'clarify', 'nomatch', 'rule'] as const).map((o) => [o, outcomes.counts[o], outcomes.rates[o]]),
          ['handoff', outcomes.counts.handoff, null],
        ],
      );
    case 'tickets':
      return toCsv(
        ['figure', 'median', 'p90', 'count'],
        [
          ['created', null, null, tickets.created],
          ['solved', null, null, tickets.solved],
          ['firstResponseMinutes', tickets.firstResponseMinutes.median, tickets.firstResponseMinutes.p90, null],
          ['solveMinutes', tickets.solveMinutes.median, tickets.solveMinutes.p90, null],
        ],
      );
    case 'csat':
      return toCsv(
        ['score', 'count', 'share'],
        [
          ...SCORES.map((score, i) => [
            score,
            tickets.csat.distribution[i] ?? 0,
            tickets.csat.count === 0 ? null : Math.round(((tickets.csat.distribution[i] ?? 0) / tickets.csat.count) * 10_000) / 10_000,
          ]),
          ['satisfied (4-5)', tickets.csat.satisfied, tickets.csat.satisfiedShare],
        ],
      );
  }
}

/** The content-gap rows (the gaps, not the hidden rows) as CSV; examples joined with ` | `. */
export function contentGapsCsv(report: ContentGaps): string {
  return toCsv(
    [
      'key',
      'wording',
      'count',
      'failedSearches',
      'noMatches',
      'highEffort',
      'handoffs',
      'examples',
      'nearestArticleId',
      'nearestTitle',
      'nearestUrl',
      'confidence',
      'wouldNowAnswer',
      'taught',
    ],
    report.rows.map((row) => [
      row.key,
      row.wording,
      row.count,
      row.signals.failedSearches,
      row.signals.noMatches,
      row.signals.highEffort,
      row.signals.handoffs,
      row.examples.join(' | '),
      row.nearest?.articleId,
      row.nearest?.title,
      row.nearest?.url,
      row.nearest?.confidence,
      row.wouldNowAnswer,
      row.taught?.status,
    ]),
  );
}

/** The translation gaps as CSV. */
export function translationGapsCsv(report: ContentGaps): string {
  return toCsv(
    ['translationKey', 'entryId', 'title', 'locale', 'missingLocale'],
    report.translationGaps.map((gap) => [gap.translationKey, gap.entryId, gap.title, gap.locale, gap.missingLocale]),
  );
}

/**
 * The articles answered "No", with the reasons and the latest comments, as
 * CSV; comments joined with ` | `, newest first (text cells are neutralised
 * like every customer's text, see csv.ts).
 */
export function unhelpfulCsv(report: ContentGaps): string {
  return toCsv(
    ['articleId', 'title', 'url', 'notHelpful', ...UNHELPFUL_WHY, 'latestComments'],
    report.unhelpful.map((row) => [
      row.articleId,
      row.title,
      row.url,
      row.notHelpful,
      ...UNHELPFUL_WHY.map((why) => row.why[why]),
      row.comments.map((comment) => comment.text).join(' | '),
    ]),
  );
}

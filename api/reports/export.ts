/**
 * The reports as CSV tables, for spreadsheets and other tools. The summary
 * is one long table (`metric`, `dimension`, `value`, `count`) so every part
 * of it (totals, distribution, weeks, articles, categories) fits in one file.
 */
import { toCsv, type CsvValue } from './csv.ts';
import type { ContentGaps, Summary } from './schema.ts';

/** The summary as CSV: one line per figure. */
export function summaryCsv(summary: Summary): string {
  const lines: CsvValue[][] = [];
  const add = (metric: string, dimension: string, value: CsvValue, count?: number) => lines.push([metric, dimension, value, count ?? '']);
  const { ces, articleFeedback, conversations, tickets } = summary;
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
  add('conversations.deflected', '', conversations.deflected);
  add('conversations.deflectionRate', '', conversations.deflectionRate);
  for (const [outcome, n] of Object.entries(conversations.outcomes)) add('conversations.outcomes', outcome, n);
  for (const [outcome, rate] of Object.entries(conversations.rates)) add('conversations.rates', outcome, rate);
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

/** The content-gap rows as CSV; examples joined with ` | `. */
export function contentGapsCsv(report: ContentGaps): string {
  return toCsv(
    ['key', 'wording', 'count', 'failedSearches', 'noMatches', 'highEffort', 'handoffs', 'examples', 'nearestArticleId', 'nearestTitle', 'nearestUrl', 'confidence', 'wouldNowAnswer'],
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

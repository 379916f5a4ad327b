/**
 * Query and response schemas of the reports (`/api/agent/reports/...`).
 * Dates are UTC calendar days, both ends included.
 */
import { z } from '@hono/zod-openapi';
import { LOCALES } from '#core/locale.ts';
import { expecting } from '../http/validation.ts';

/** Longest range a report covers, in days (three years): the weekly trend stays a readable size. */
export const MAX_RANGE_DAYS = 3 * 366;

/** Default and largest number of content-gap rows. */
export const GAP_ROWS = { default: 100, max: 500 } as const;

const DAY_MS = 86_400_000;

/** First and last day a report may name: far wider than any data, narrow enough that the day after `to` is still a date PostgreSQL and JavaScript agree on. */
export const DAY_RANGE = { first: '2000-01-01', last: '2999-12-31' } as const;

/** Whether `text` is a real calendar day written YYYY-MM-DD. */
function isDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
}

const day = (description: string) =>
  z
    .string({ error: expecting('a date written YYYY-MM-DD') })
    .refine(isDay, 'must be a date written YYYY-MM-DD')
    // Same-length YYYY-MM-DD strings compare like the days they name.
    .refine((text) => text >= DAY_RANGE.first && text <= DAY_RANGE.last, `must be a day from ${DAY_RANGE.first} to ${DAY_RANGE.last}`)
    .optional()
    .openapi({ description, example: '2026-11-23' });

const rangeFields = {
  from: day('First day, UTC, included. Default: 27 days before `to`.'),
  to: day('Last day, UTC, included. Default: today.'),
  format: z.enum(['json', 'csv'], { error: expecting('json or csv') }).default('json').openapi({ description: '`csv` for a spreadsheet (text/csv).' }),
};

const locale = z.enum(LOCALES, { error: expecting(`one of ${LOCALES.join(', ')}`) });

/** Query of `GET /reports/summary`. */
export const summaryQuerySchema = z.object({
  ...rangeFields,
  locale: locale.optional().openapi({ description: 'Only this locale; omitted: all locales.' }),
});

/** Query of `GET /reports/content-gaps`. */
export const contentGapsQuerySchema = z.object({
  ...rangeFields,
  locale: locale.openapi({ description: 'The locale of the list (required: wording is grouped per language).' }),
  limit: z
    .string({ error: expecting(`a whole number from 1 to ${GAP_ROWS.max}`) })
    .regex(/^\d{1,4}$/, `must be a whole number from 1 to ${GAP_ROWS.max}`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= GAP_ROWS.max, `must be a whole number from 1 to ${GAP_ROWS.max}`)
    .optional()
    .openapi({ type: 'integer', description: `Most rows, biggest first. Default ${GAP_ROWS.default}.` }),
  table: z
    .enum(['gaps', 'translations'], { error: expecting('gaps or translations') })
    .default('gaps')
    .openapi({ description: 'With `format=csv`: which table to export, the gap rows or the translation gaps.' }),
});

/** A report's period: `start` included, `end` (the day after `to`) excluded. */
export interface ReportRange {
  from: string;
  to: string;
  start: Date;
  end: Date;
}

/**
 * The period of a report from its query: both ends default (today, 28 days
 * up to it), `from` after `to` or a range over {@link MAX_RANGE_DAYS} is a
 * 400 naming the field. Returns the message and field of that 400 instead of
 * throwing, so routes answer it like any validation error.
 */
export function reportRange(query: { from?: string | undefined; to?: string | undefined }, now: Date = new Date()): ReportRange | { error: string; field: string } {
  const to = query.to ?? now.toISOString().slice(0, 10);
  const end = new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS);
  const from = query.from ?? new Date(end.getTime() - 28 * DAY_MS).toISOString().slice(0, 10);
  const start = new Date(`${from}T00:00:00Z`);
  if (start.getTime() >= end.getTime()) return { error: 'from must be on or before to', field: 'from' };
  if ((end.getTime() - start.getTime()) / DAY_MS > MAX_RANGE_DAYS) return { error: `from must be at most ${MAX_RANGE_DAYS} days before to`, field: 'from' };
  return { from, to, start, end };
}

const average = z.number().nullable().openapi({ description: 'Mean of the 1–5 scores, 2 decimals; null without scores. Lower is better.' });
const share = z.number().nullable().openapi({ description: 'Between 0 and 1, 4 decimals; null when there is nothing to divide by.' });
const minutes = z.object({ median: z.number().nullable(), p90: z.number().nullable() });

/** `200` of the summary. */
export const summarySchema = z
  .object({
    from: z.string(),
    to: z.string(),
    locale: locale.nullable(),
    ces: z.object({
      average,
      count: z.number().int(),
      distribution: z.array(z.number().int()).openapi({ description: 'How many scores of 1, 2, 3, 4 and 5.' }),
      bySource: z.object({ widget: z.object({ average, count: z.number().int() }), article: z.object({ average, count: z.number().int() }) }),
      weekly: z.array(z.object({ weekStart: z.string().openapi({ description: 'The Monday (UTC).' }), average, count: z.number().int() })),
      byArticle: z.array(
        z.object({ articleId: z.string(), locale, title: z.string(), categoryId: z.string().nullable(), average: z.number(), count: z.number().int() }),
      ),
      byCategory: z.array(z.object({ categoryId: z.string(), title: z.string(), average: z.number(), count: z.number().int() })),
    }),
    articleFeedback: z.object({ count: z.number().int(), helpful: z.number().int(), notHelpful: z.number().int() }),
    conversations: z.object({
      withQuestion: z.number().int(),
      deflected: z.number().int(),
      deflectionRate: share,
      outcomes: z.object({ answer: z.number().int(), clarify: z.number().int(), nomatch: z.number().int(), rule: z.number().int(), handoff: z.number().int() }),
      rates: z.object({ answer: share, clarify: share, nomatch: share, handoff: share }),
    }),
    tickets: z.object({
      created: z.number().int(),
      solved: z.number().int(),
      firstResponseMinutes: minutes,
      solveMinutes: minutes,
      csat: z.object({ count: z.number().int(), satisfied: z.number().int(), satisfiedShare: share, distribution: z.array(z.number().int()) }),
    }),
  })
  .openapi('ReportSummary');

/** The summary report. */
export type Summary = z.infer<typeof summarySchema>;

/** `200` of the content gaps. */
export const contentGapsSchema = z
  .object({
    locale,
    from: z.string(),
    to: z.string(),
    rows: z.array(
      z.object({
        key: z.string().openapi({ description: 'The normalised wording: folded, stop words removed, stemmed, sorted.' }),
        wording: z.string(),
        count: z.number().int(),
        signals: z.object({ failedSearches: z.number().int(), noMatches: z.number().int(), highEffort: z.number().int(), handoffs: z.number().int() }),
        examples: z.array(z.string()),
        nearest: z.object({ articleId: z.string(), title: z.string(), url: z.string(), confidence: z.number() }).nullable(),
        wouldNowAnswer: z.boolean(),
      }),
    ),
    wouldNowAnswer: z.object({ answered: z.number().int(), of: z.number().int() }),
    translationGaps: z.array(z.object({ translationKey: z.string(), entryId: z.string(), title: z.string(), locale, missingLocale: locale })),
  })
  .openapi('ContentGaps');

/** The content-gap report. */
export type ContentGaps = z.infer<typeof contentGapsSchema>;

/**
 * Query and response schemas of the reports (`/api/agent/reports/...`).
 * Dates are UTC calendar days, both ends included.
 */
import { z } from '@hono/zod-openapi';
import { LOCALES } from '#core/locale.ts';
import { DAY_MS, utcDay } from '#core/util/days.ts';
import { UNHELPFUL_WHY } from '../db/tables/feedback.ts';
import { expecting, ILL_FORMED_MESSAGE, NUL_MESSAGE, STORABLE, WELL_FORMED } from '../http/validation.ts';

/** Longest range a report covers, in days (three years): the weekly trend stays a readable size. */
export const MAX_RANGE_DAYS = 3 * 366;

/** Latest comments shown per article that was not helpful. */
export const UNHELPFUL_COMMENTS = 5;

/** Default and largest number of content-gap rows. */
export const GAP_ROWS = { default: 100, max: 500 } as const;

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
  format: z
    .enum(['json', 'csv'], { error: expecting('json or csv') })
    .default('json')
    .openapi({ description: '`csv` for a spreadsheet (text/csv).' }),
};

const locale = z.enum(LOCALES, { error: expecting(`one of ${LOCALES.join(', ')}`) });

/** The section of the summary a CSV holds (`section` of the summary query). */
export const SUMMARY_SECTIONS = [
  'headline',
  'effort',
  'distribution',
  'weekly',
  'articles',
  'categories',
  'conversations',
  'outcomes',
  'tickets',
  'csat',
  'all',
] as const;

/** Query of `GET /reports/summary`. */
export const summaryQuerySchema = z.object({
  ...rangeFields,
  locale: locale.optional().openapi({ description: 'Only this locale; omitted: all locales.' }),
  section: z
    .enum(SUMMARY_SECTIONS, { error: expecting(SUMMARY_SECTIONS.join(', ')) })
    .default('all')
    .openapi({ description: 'With `format=csv`: the one section to export (a table of its own); `all`: every figure in one long table.' }),
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
    .enum(['gaps', 'translations', 'unhelpful'], { error: expecting('gaps, translations or unhelpful') })
    .default('gaps')
    .openapi({ description: 'With `format=csv`: which table to export, the gap rows, the translation gaps or the articles that were not helpful.' }),
});

/** The period of the same length that ends the day before `range` starts. */
export function previousRange(range: ReportRange): ReportRange {
  const days = Math.round((range.end.getTime() - range.start.getTime()) / DAY_MS);
  const start = new Date(range.start.getTime() - days * DAY_MS);
  return { from: utcDay(start), to: utcDay(range.start.getTime() - DAY_MS), start, end: range.start };
}

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
export function reportRange(
  query: { from?: string | undefined; to?: string | undefined },
  now: Date = new Date(),
): ReportRange | { error: string; field: string } {
  const to = query.to ?? utcDay(now);
  const end = new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS);
  const from = query.from ?? utcDay(end.getTime() - 28 * DAY_MS);
  const start = new Date(`${from}T00:00:00Z`);
  if (start.getTime() >= end.getTime()) return { error: 'from must be on or before to', field: 'from' };
  if ((end.getTime() - start.getTime()) / DAY_MS > MAX_RANGE_DAYS) return { error: `from must be at most ${MAX_RANGE_DAYS} days before to`, field: 'from' };
  return { from, to, start, end };
}

const average = z.number().nullable().openapi({ description: 'Mean of the 1–5 scores, 2 decimals; null without scores. Lower is better.' });
const share = z.number().nullable().openapi({ description: 'Between 0 and 1, 4 decimals; null when there is nothing to divide by.' });
const minutes = z.object({ median: z.number().nullable(), p90: z.number().nullable() });
const ranked = {
  average: z.number().openapi({ description: 'Mean of its scores, 2 decimals.' }),
  shrunkAverage: z
    .number()
    .openapi({ description: 'Mean after adding 5 pseudo-scores at the period mean (a Bayesian average): the rank, so one score of 5 does not top the list.' }),
  count: z.number().int().openapi({ description: 'How many scores.' }),
};

/** The figures of the summary's first screen, for one period. */
const headlineSchema = z.object({
  from: z.string(),
  to: z.string(),
  ces: average,
  cesCount: z.number().int(),
  resolutionRate: share,
  handoffs: z.number().int().openapi({ description: 'Conversations with a question that were handed off.' }),
  handoffRate: share,
  firstResponseMedian: z.number().nullable().openapi({ description: 'Minutes.' }),
  firstResponseP90: z.number().nullable().openapi({ description: 'Minutes.' }),
  csat: share.openapi({ description: 'Share of CSAT answers of 4 or 5.' }),
  csatCount: z.number().int(),
});

/** The headline figures of a period. */
export type Headline = z.infer<typeof headlineSchema>;

/** `200` of the summary. */
export const summarySchema = z
  .object({
    from: z.string(),
    to: z.string(),
    locale: locale.nullable(),
    headline: z.object({
      current: headlineSchema,
      previous: headlineSchema.openapi({ description: 'The same figures for the period of the same length just before.' }),
    }),
    ces: z.object({
      average,
      count: z.number().int(),
      distribution: z.array(z.number().int()).openapi({ description: 'How many scores of 1, 2, 3, 4 and 5.' }),
      bySource: z.object({ widget: z.object({ average, count: z.number().int() }), article: z.object({ average, count: z.number().int() }) }),
      weekly: z.array(z.object({ weekStart: z.string().openapi({ description: 'The Monday (UTC).' }), average, count: z.number().int() })),
      byArticle: z.array(z.object({ articleId: z.string(), locale, title: z.string(), categoryId: z.string().nullable(), ...ranked })),
      byCategory: z.array(z.object({ categoryId: z.string(), title: z.string(), ...ranked })),
    }),
    articleFeedback: z.object({ count: z.number().int(), helpful: z.number().int(), notHelpful: z.number().int() }),
    conversations: z.object({
      withQuestion: z.number().int(),
      resolved: z.number().int(),
      handedOff: z.number().int(),
      unresolved: z.number().int(),
      rates: z
        .object({ resolved: share, handedOff: share, unresolved: share })
        .openapi({ description: 'Shares of the conversations with a question; they add up to 1.' }),
    }),
    outcomes: z.object({
      counts: z.object({ answer: z.number().int(), clarify: z.number().int(), nomatch: z.number().int(), rule: z.number().int(), handoff: z.number().int() }),
      rates: z
        .object({ answer: share, clarify: share, nomatch: share, rule: share })
        .openapi({ description: 'Shares of the assistant turns (outcome events); they add up to 1.' }),
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

/** Why a content-gap row is not in the list: see api/reports/gaps.ts. */
export const GAP_NOISE = ['rule', 'personRequest', 'gibberish', 'answered'] as const;

const gapRowSchema = z.object({
  key: z.string().openapi({ description: 'The normalised wording: folded, stop words removed, stemmed, sorted.' }),
  wording: z.string(),
  count: z.number().int(),
  signals: z.object({ failedSearches: z.number().int(), noMatches: z.number().int(), highEffort: z.number().int(), handoffs: z.number().int() }),
  examples: z.array(z.string()),
  nearest: z
    .object({
      articleId: z.string(),
      title: z.string(),
      url: z.string(),
      confidence: z.number(),
      suggested: z
        .boolean()
        .openapi({ description: 'Whether the assistant itself would answer with it or offer it: only then is it pre-selected for teaching.' }),
    })
    .nullable(),
  wouldNowAnswer: z.boolean(),
  noise: z.enum(GAP_NOISE).nullable().openapi({ description: 'Why the row is hidden as noise; null for a real gap.' }),
  dismissed: z.boolean().openapi({ description: 'An agent dismissed it (`POST /reports/content-gaps/dismissals`).' }),
  taught: z
    .object({ articleId: z.string().nullable(), status: z.enum(['pending', 'approved', 'pulled']) })
    .nullable()
    .openapi({
      description: 'A phrasing suggestion with this wording exists (not rejected): the article it teaches (null: a new article) and how far it got.',
    }),
});

const whyCounts = z.object(Object.fromEntries(UNHELPFUL_WHY.map((why) => [why, z.number().int()])) as Record<(typeof UNHELPFUL_WHY)[number], z.ZodNumber>);

/** An article customers answered "No" to, with what they said was missing (api/reports/unhelpful.ts). */
const unhelpfulArticleSchema = z.object({
  articleId: z.string(),
  title: z.string().openapi({ description: "The article's title; its id when it is no longer published." }),
  url: z.string().nullable(),
  notHelpful: z.number().int().openapi({ description: '"No" to "was this helpful" on the article page in the period.' }),
  why: whyCounts.openapi({ description: 'How often each reason was picked after "No".' }),
  comments: z
    .array(
      z.object({
        id: z.number().int().openapi({ description: 'For `DELETE /reports/content-gaps/comments/{id}`.' }),
        why: z.enum(UNHELPFUL_WHY),
        text: z.string().openapi({ description: 'What the customer typed, redacted. Plain text: never render it as HTML.' }),
        createdAt: z.string(),
      }),
    )
    .openapi({ description: `The latest ${UNHELPFUL_COMMENTS} comments, newest first.` }),
});

/** `200` of the content gaps. */
export const contentGapsSchema = z
  .object({
    locale,
    from: z.string(),
    to: z.string(),
    rows: z.array(gapRowSchema).openapi({ description: 'The gaps: neither noise nor dismissed, biggest first, at most `limit`.' }),
    hidden: z.array(gapRowSchema).openapi({ description: 'Rows hidden as noise or dismissed, biggest first, at most `limit`.' }),
    hiddenCounts: z.object({
      rule: z.number().int(),
      personRequest: z.number().int(),
      gibberish: z.number().int(),
      answered: z.number().int(),
      dismissed: z.number().int(),
    }),
    wouldNowAnswer: z.object({ answered: z.number().int(), of: z.number().int() }),
    translationGaps: z.array(z.object({ translationKey: z.string(), entryId: z.string(), title: z.string(), locale, missingLocale: locale })),
    unhelpful: z
      .array(unhelpfulArticleSchema)
      .openapi({ description: 'Articles answered "No" on their page, with the reasons and latest comments, most first, at most `limit`.' }),
  })
  .openapi('ContentGaps');

/** Path of `DELETE /reports/content-gaps/comments/{id}`. */
export const unhelpfulCommentParamsSchema = z.object({
  id: z
    .string()
    .regex(/^[1-9]\d{0,14}$/, 'must be the number of a comment')
    .transform(Number)
    .openapi({ param: { name: 'id', in: 'path' }, type: 'integer', example: '42' }),
});

const gapText = () =>
  z
    .string({ error: expecting('text') })
    .min(1, 'must not be empty')
    .max(500, 'must be at most 500 characters')
    .regex(STORABLE, NUL_MESSAGE)
    .regex(WELL_FORMED, ILL_FORMED_MESSAGE);

/** Body of `POST /reports/content-gaps/dismissals`. */
export const dismissalSchema = z
  .object({
    locale,
    key: gapText(),
    wording: gapText(),
  })
  .openapi('ContentGapDismissal');

/** Query of `DELETE /reports/content-gaps/dismissals`. */
export const dismissalQuerySchema = z.object({
  locale,
  key: gapText(),
});

/** The content-gap report. */
export type ContentGaps = z.infer<typeof contentGapsSchema>;

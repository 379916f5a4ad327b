/** Report rollups: anonymous counts per UTC day and locale (api/reports/rollup.ts). */
import { sql } from 'drizzle-orm';
import { check, date, integer, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { LOCALES } from '../../../core/locale.ts';
import { agents } from './agents.ts';
import { inList } from './columns.ts';
import { ASSISTANT_ACTIONS } from './conversations.ts';

/** What a rolled-up outcome counts: an assistant action, or a hand-off. */
export const ROLLUP_OUTCOMES = [...ASSISTANT_ACTIONS, 'handoff'] as const;

/** Where an effort score was given: in the widget after an answer, or at the end of an article page. */
export const EFFORT_SOURCES = ['widget', 'article'] as const;

const day = () => date('day', { mode: 'string' }).notNull();
const count = (name: string) => integer(name).notNull();

/**
 * The UTC days whose rollup rows are complete: the summary reads these days
 * from the rollup tables and every other day from the events. A day is
 * listed, and its rows written, in one transaction.
 */
export const reportRollupDays = pgTable('report_rollup_days', {
  day: date('day', { mode: 'string' }).primaryKey(),
  /** When its rows were last computed. */
  rolledUpAt: timestamp('rolled_up_at', { withTimezone: true }).notNull().defaultNow(),
  /**
   * The version of the definitions its rows were computed with (ROLLUP_DEFINITIONS in
   * api/reports/rollup.ts): a day of an older version counts as not rolled up, so the next
   * run computes it again and the summary reads it from the events until then.
   */
  definitions: smallint('definitions').notNull().default(1),
});

/** Effort scores per day, locale, source and score (both sources of `ces_responses` and `article_feedback.ces`). */
export const reportDailyEffort = pgTable(
  'report_daily_effort',
  {
    day: day(),
    locale: text('locale', { enum: LOCALES }).notNull(),
    source: text('source', { enum: EFFORT_SOURCES }).notNull(),
    score: smallint('score').notNull(),
    count: count('count'),
  },
  (table) => [
    primaryKey({ columns: [table.day, table.locale, table.source, table.score] }),
    check('report_daily_effort_source_check', sql`${table.source} in (${inList(EFFORT_SOURCES)})`),
    check('report_daily_effort_score_check', sql`${table.score} between 1 and 5`),
    check('report_daily_effort_locale_check', sql`${table.locale} in (${inList(LOCALES)})`),
  ],
);

/**
 * Effort scores that name an article, per day, locale and article id as sent
 * (a translation key or a `<locale>/<slug>` id): how many and their sum.
 * Kept apart from {@link reportDailyEffort} so a day stays a few rows per
 * article instead of one per article, source and score.
 */
export const reportDailyArticleEffort = pgTable(
  'report_daily_article_effort',
  {
    day: day(),
    locale: text('locale', { enum: LOCALES }).notNull(),
    articleId: text('article_id').notNull(),
    count: count('count'),
    /** Sum of the scores. */
    total: count('total'),
  },
  (table) => [
    primaryKey({ columns: [table.day, table.locale, table.articleId] }),
    check('report_daily_article_effort_locale_check', sql`${table.locale} in (${inList(LOCALES)})`),
  ],
);

/** Outcome events per action, and hand-off events, per day and locale. */
export const reportDailyOutcomes = pgTable(
  'report_daily_outcomes',
  {
    day: day(),
    locale: text('locale', { enum: LOCALES }).notNull(),
    outcome: text('outcome', { enum: ROLLUP_OUTCOMES }).notNull(),
    count: count('count'),
  },
  (table) => [
    primaryKey({ columns: [table.day, table.locale, table.outcome] }),
    check('report_daily_outcomes_outcome_check', sql`${table.outcome} in (${inList(ROLLUP_OUTCOMES)})`),
    check('report_daily_outcomes_locale_check', sql`${table.locale} in (${inList(LOCALES)})`),
  ],
);

/** "Was this helpful?" on article pages per day and locale. */
export const reportDailyArticleFeedback = pgTable(
  'report_daily_article_feedback',
  {
    day: day(),
    locale: text('locale', { enum: LOCALES }).notNull(),
    helpful: count('helpful'),
    notHelpful: count('not_helpful'),
  },
  (table) => [
    primaryKey({ columns: [table.day, table.locale] }),
    check('report_daily_article_feedback_locale_check', sql`${table.locale} in (${inList(LOCALES)})`),
  ],
);

/** CSAT answers per day (of the first answer), locale and score. */
export const reportDailyCsat = pgTable(
  'report_daily_csat',
  {
    day: day(),
    locale: text('locale', { enum: LOCALES }).notNull(),
    score: smallint('score').notNull(),
    count: count('count'),
  },
  (table) => [
    primaryKey({ columns: [table.day, table.locale, table.score] }),
    check('report_daily_csat_score_check', sql`${table.score} between 1 and 5`),
    check('report_daily_csat_locale_check', sql`${table.locale} in (${inList(LOCALES)})`),
  ],
);

/**
 * Conversations with a question, counted on the day and in the locale of
 * their first question, and how many of them were not handed off.
 */
export const reportDailyConversations = pgTable(
  'report_daily_conversations',
  {
    day: day(),
    locale: text('locale', { enum: LOCALES }).notNull(),
    withQuestion: count('with_question'),
    /** Resolved: not handed off, and the assistant's last turn (set replies aside) answered with an article. */
    deflected: count('deflected'),
    /** Handed off (ever). The rest of `with_question` ended unresolved. */
    handedOff: integer('handed_off').notNull().default(0),
  },
  (table) => [
    primaryKey({ columns: [table.day, table.locale] }),
    check('report_daily_conversations_locale_check', sql`${table.locale} in (${inList(LOCALES)})`),
  ],
);

/**
 * Content-gap rows an agent dismissed ("not a gap"), per locale and normalised
 * wording (the row's key): hidden from the list until dismissed again is undone.
 */
export const contentGapDismissals = pgTable(
  'content_gap_dismissals',
  {
    locale: text('locale', { enum: LOCALES }).notNull(),
    /** The row's normalised wording (api/reports/gaps.ts wordingKey). */
    key: text('key').notNull(),
    /** The row's wording when it was dismissed, for people reading the table. */
    wording: text('wording').notNull(),
    dismissedBy: uuid('dismissed_by').references(() => agents.id, { onDelete: 'set null' }),
    dismissedAt: timestamp('dismissed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.locale, table.key] }), check('content_gap_dismissals_locale_check', sql`${table.locale} in (${inList(LOCALES)})`)],
);

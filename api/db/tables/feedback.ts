/** Feedback on articles and on solved tickets (CSAT). */
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { LOCALES } from '../../../core/locale.ts';
import { createdAt, inList } from './columns.ts';
import { tickets } from './tickets.ts';

/**
 * "Was this helpful?" and the effort question at the end of an article page.
 * Anonymous: no conversation, no address; once per idempotency key.
 */
export const articleFeedback = pgTable(
  'article_feedback',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The browser's idempotency key: a resend is not counted twice. */
    idempotencyKey: text('idempotency_key').notNull().unique(),
    articleId: text('article_id').notNull(),
    locale: text('locale', { enum: LOCALES }).notNull(),
    helpful: boolean('helpful'),
    /** Effort, 1 (hardly any) to 5 (a lot). */
    ces: smallint('ces'),
    createdAt: createdAt(),
  },
  (table) => [
    index('article_feedback_locale_created_at_idx').on(table.locale, table.createdAt),
    index('article_feedback_created_at_report_idx').on(table.createdAt, table.locale, table.ces, table.helpful, table.articleId),
    // The content-gap report's high-effort and unhelpful articles, from the index alone.
    index('article_feedback_gap_idx').on(table.locale, table.createdAt, table.articleId).where(sql`${table.ces} >= 4 or ${table.helpful} = false`),
    check('article_feedback_ces_check', sql`${table.ces} between 1 and 5`),
    check('article_feedback_locale_check', sql`${table.locale} in (${inList(LOCALES)})`),
    check('article_feedback_something_check', sql`${table.helpful} is not null or ${table.ces} is not null`),
  ],
);

/** Why an article was not helpful, as the customer picked it after "No" (site/feedback/article-feedback.ts). */
export const UNHELPFUL_WHY = ['no_answer', 'unclear', 'outdated', 'other'] as const;

/**
 * What was missing from an article: the follow-up to "No" at the end of an
 * article page, a reason and an optional comment (redacted in the browser
 * and again by the API). Anonymous like `article_feedback`; once per
 * idempotency key (one per article and browser). An admin can delete the
 * comment (`comment_deleted_at`), and retention clears comments after
 * `RETENTION_DAYS`; the reason stays as an anonymous count.
 */
export const articleUnhelpful = pgTable(
  'article_unhelpful',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The browser's idempotency key: a resend or a double click is not counted twice. */
    idempotencyKey: text('idempotency_key').notNull().unique(),
    articleId: text('article_id').notNull(),
    locale: text('locale', { enum: LOCALES }).notNull(),
    why: text('why', { enum: UNHELPFUL_WHY }).notNull(),
    /** What the customer typed, redacted; null when they typed nothing or it was deleted. Plain text, never HTML. */
    comment: text('comment'),
    /** When an admin deleted the comment or retention cleared it. */
    commentDeletedAt: timestamp('comment_deleted_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [
    index('article_unhelpful_locale_created_at_idx').on(table.locale, table.createdAt, table.articleId),
    // Retention's sweep of old comments.
    index('article_unhelpful_comment_created_at_idx').on(table.createdAt).where(sql`${table.comment} is not null`),
    check('article_unhelpful_why_check', sql`${table.why} in (${inList(UNHELPFUL_WHY)})`),
    check('article_unhelpful_locale_check', sql`${table.locale} in (${inList(LOCALES)})`),
  ],
);

/**
 * Customer satisfaction with a solved ticket, 1–5 (4 and 5 count as
 * satisfied). One per ticket: a second answer replaces the first. Survives
 * the ticket's erasure as an anonymous count.
 */
export const csatResponses = pgTable(
  'csat_responses',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'set null' }),
    score: smallint('score').notNull(),
    locale: text('locale', { enum: LOCALES }).notNull(),
    /** Where it was given: the widget or the link in the e-mail. */
    channel: text('channel', { enum: ['widget', 'email'] }).notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('csat_responses_ticket_id_idx').on(table.ticketId),
    index('csat_responses_created_at_idx').on(table.createdAt),
    check('csat_responses_score_check', sql`${table.score} between 1 and 5`),
    check('csat_responses_locale_check', sql`${table.locale} in (${inList(LOCALES)})`),
  ],
);

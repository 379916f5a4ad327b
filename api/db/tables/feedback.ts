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

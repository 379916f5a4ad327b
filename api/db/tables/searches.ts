/** Failed searches: input for the content-gap report. */
import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { LOCALES } from '../../../core/locale.ts';

/**
 * A search on the help pages that found nothing (or too little), reported by
 * the browser. Input for the content-gap report: which article to write next.
 * The query is redacted of personal data in the browser and again by the API.
 */
export const failedSearches = pgTable(
  'failed_searches',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** What the visitor typed, with e-mail addresses, phone numbers and long numbers replaced. */
    query: text('query').notNull(),
    /** Locale of the page the search ran on. */
    locale: text('locale', { enum: LOCALES }).notNull(),
    /** How many results the search showed (0 for none). */
    resultCount: integer('result_count').notNull(),
    /**
     * The browser's idempotency key when the report came through the batched
     * signals intake (`POST /api/signals`), so a resend is not counted twice;
     * null for rows stored through the retired `POST /api/searches/failed`.
     */
    idempotencyKey: text('idempotency_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // The report reads one locale over a period.
    index('failed_searches_locale_created_at_idx').on(table.locale, table.createdAt),
    // Nulls are distinct, so the reports without a key never collide.
    uniqueIndex('failed_searches_idempotency_key_idx').on(table.idempotencyKey),
    check('failed_searches_locale_check', sql`${table.locale} in (${sql.raw(LOCALES.map((l) => `'${l}'`).join(', '))})`),
    check('failed_searches_result_count_check', sql`${table.resultCount} >= 0`),
  ],
);

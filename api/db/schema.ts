/**
 * The database schema: one drizzle table per fact the API stores. drizzle-kit
 * reads this file to generate the migrations in `migrations/`
 * (`npm run db:generate`); never edit a generated migration by hand.
 *
 * Keep this file free of imports from the rest of the code base: drizzle-kit
 * loads it with its own module loader.
 */
import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Locales a row can be in. The same list as `LOCALES` in
 * site/search/analysis.ts (a test keeps them equal); repeated here because a
 * new locale needs a migration anyway.
 */
export const DB_LOCALES = ['nl', 'en'] as const;

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
    locale: text('locale', { enum: DB_LOCALES }).notNull(),
    /** How many results the search showed (0 for none). */
    resultCount: integer('result_count').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // The report reads one locale over a period.
    index('failed_searches_locale_created_at_idx').on(table.locale, table.createdAt),
    check('failed_searches_locale_check', sql`${table.locale} in (${sql.raw(DB_LOCALES.map((l) => `'${l}'`).join(', '))})`),
    check('failed_searches_result_count_check', sql`${table.resultCount} >= 0`),
  ],
);

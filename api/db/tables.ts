/**
 * The database tables: one drizzle table per fact the API stores, in one file
 * per domain under `tables/`. drizzle-kit reads this file (and what it
 * re-exports) to generate the migrations in `migrations/`
 * (`npm run db:generate`); never edit a generated migration by hand.
 *
 * Keep the table files free of imports from the rest of the code base but the
 * import-free core/locale.ts: drizzle-kit loads them with its own module loader.
 */
export * from './tables/searches.ts';
export * from './tables/conversations.ts';
export * from './tables/tickets.ts';
export * from './tables/agents.ts';
export * from './tables/requests.ts';
export * from './tables/feedback.ts';
export * from './tables/phrasings.ts';
export * from './tables/webhooks.ts';
export * from './tables/jobs.ts';
export * from './tables/reports.ts';
export * from './tables/secrets.ts';
export * from './tables/mail.ts';
export * from './tables/routing.ts';
export * from './tables/attachments.ts';

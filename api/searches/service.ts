/**
 * Failed searches: what visitors looked for and did not find. Queries, no
 * Hono: the routes and (later) the content-gap report call these.
 */
import { redactForStorage } from '#core/privacy/redact.ts';
import type { Db } from '../db/database.ts';
import { failedSearches } from '../db/schema.ts';
import type { FailedSearchReport } from './schema.ts';

/**
 * Stores one failed search. The browser has redacted the query already; it is
 * redacted again here because the API cannot trust its callers, and it is
 * what ends up in the database.
 */
export async function recordFailedSearch(db: Db, report: FailedSearchReport): Promise<void> {
  // Not cut back to MAX_QUERY_LENGTH: a placeholder may be longer than what it replaced.
  const query = redactForStorage(report.query);
  await db.insert(failedSearches).values({ query, locale: report.locale, resultCount: report.resultCount });
}

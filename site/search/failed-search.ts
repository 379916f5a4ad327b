/**
 * Failed searches: a search that found nothing is reported through the
 * outbox, as a signal, so the team sees which articles are missing. Loaded
 * by `client.ts` only when there is something to report: the outbox and the
 * redaction are no part of the first search's download.
 */
import type { Locale } from '#core/locale.ts';
import { redactAndCut } from '#core/privacy/redact.ts';
import { pageOutbox } from '../chat/browser-outbox.ts';
import type { KeyValueStorage } from '../chat/outbox.ts';

/** Longest query reported; the API's limit (api/signals/schema.ts MAX_QUERY_LENGTH). */
export const MAX_QUERY_LENGTH = 200;

/** sessionStorage: the failed searches this tab has reported, so the box and the results page count one search once. */
const REPORTED_KEY = 'wegwijs.search.reported';
/** How many reported queries the tab remembers (the oldest go first). */
const REMEMBERED = 50;

/**
 * The `failed_search` signal for a search without results, or null when
 * there is nothing to report: a query of under two characters, or one this
 * tab reported already. "Once per search": the box reports a query that
 * stays without results, Enter takes the visitor to the results page with
 * the same query, and that page must not count it again. The query is
 * redacted here, before anything leaves the browser.
 */
export function failedSearchSignal(
  storage: KeyValueStorage,
  locale: Locale,
  query: string,
  resultCount: number,
): { type: 'failed_search'; query: string; locale: Locale; resultCount: number } | null {
  const text = redactAndCut(query.trim(), MAX_QUERY_LENGTH);
  if (text.length < 2) return null;
  const id = `${locale}:${text}`;
  let reported: string[] = [];
  try {
    const stored: unknown = JSON.parse(storage.getItem(REPORTED_KEY) ?? '[]');
    if (Array.isArray(stored)) reported = stored.filter((item): item is string => typeof item === 'string');
  } catch {
    // A damaged entry is forgotten; at worst one search counts twice.
  }
  if (reported.includes(id)) return null;
  storage.setItem(REPORTED_KEY, JSON.stringify([...reported, id].slice(-REMEMBERED)));
  return { type: 'failed_search', query: text, locale, resultCount };
}

/**
 * Reports a search without results through the page's outbox, as a
 * `failed_search` signal (`POST /api/signals`): stored first, sent with a
 * key, so a report cut off by the navigation to the results page goes out
 * from the next page and counts once.
 */
export function enqueueFailedSearch(locale: Locale, query: string, resultCount: number): void {
  // The outbox also flushes what an earlier page left waiting.
  const outbox = pageOutbox();
  const signal = failedSearchSignal(window.sessionStorage, locale, query, resultCount);
  if (signal) outbox.enqueue('/signals', signal);
}

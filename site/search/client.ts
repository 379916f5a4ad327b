/**
 * Browser side of search: downloads the index once per page and reports
 * searches that found nothing, so the team sees which articles are missing.
 */
import type { Locale } from './analysis.ts';
import { type OpenSearchIndex, type SearchIndexAsset, openSearchIndex } from './engine.ts';
import { redact } from '../privacy/redact.ts';

const indexes = new Map<string, Promise<OpenSearchIndex>>();

/** The search index at `url`, fetched on first use and shared by every island on the page. */
export function loadSearchIndex(url: string): Promise<OpenSearchIndex> {
  let index = indexes.get(url);
  if (!index) {
    index = fetch(url).then(async (response) => {
      if (!response.ok) throw new Error(`Wegwijs search: ${url} answered ${response.status}`);
      return openSearchIndex((await response.json()) as SearchIndexAsset);
    });
    // A failed download may be retried on the next keystroke.
    index.catch(() => indexes.delete(url));
    indexes.set(url, index);
  }
  return index;
}

const reported = new Set<string>();

/**
 * Reports a search without results, once per query and page. Fire and
 * forget: a lost report costs one data point, never the visitor's time.
 * Personal data is redacted here, before anything leaves the browser.
 */
export function reportFailedSearch(locale: Locale, query: string, resultCount: number): void {
  const text = redact(query.trim()).slice(0, 200);
  if (text.length < 2 || reported.has(text)) return;
  reported.add(text);
  fetch('/api/searches/failed', {
    method: 'POST',
    keepalive: true,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: text, locale, resultCount }),
  }).catch(() => {});
}

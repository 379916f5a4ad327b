/**
 * Browser side of search: downloads the index once per page and reports
 * searches that found nothing, so the team sees which articles are missing.
 */
import type { Locale } from '#core/locale.ts';
import { type OpenSearchIndex, type SearchIndexAsset, openSearchIndex } from './engine.ts';
import { ShardedSearchIndex, isShardedManifest } from './shards.ts';
import { redactAndCut } from '#core/privacy/redact.ts';

const indexes = new Map<string, Promise<OpenSearchIndex>>();

async function fetchJson(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Wegwijs search: ${url} answered ${response.status}`);
  return response.json();
}

/**
 * The search index at `url`, fetched on first use and shared by every island
 * on the page. On a large site `url` is a manifest and the index fetches its
 * shards, from the same folder, as queries need them (see `prepareSearch`).
 */
export function loadSearchIndex(url: string): Promise<OpenSearchIndex> {
  let index = indexes.get(url);
  if (!index) {
    const folder = url.slice(0, url.lastIndexOf('/') + 1);
    index = fetchJson(url).then((asset) =>
      isShardedManifest(asset) ? new ShardedSearchIndex(asset, (file) => fetchJson(folder + file)) : openSearchIndex(asset as SearchIndexAsset),
    );
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
  const text = redactAndCut(query.trim(), 200);
  if (text.length < 2 || reported.has(text)) return;
  reported.add(text);
  fetch('/api/searches/failed', {
    method: 'POST',
    keepalive: true,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: text, locale, resultCount }),
  }).catch(() => {});
}

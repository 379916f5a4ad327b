/**
 * Browser side of search: downloads the index once per page (and, on a large
 * site, the code that reads its shards) and reports searches that found
 * nothing, loading what reporting needs only then (`failed-search.ts`).
 */
import { loadStemmer } from '#core/language/analysis.ts';
import type { Locale } from '#core/locale.ts';
import { type OpenSearchIndex, openSearchIndex } from './engine.ts';
import { type WholeSearchIndexFile, isShardedManifest, unpackWholeIndex } from './format.ts';

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
export function loadSearchIndex(url: string, locale: Locale): Promise<OpenSearchIndex> {
  let index = indexes.get(url);
  if (!index) {
    const folder = url.slice(0, url.lastIndexOf('/') + 1);
    // The page's language's stemmer, fetched beside the index: a query is analysed as the index was.
    const stemmer = loadStemmer(locale);
    index = fetchJson(url).then(async (file) => {
      await stemmer;
      if (!isShardedManifest(file)) return openSearchIndex(unpackWholeIndex(file as WholeSearchIndexFile));
      const { ShardedSearchIndex } = await import('./shards.ts');
      return new ShardedSearchIndex(file, (shard) => fetchJson(folder + shard));
    });
    // A failed download may be retried on the next keystroke.
    index.catch(() => indexes.delete(url));
    indexes.set(url, index);
  }
  return index;
}

/**
 * Reports a search without results as a `failed_search` signal (see
 * `failed-search.ts`), once per search. The code arrives after the call: a
 * report that the navigation to the results page cuts off is made there,
 * where the same search finds nothing again.
 */
export function reportFailedSearch(locale: Locale, query: string, resultCount: number): void {
  import('./failed-search.ts').then(
    (failed) => failed.enqueueFailedSearch(locale, query, resultCount),
    // Offline or a new deployment: the results page, or the next search, reports it.
    () => undefined,
  );
}

/**
 * The files a locale's search ships as, and how the browser tells them apart:
 * a small site's whole index ({@link WholeSearchIndexFile}, written by
 * `pack.ts`, opened with {@link unpackWholeIndex}), or a large site's
 * manifest and shards ({@link ShardedSearchManifest}, opened by `shards.ts`).
 *
 * The browser loads this module with the search box; `shards.ts` only when
 * the file is a manifest, so a small site downloads none of its code.
 */
import type { Locale } from '#core/locale.ts';
import type { SearchIndexAsset } from './engine.ts';

/**
 * A small site's whole index as the browser downloads it: the built index
 * ({@link SearchIndexAsset}) with its compound lexicon written as positions.
 * Every lexicon stem is also an index term (both come from the same words of
 * the same articles, `buildLexicon` and the index's `termsOfWord`), so a
 * position of a byte or two says what the word itself said in eight: the
 * Dutch demo's lexicon drops from 4.1 KB gzip to 0.2 KB.
 */
export interface WholeSearchIndexFile {
  /** Format version: a browser holding an older page refuses a newer file instead of misreading it. */
  v: 2;
  locale: Locale;
  lexicon: {
    /** Positions in `index.index` of the terms that are lexicon stems, each as the distance from the one before. */
    terms: number[];
    /** Lexicon stems that are no index term, space-separated (none, as the site builds them today). */
    words: string;
  };
  index: SearchIndexAsset['index'];
}

/** Writes a built index as the browser downloads it. */
export function packWholeIndex(asset: SearchIndexAsset): WholeSearchIndexFile {
  const stems = new Set(asset.lexicon === '' ? [] : asset.lexicon.split(' '));
  const terms: number[] = [];
  let previous = 0;
  asset.index.index.forEach(([term], position) => {
    if (!stems.delete(term)) return;
    terms.push(position - previous);
    previous = position;
  });
  return { v: 2, locale: asset.locale, lexicon: { terms, words: [...stems].join(' ') }, index: asset.index };
}

/** The built index back from a downloaded {@link WholeSearchIndexFile}. */
export function unpackWholeIndex(file: WholeSearchIndexFile): SearchIndexAsset {
  if (file.v !== 2) throw new Error(`Wegwijs search: index format ${String(file.v)} is not supported`);
  const stems: string[] = [];
  let position = 0;
  for (const distance of file.lexicon.terms) {
    position += distance;
    const entry = file.index.index[position];
    if (!entry) throw new Error(`Wegwijs search: the lexicon names term ${position}, the index has ${file.index.index.length}`);
    stems.push(entry[0]);
  }
  if (file.lexicon.words !== '') stems.push(...file.lexicon.words.split(' '));
  return { v: 1, locale: file.locale, lexicon: stems.sort().join(' '), index: file.index };
}

/** Postings of one term: per field id, `[docId delta, term frequency, …]` in ascending doc id order. */
export type TermPostings = [term: string, ...fields: (number | number[])[]];
/** One article in a document shard: its id and stored (display) fields. */
export type StoredDocument = [id: string, fields: Record<string, unknown>];

/** The file the pages link on a sharded site (see `shards.ts`). */
export interface ShardedSearchManifest {
  /** Format version of the manifest and its shards. */
  v: 1;
  locale: Locale;
  /** Stems known in this locale, for splitting Dutch compounds in queries. Space-separated. */
  lexicon: string;
  shards: {
    documentCount: number;
    fieldIds: Record<string, number>;
    averageFieldLength: number[];
    /** Length of each field of each article: `fieldIds` numbers per article, in doc id order. */
    fieldLength: number[];
    /** Every index term, sorted, space-separated. */
    terms: string;
    /** Term shard files (relative to the manifest), in term order. */
    termShards: string[];
    /** How many terms (of `terms`, in order) each term shard holds. */
    termShardSizes: number[];
    /** Document shard files (relative to the manifest): shard `i` holds doc ids `i * documentShardSize` onwards. */
    documentShards: string[];
    documentShardSize: number;
  };
}

/** True when a downloaded search file is a {@link ShardedSearchManifest} rather than a whole index. */
export function isShardedManifest(file: unknown): file is ShardedSearchManifest {
  return typeof file === 'object' && file !== null && 'shards' in file;
}

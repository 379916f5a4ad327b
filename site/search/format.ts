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
  return {
    v: 2,
    locale: asset.locale,
    lexicon: packLexicon(
      asset.lexicon,
      asset.index.index.map(([term]) => term),
    ),
    index: asset.index,
  };
}

/** The built index back from a downloaded {@link WholeSearchIndexFile}. */
export function unpackWholeIndex(file: WholeSearchIndexFile): SearchIndexAsset {
  if (file.v !== 2) throw new Error(`Wegwijs search: index format ${String(file.v)} is not supported`);
  const lexicon = unpackLexicon(file.lexicon, (position) => file.index.index[position]?.[0], file.index.index.length);
  return { v: 1, locale: file.locale, lexicon, index: file.index };
}

/** A compound lexicon written as positions in a list of index terms (see {@link WholeSearchIndexFile}). */
export type PackedLexicon = WholeSearchIndexFile['lexicon'];

/**
 * Writes a lexicon (stems, space-separated) as positions in `terms`, the
 * stems that are no term as words.
 */
export function packLexicon(lexicon: string, terms: readonly string[]): PackedLexicon {
  const stems = new Set(lexicon === '' ? [] : lexicon.split(' '));
  const positions: number[] = [];
  let previous = 0;
  terms.forEach((term, position) => {
    if (!stems.delete(term)) return;
    positions.push(position - previous);
    previous = position;
  });
  return { terms: positions, words: [...stems].join(' ') };
}

/**
 * The lexicon (stems sorted, space-separated, as the build made it) back
 * from its positions in a term list of `count` terms, `termAt` giving each.
 */
export function unpackLexicon(packed: PackedLexicon, termAt: (position: number) => string | undefined, count: number): string {
  const stems: string[] = [];
  let position = 0;
  for (const distance of packed.terms) {
    position += distance;
    const term = termAt(position);
    if (term === undefined) throw new Error(`Wegwijs search: the lexicon names term ${position}, the index has ${count}`);
    stems.push(term);
  }
  if (packed.words !== '') stems.push(...packed.words.split(' '));
  return stems.sort().join(' ');
}

/** Postings of one term: per field id, `[docId delta, term frequency, …]` in ascending doc id order. */
export type TermPostings = [term: string, ...fields: (number | number[])[]];
/** One article in a document shard: its id and stored (display) fields. */
export type StoredDocument = [id: string, fields: Record<string, unknown>];

/**
 * The file the pages link on a sharded site (see `shards.ts`; `pack.ts`
 * writes it). Everything in it is downloaded before the first keystroke's
 * results, so each part is written as densely as plain JSON under gzip
 * allows (docs/decisions/036-denser-search-manifest.md).
 */
export interface ShardedSearchManifest {
  /** Format version of the manifest and its shards: a page holding an older version refuses a newer file instead of misreading it. */
  v: 2;
  locale: Locale;
  /** Stems known in this locale, for splitting Dutch compounds in queries: positions in the term list (`shards.terms`, decoded). */
  lexicon: PackedLexicon;
  shards: {
    documentCount: number;
    fieldIds: Record<string, number>;
    averageFieldLength: number[];
    /** Length of each field of each article: one {@link PackedNumbers} per field (in field id order), in doc id order. */
    fieldLength: PackedNumbers[];
    /**
     * Every index term, sorted and front-coded: each term is one capital
     * `A`–`Z` saying how many leading characters (0–25) it shares with the
     * term before, then the rest of it. Index terms are folded to lower
     * case, so a capital never occurs inside one.
     */
    terms: string;
    /** Term shards in term order: shard `i` is the file {@link shardFile}`(name, i)` and holds the next `sizes[i]` terms of `terms`. */
    termShards: { name: string; sizes: number[] };
    /** Document shards: shard `i` is the file {@link shardFile}`(name, i)` and holds doc ids `i * size` onwards. */
    documentShards: { name: string; size: number };
  };
}

/**
 * Whole numbers, each written as `width` base-64 digits ({@link DIGITS}) of
 * the number minus `min`, all in one string: gzip packs such a column
 * tighter than a JSON array of the numbers.
 */
export interface PackedNumbers {
  min: number;
  width: number;
  digits: string;
}

/** The digits of {@link PackedNumbers}, in value order; none needs escaping in JSON. */
export const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';

/**
 * The file of shard `i` of a kind whose shards share `name` (which carries a
 * hash of all of them, so every file can be cached forever): `nl.d.3f2a9c1b0d-12.json`.
 */
export function shardFile(name: string, i: number): string {
  return `${name}-${i}.json`;
}

/** True when a downloaded search file is a {@link ShardedSearchManifest} rather than a whole index. */
export function isShardedManifest(file: unknown): file is ShardedSearchManifest {
  return typeof file === 'object' && file !== null && 'shards' in file;
}

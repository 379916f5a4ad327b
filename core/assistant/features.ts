/**
 * From a customer's message to the sparse vector the assistant ranks with.
 *
 * Two views of the same text, each TF-IDF weighted (sublinear tf) and
 * l2-normalised on its own, then joined:
 * - words: the terms of the shared language analysis (`core/language/analysis.ts`:
 *   folding, stop words, Dutch diminutives and compounds, Snowball) as
 *   unigrams, plus bigrams of neighbouring terms ("kaart geblokkeerd");
 * - characters: n-grams inside each folded word, stop words included, so a
 *   typo ("pakkt"), an unseen inflection or a "not"/"why" still counts.
 *
 * Features are hashed into a fixed number of buckets, so the model ships no
 * vocabulary: the browser hashes the message the same way.
 */
import { termsOfWord, tokenize } from '../language/analysis.ts';
import type { Locale } from '../locale.ts';

/** How text becomes features. Stored in the model: the browser must use the same. */
export interface FeatureOptions {
  /** Shortest character n-gram (default 3). */
  charMin: number;
  /** Longest character n-gram (default 4: 5-grams added nothing on BANKING77 but cost time and size). */
  charMax: number;
  /** Share of the vector's weight on the word view; the rest goes to characters (default 0.5). */
  wordWeight: number;
  /**
   * Hash buckets are `2 ** bits` (default 21): few collisions, small bucket
   * ids. 21 rather than 22 saves a bit per shipped feature in the model asset
   * (about 1.5 KB gzip for the demo), at the same answers
   * (docs/decisions/030-chat-first-open-loads-what-the-first-answer-needs.md).
   */
  bits: number;
  /** Norm floor of the word view (default 10, about the 5th percentile of BANKING77 messages); see {@link vectorize}. */
  wordNormFloor: number;
  /** Norm floor of the character view (default 25, likewise). */
  charNormFloor: number;
}

/** Defaults of {@link FeatureOptions}, chosen on the BANKING77 calibration split (docs/benchmarks.md). */
export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = { charMin: 3, charMax: 4, wordWeight: 0.5, bits: 21, wordNormFloor: 10, charNormFloor: 25 };

/** What the analysis needs besides the text: the locale, the compound lexicon and the synonyms. */
export interface AnalysisContext {
  locale: Locale;
  /** Stems seen in the content, for splitting Dutch compounds. */
  lexicon: ReadonlySet<string>;
  /** Synonym replacement, from {@link compileSynonyms}. */
  synonyms: SynonymTable;
  /**
   * Per folded word, its terms and hashed features: a help center's messages
   * reuse a few thousand words, and stemming and hashing dominate the cost.
   * Filled on use; create it empty.
   */
  cache?: Map<string, WordFeatures>;
}

/** What one folded word contributes, computed once per word. */
export interface WordFeatures {
  /** Its terms (stems; for Dutch also diminutive bases and compound parts). */
  terms: string[];
  /** Hash buckets of its terms. */
  termBuckets: number[];
  /** Hash buckets of its character n-grams. */
  charBuckets: number[];
}

/** Synonym phrases by their first word: each phrase (folded words) with the words it becomes. */
export type SynonymTable = ReadonlyMap<string, readonly { from: readonly string[]; to: readonly string[] }[]>;

/**
 * Builds the replacement table for synonym groups: every member of a group is
 * replaced by the group's first member, so "pakje", "doos" and "zending" all
 * read as "pakket". Members may be phrases ("track en trace").
 */
export function compileSynonyms(groups: readonly (readonly string[])[]): SynonymTable {
  const table = new Map<string, { from: string[]; to: string[] }[]>();
  for (const group of groups) {
    const [canonical, ...others] = group.map((member) => chatWords(member));
    if (!canonical || canonical.length === 0) continue;
    for (const from of others) {
      const first = from[0];
      if (first === undefined || from.join(' ') === canonical.join(' ')) continue;
      const entries = table.get(first) ?? [];
      entries.push({ from, to: canonical });
      // Longest phrase first, so "track en trace" wins over "track".
      entries.sort((a, b) => b.from.length - a.from.length);
      table.set(first, entries);
    }
  }
  return table;
}

/**
 * Folded words of a chat message. Apostrophes go first, because customers
 * type "cant" as often as "can't" and both must read the same: n't joins
 * ("can't" → "cant"), a clitic drops ("where's" → "where", "auto's" → "auto"),
 * any other apostrophe inside a word joins ("m'n" → "mn"). The shared
 * tokenizer would split all of these into fragments.
 * @example chatWords("I can't find Anne's order") // ['i', 'cant', 'find', 'anne', 'order']
 */
export function chatWords(text: string): string[] {
  return tokenize(
    text
      .replace(/(?<=\p{L})['’‘`](?=t\b)/gu, '')
      .replace(/(?<=\p{L})['’‘`](?:s|re|ll|ve|d|m)\b/gu, '')
      .replace(/(?<=\p{L})['’‘`](?=\p{L})/gu, ''),
  );
}

/** Words of `text` ({@link chatWords}) with synonyms replaced. */
export function wordsOf(text: string, synonyms: SynonymTable): string[] {
  const words = chatWords(text);
  if (synonyms.size === 0) return words;
  const out: string[] = [];
  for (let i = 0; i < words.length; ) {
    const entries = synonyms.get(words[i]!);
    const hit = entries?.find((entry) => entry.from.every((word, k) => words[i + k] === word));
    if (hit) {
      out.push(...hit.to);
      i += hit.from.length;
    } else {
      out.push(words[i]!);
      i += 1;
    }
  }
  return out;
}

/** Term counts of one view: bucket ids ascending, each with its count. */
export interface ViewCounts {
  buckets: Int32Array;
  counts: Int32Array;
}

/** Raw feature counts of one text, per view. */
export interface FeatureCounts {
  words: ViewCounts;
  chars: ViewCounts;
}

/**
 * 32-bit FNV-1a of a string, folded into `bits` bits. Deterministic on every
 * platform (Math.imul), which matters more here than speed.
 */
export function hashFeature(feature: string, bits: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < feature.length; i++) {
    hash ^= feature.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  // xor-fold the high bits in: FNV's low bits alone are weak.
  return ((hash >>> bits) ^ hash) & ((1 << bits) - 1);
}

/** Sorts buckets and counts repeats: no Map per text, which matters for 15,000 phrasings. */
function viewCounts(buckets: number[]): ViewCounts {
  const sorted = Int32Array.from(buckets).sort();
  const out: ViewCounts = { buckets: new Int32Array(sorted.length), counts: new Int32Array(sorted.length) };
  let length = 0;
  for (const bucket of sorted) {
    if (length > 0 && out.buckets[length - 1] === bucket) out.counts[length - 1]!++;
    else {
      out.buckets[length] = bucket;
      out.counts[length++] = 1;
    }
  }
  return { buckets: out.buckets.slice(0, length), counts: out.counts.slice(0, length) };
}

/** The bucket of the bigram of two terms, from their buckets: no string to build per pair. */
function bigramBucket(first: number, second: number, bits: number): number {
  let hash = Math.imul(first ^ 0x9e3779b9, 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13) ^ second, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return ((hash >>> bits) ^ hash) & ((1 << bits) - 1);
}

/** The character n-grams of one folded word, padded with a space on both sides. */
export function charGrams(word: string, options: FeatureOptions): string[] {
  const padded = ` ${word} `;
  const grams: string[] = [];
  for (let n = options.charMin; n <= options.charMax; n++) {
    for (let i = 0; i + n <= padded.length; i++) grams.push(padded.slice(i, i + n));
  }
  return grams;
}

/** The features of one folded word, from the context's cache when it has them. */
export function featuresOfWord(word: string, context: AnalysisContext, options: FeatureOptions): WordFeatures {
  const cached = context.cache?.get(word);
  if (cached) return cached;
  const terms = termsOfWord(word, context.locale, context.lexicon);
  const features: WordFeatures = {
    terms,
    termBuckets: terms.map((term) => hashFeature(`w ${term}`, options.bits)),
    charBuckets: charGrams(word, options).map((gram) => hashFeature(gram, options.bits)),
  };
  context.cache?.set(word, features);
  return features;
}

/** Counts the word and character features of `text`. */
export function countFeatures(text: string, context: AnalysisContext, options: FeatureOptions): FeatureCounts {
  const words: number[] = [];
  const chars: number[] = [];
  let previous: number | null = null;
  for (const word of wordsOf(text, context.synonyms)) {
    const { termBuckets, charBuckets } = featuresOfWord(word, context, options);
    words.push(...termBuckets);
    if (termBuckets.length > 0) {
      if (previous !== null) words.push(bigramBucket(previous, termBuckets[0]!, options.bits));
      previous = termBuckets[0]!;
    }
    chars.push(...charBuckets);
  }
  return { words: viewCounts(words), chars: viewCounts(chars) };
}

/** A sparse vector: bucket ids (ascending) and their values. */
export interface SparseVector {
  buckets: Int32Array;
  values: Float64Array;
}

/**
 * TF-IDF (1 + ln tf) × idf per view, each view l2-normalised, joined with
 * weights √wordWeight and √(1 − wordWeight) so the result has length 1.
 * Buckets without an idf (unknown to the model) are dropped before
 * normalising: a word the content never uses must not dilute the rest.
 *
 * A view whose norm is below its floor is divided by the floor instead, so
 * it stays shorter than 1: a message of one common word ("jullie") carries
 * little evidence and must not get the confidence of a full question.
 */
export function vectorize(counts: FeatureCounts, idfOf: (bucket: number) => number | undefined, options: FeatureOptions): SparseVector {
  const words = weighView(counts.words, idfOf, Math.sqrt(options.wordWeight), options.wordNormFloor);
  const chars = weighView(counts.chars, idfOf, Math.sqrt(1 - options.wordWeight), options.charNormFloor);
  // Merge the two sorted views; a word bigram and an n-gram can share a bucket: their values add up.
  const out: SparseVector = {
    buckets: new Int32Array(words.buckets.length + chars.buckets.length),
    values: new Float64Array(words.buckets.length + chars.buckets.length),
  };
  let length = 0;
  let i = 0;
  let j = 0;
  while (i < words.buckets.length || j < chars.buckets.length) {
    const w = i < words.buckets.length ? words.buckets[i]! : Infinity;
    const c = j < chars.buckets.length ? chars.buckets[j]! : Infinity;
    if (w === c) {
      out.buckets[length] = w;
      out.values[length++] = words.values[i++]! + chars.values[j++]!;
    } else if (w < c) {
      out.buckets[length] = w;
      out.values[length++] = words.values[i++]!;
    } else {
      out.buckets[length] = c;
      out.values[length++] = chars.values[j++]!;
    }
  }
  return length === out.buckets.length ? out : { buckets: out.buckets.slice(0, length), values: out.values.slice(0, length) };
}

/** One view's TF-IDF values, normalised to `weight` (or less, below the floor); unknown buckets left out. */
function weighView(view: ViewCounts, idfOf: (bucket: number) => number | undefined, weight: number, floor: number): SparseVector {
  const buckets = new Int32Array(view.buckets.length);
  const values = new Float64Array(view.buckets.length);
  let length = 0;
  let norm = 0;
  for (let k = 0; k < view.buckets.length; k++) {
    const idf = idfOf(view.buckets[k]!);
    if (idf === undefined) continue;
    const value = (1 + Math.log(view.counts[k]!)) * idf;
    buckets[length] = view.buckets[k]!;
    values[length++] = value;
    norm += value * value;
  }
  const scale = norm === 0 ? 0 : weight / Math.max(floor, Math.sqrt(norm));
  for (let k = 0; k < length; k++) values[k]! *= scale;
  return { buckets: buckets.subarray(0, length), values: values.subarray(0, length) };
}

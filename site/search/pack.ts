/**
 * The build half of sharded search (see `shards.ts` for the why): a locale's
 * index shipped whole while it is small, pruned and split into a manifest,
 * term shards and document shards once it is large. Runs at build time only;
 * the pages load `shards.ts`, never this module.
 */
import type { AsPlainObject } from 'minisearch';
import type { SearchIndexAsset } from './engine.ts';
import {
  DIGITS,
  type PackedNumbers,
  type ShardedSearchManifest,
  type StoredDocument,
  type TermPostings,
  packLexicon,
  packWholeIndex,
  shardFile,
} from './format.ts';

/** A locale's whole index is sharded when its JSON is larger than this (≈ 110 KB gzip). */
export const SHARD_ABOVE_BYTES = 400_000;
/** Target size of one term shard's JSON (≈ 4 KB gzip); a single larger term gets a shard of its own. */
export const TERM_SHARD_BYTES = 12_000;
/**
 * Articles per document shard: one (≈ 0.2 KB gzip), so the 6 suggestions a
 * keystroke shows fetch their own display fields and no neighbour's. As-you-type
 * hits seldom share a shard of 10, so shards of 10 cost the first search
 * 15 files of ≈ 1.1 KB for the same 15 articles (decision 036).
 */
export const DOCUMENT_SHARD_SIZE = 1;
/** Body terms are pruned on sites with more articles than this, per locale. */
export const PRUNE_BODY_ABOVE_ARTICLES = 2_000;
/** Body terms kept per article when pruning: those with the highest tf·idf. */
export const BODY_TERMS_KEPT = 30;

/** The files one locale's search ships as. */
export interface PackedSearchIndex {
  /** The file the pages link: the whole index, or on a large site the manifest. */
  entry: string;
  /** File name → JSON text of the shards the manifest refers to; empty for a whole index. */
  shards: Map<string, string>;
}

/**
 * Packs a built index for the browser: whole while it is small (a
 * `WholeSearchIndexFile`); on a large site with pruned bodies
 * ({@link PRUNE_BODY_ABOVE_ARTICLES}) and sharded ({@link SHARD_ABOVE_BYTES}).
 * @param name Names a shard file from its kind and JSON (see {@link ShardOptions}).
 */
export function packSearchIndex(asset: SearchIndexAsset, name: ShardOptions['name']): PackedSearchIndex {
  const pruned =
    asset.index.documentCount > PRUNE_BODY_ABOVE_ARTICLES ? { ...asset, index: keepDistinctiveTerms(asset.index, 'body', BODY_TERMS_KEPT) } : asset;
  const whole = JSON.stringify(packWholeIndex(pruned));
  if (whole.length <= SHARD_ABOVE_BYTES) return { entry: whole, shards: new Map() };
  const { manifest, files } = shardSearchIndex(pruned, { name });
  return { entry: JSON.stringify(manifest), shards: files };
}

/** The files of a sharded index, named by the caller. */
export interface ShardedSearchFiles {
  manifest: ShardedSearchManifest;
  /** File name → JSON text, term and document shards. */
  files: Map<string, string>;
}

/** Options of {@link shardSearchIndex}; the defaults are the constants above. */
export interface ShardOptions {
  termShardBytes?: number;
  documentShardSize?: number;
  /**
   * Names the shards of a kind from their JSON texts, in order; shard `i` is
   * the file `shardFile(name, i)`. The name should carry a hash of all the
   * texts, so the files can be cached forever: one name per kind keeps
   * thousands of per-file hashes out of the manifest.
   */
  name: (kind: 'terms' | 'documents', jsons: readonly string[]) => string;
}

/**
 * Splits a whole index into a manifest, term shards and document shards.
 * @throws when the index has removed documents (a built index never has).
 */
export function shardSearchIndex(asset: SearchIndexAsset, options: ShardOptions): ShardedSearchFiles {
  const { termShardBytes = TERM_SHARD_BYTES, documentShardSize = DOCUMENT_SHARD_SIZE, name } = options;
  const index = asset.index;
  const count = index.documentCount;
  if (index.nextId !== count || Object.keys(index.documentIds).length !== count) {
    throw new Error('Wegwijs search: cannot shard an index with removed documents');
  }
  const fieldCount = Object.keys(index.fieldIds).length;
  const fieldLength: PackedNumbers[] = [];
  for (let f = 0; f < fieldCount; f++) {
    fieldLength.push(packNumbers(Array.from({ length: count }, (_, doc) => index.fieldLength[doc]?.[f] ?? 0)));
  }

  const entries = [...index.index].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const terms = entries.map(([term]) => term);
  const termJsons: string[] = [];
  const termShardSizes: number[] = [];
  let shard: TermPostings[] = [];
  let bytes = 0;
  const flush = () => {
    if (shard.length === 0) return;
    termJsons.push(JSON.stringify(shard));
    termShardSizes.push(shard.length);
    shard = [];
    bytes = 0;
  };
  for (const [term, fields] of entries) {
    const postings: TermPostings = [term];
    for (const [fieldId, docs] of Object.entries(fields)) {
      const ids = Object.keys(docs)
        .map(Number)
        .sort((a, b) => a - b);
      const encoded: number[] = [];
      let previous = 0;
      for (const id of ids) {
        encoded.push(id - previous, docs[id] as number);
        previous = id;
      }
      postings.push(Number(fieldId), encoded);
    }
    const size = JSON.stringify(postings).length + 1;
    if (bytes > 0 && bytes + size > termShardBytes) flush();
    shard.push(postings);
    bytes += size;
  }
  flush();

  const documentJsons: string[] = [];
  for (let first = 0; first < count; first += documentShardSize) {
    const docs: StoredDocument[] = [];
    for (let doc = first; doc < Math.min(count, first + documentShardSize); doc++) {
      docs.push([String(index.documentIds[doc]), (index.storedFields[doc] ?? {}) as Record<string, unknown>]);
    }
    documentJsons.push(JSON.stringify(docs));
  }

  const files = new Map<string, string>();
  const termShardName = name('terms', termJsons);
  const documentShardName = name('documents', documentJsons);
  for (const [i, json] of termJsons.entries()) files.set(shardFile(termShardName, i), json);
  for (const [i, json] of documentJsons.entries()) files.set(shardFile(documentShardName, i), json);

  return {
    manifest: {
      v: 2,
      locale: asset.locale,
      lexicon: packLexicon(asset.lexicon, terms),
      shards: {
        documentCount: count,
        fieldIds: index.fieldIds,
        averageFieldLength: index.averageFieldLength,
        fieldLength,
        terms: frontCode(terms),
        termShards: { name: termShardName, sizes: termShardSizes },
        documentShards: { name: documentShardName, size: documentShardSize },
      },
    },
    files,
  };
}

/** Writes whole numbers ≥ 0 as {@link PackedNumbers}. */
export function packNumbers(numbers: readonly number[]): PackedNumbers {
  if (numbers.some((n) => !Number.isInteger(n) || n < 0)) throw new Error('Wegwijs search: only whole numbers ≥ 0 can be packed');
  // A loop, not Math.min(...numbers): spreading a large site's numbers overflows the stack.
  let min = numbers[0] ?? 0;
  let max = min;
  for (const n of numbers) {
    min = Math.min(min, n);
    max = Math.max(max, n);
  }
  const range = max - min;
  let width = 0;
  while (DIGITS.length ** width <= range) width++;
  let digits = '';
  for (const n of numbers) {
    let text = '';
    for (let value = n - min, k = 0; k < width; k++, value = Math.floor(value / DIGITS.length)) text = DIGITS[value % DIGITS.length] + text;
    digits += text;
  }
  return { min, width, digits };
}

/** Longest prefix a front-coded term shares with the one before: `A` + 25 is `Z`. */
const MAX_SHARED = 25;

/** Front-codes sorted index terms as the manifest's `terms` (see `ShardedSearchManifest`). */
export function frontCode(terms: readonly string[]): string {
  let previous = '';
  let text = '';
  for (const term of terms) {
    if (term === '' || /[A-Z]/.test(term)) throw new Error(`Wegwijs search: cannot front-code the index term "${term}"`);
    let shared = 0;
    while (shared < MAX_SHARED && shared < term.length && term[shared] === previous[shared]) shared++;
    text += String.fromCharCode(65 + shared) + term.slice(shared);
    previous = term;
  }
  return text;
}

/**
 * Keeps, per article, only the `keep` most distinctive terms of one field
 * (highest tf·idf), dropping the rest of that field's postings. Field lengths
 * stay the true ones, so BM25's length normalisation is unchanged. Terms left
 * without any posting leave the index.
 */
export function keepDistinctiveTerms(index: AsPlainObject, field: string, keep: number): AsPlainObject {
  const fieldId = index.fieldIds[field];
  if (fieldId === undefined) throw new Error(`Wegwijs search: the index has no field "${field}"`);
  const key = String(fieldId);
  const n = index.documentCount;
  const perDocument = new Map<number, { term: string; score: number }[]>();
  for (const [term, fields] of index.index) {
    const docs = fields[key] as Record<string, number> | undefined;
    if (!docs) continue;
    const ids = Object.keys(docs);
    const idf = Math.log(n / ids.length);
    for (const id of ids) {
      const doc = Number(id);
      const list = perDocument.get(doc) ?? [];
      list.push({ term, score: (1 + Math.log(docs[id] ?? 1)) * idf });
      perDocument.set(doc, list);
    }
  }
  const kept = new Map<string, Set<number>>();
  for (const [doc, list] of perDocument) {
    // Ties broken by term, so the same content always gives the same index.
    list.sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : 1));
    for (const { term } of list.slice(0, keep)) {
      const docs = kept.get(term) ?? new Set();
      docs.add(doc);
      kept.set(term, docs);
    }
  }
  const pruned: AsPlainObject['index'] = [];
  for (const [term, fields] of index.index) {
    const next = { ...fields };
    const docs = fields[key] as Record<string, number> | undefined;
    if (docs) {
      const keepDocs = kept.get(term);
      const remaining = Object.fromEntries(Object.entries(docs).filter(([id]) => keepDocs?.has(Number(id))));
      if (Object.keys(remaining).length > 0) next[key] = remaining;
      else delete next[key];
    }
    if (Object.keys(next).length > 0) pruned.push([term, next]);
  }
  return { ...index, index: pruned };
}

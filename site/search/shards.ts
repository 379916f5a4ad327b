/**
 * Search on large help centers: the index of a locale split into shards, so
 * the first search downloads only what it needs.
 *
 * A small site ships its whole index as one file (see `engine.ts`). Once that
 * file passes `SHARD_ABOVE_BYTES`, the build writes instead:
 *
 * - a **manifest** (the file the pages link): every index term (no postings),
 *   the field lengths that BM25 needs, the compound lexicon and the shard list;
 * - **term shards**: the postings of a run of sorted terms, about
 *   `TERM_SHARD_BYTES` each;
 * - **document shards**: id and display fields of `DOCUMENT_SHARD_SIZE`
 *   articles each, fetched only for the hits on screen.
 *
 * The approach is Pagefind's (chunked index by term range, page fragments
 * loaded for visible results), on the same MiniSearch options as the small
 * site. To find which term shards a query needs, the browser runs the query
 * through the engine's own `searchArticles` against the term list; then it
 * runs it for real against the loaded postings. So prefix and typo matches
 * are the ones the whole index would give, and — once the shards are in — so
 * are the scores: {@link ShardedSearchIndex} is searched with the same
 * `searchArticles` as the small site, and `shards.test.ts` proves the results
 * identical.
 *
 * What else changes on a large site, and why:
 * - Above `PRUNE_BODY_ABOVE_ARTICLES` articles only the
 *   `BODY_TERMS_KEPT` most distinctive body terms of an article are
 *   indexed (title, phrasings, headings and summary stay whole). Common words
 *   in every body made a keystroke score nearly every article for almost no
 *   ranking signal: at 5,000 articles pruning about halves query time and
 *   cuts the index by a third (bench/site.ts).
 * - Prefix matching starts at {@link MIN_PREFIX_LENGTH} letters of the word
 *   being typed (counted after stemming, as MiniSearch sees it): "be" expands
 *   to a tenth of the Dutch vocabulary, which on a large site costs tens of
 *   milliseconds and a large download for results nobody reads.
 *   Elasticsearch caps prefix expansions (`max_expansions`) for the same reason.
 *
 * This module is the browser half (`ShardedSearchIndex`; the manifest's
 * shape is in `format.ts`), loaded only when a site's index is sharded; the
 * build half that writes the files is `pack.ts`, which the pages never load.
 * No DOM and no Node APIs: it runs in the browser, in Node and in tests.
 */
import MiniSearch, { type Options, type Query, type SearchOptions, type SearchResult } from 'minisearch';
import type { Locale } from '#core/locale.ts';
import { type OpenSearchIndex, type SearchDocument, miniSearchOptions, searchArticles } from './engine.ts';
import { DIGITS, type PackedNumbers, type ShardedSearchManifest, type StoredDocument, type TermPostings, shardFile, unpackLexicon } from './format.ts';

/** Shortest word being typed (its index term, after stemming) that is matched as a prefix on a sharded site. */
export const MIN_PREFIX_LENGTH = 3;

/** Downloads one shard file (named as in the manifest) and returns its parsed JSON. */
export type ShardFetcher = (file: string) => Promise<unknown>;

/** Options of {@link ShardedSearchIndex}. */
export interface ShardedSearchOptions {
  /** Shortest typed word matched as a prefix; default {@link MIN_PREFIX_LENGTH}. */
  minPrefixLength?: number;
}

/** Placeholder id of an article whose document shard is not loaded yet. */
const placeholder = (doc: number) => `#${doc}`;

/**
 * A MiniSearch whose postings and stored fields arrive shard by shard.
 * Everything BM25 needs about all articles (count, field lengths) is there
 * from the start, so the postings of a loaded term score exactly as in the
 * whole index.
 */
class PartialMiniSearch extends MiniSearch<SearchDocument> {
  /** The last plain search and its results, until a shard arrives: each keystroke asks for it twice (see `prepareSearch`). */
  #last: { query: string; results: SearchResult[] } | null = null;

  constructor(options: Options<SearchDocument>, shards: ShardedSearchManifest['shards']) {
    super(options);
    const fieldLengths = shards.fieldLength.map((packed) => unpackNumbers(packed, shards.documentCount));
    this._documentCount = shards.documentCount;
    this._nextId = shards.documentCount;
    this._fieldIds = shards.fieldIds;
    this._avgFieldLength = shards.averageFieldLength;
    for (let doc = 0; doc < shards.documentCount; doc++) {
      this._fieldLength.set(
        doc,
        fieldLengths.map((lengths) => lengths[doc] ?? 0),
      );
      // MiniSearch drops postings of unknown documents, so every article needs an id from the start.
      this._documentIds.set(doc, placeholder(doc));
    }
  }

  override search(query: Query, options?: SearchOptions): SearchResult[] {
    if (typeof query !== 'string' || options !== undefined) return super.search(query, options);
    if (this.#last?.query !== query) this.#last = { query, results: super.search(query) };
    return [...this.#last.results];
  }

  /** Adds the postings of a term shard. */
  addTerms(entries: TermPostings[]): void {
    this.#last = null;
    for (const [term, ...fields] of entries) {
      const data = new Map<number, Map<number, number>>();
      for (let i = 0; i + 1 < fields.length; i += 2) {
        const postings = new Map<number, number>();
        const encoded = fields[i + 1] as number[];
        let doc = 0;
        for (let j = 0; j + 1 < encoded.length; j += 2) {
          doc += encoded[j] as number;
          postings.set(doc, encoded[j + 1] as number);
        }
        data.set(fields[i] as number, postings);
      }
      this._index.set(term, data);
    }
  }

  /** Adds the ids and display fields of a document shard. */
  addDocuments(first: number, docs: StoredDocument[]): void {
    this.#last = null;
    docs.forEach(([id, fields], offset) => {
      this._documentIds.set(first + offset, id);
      this._idToShortId.set(id, first + offset);
      this._storedFields.set(first + offset, fields);
    });
  }
}

/**
 * Every index term pointing at one stand-in article: searching it tells which
 * terms a query matches (exact, prefix, typo) without any postings.
 */
class TermListMiniSearch extends MiniSearch<SearchDocument> {
  /** Index terms matched by the searches since the last {@link TermListMiniSearch.take}. */
  #matched = new Set<string>();

  constructor(options: Options<SearchDocument>, shards: ShardedSearchManifest['shards'], terms: string[]) {
    super(options);
    const fieldIds = Object.values(shards.fieldIds);
    this._documentCount = 1;
    this._nextId = 1;
    this._fieldIds = shards.fieldIds;
    this._avgFieldLength = fieldIds.map(() => 1);
    this._fieldLength.set(
      0,
      fieldIds.map(() => 1),
    );
    this._documentIds.set(0, placeholder(0));
    // One shared posting in every field: search never mutates it while the document exists.
    const posting = new Map([[0, 1]]);
    const data = new Map(fieldIds.map((id) => [id, posting]));
    for (const term of terms) this._index.set(term, data);
  }

  override search(query: Query, options?: SearchOptions): SearchResult[] {
    const results = super.search(query, options);
    for (const result of results) for (const term of result.terms) this.#matched.add(term);
    return results;
  }

  /** Returns and forgets the matched terms. */
  take(): Set<string> {
    const matched = this.#matched;
    this.#matched = new Set();
    return matched;
  }
}

/** The engine's options with prefix matching only from `minLength` letters. */
function withMinPrefix(options: Options<SearchDocument>, minLength: number): Options<SearchDocument> {
  const prefix = options.searchOptions?.prefix ?? false;
  return {
    ...options,
    searchOptions: {
      ...options.searchOptions,
      prefix: (term, i, terms) => term.length >= minLength && (typeof prefix === 'function' ? prefix(term, i, terms) : prefix),
    },
  };
}

/**
 * A sharded index, searched with the engine's `searchArticles` like a whole
 * one. Before searching a query, call {@link ShardedSearchIndex.load} (or use
 * {@link prepareSearch}); until it resolves, results lack the terms and
 * display fields still on their way.
 */
export class ShardedSearchIndex implements OpenSearchIndex {
  readonly locale: Locale;
  readonly lexicon: ReadonlySet<string>;
  readonly miniSearch: MiniSearch<SearchDocument>;
  readonly #partial: PartialMiniSearch;
  readonly #termList: OpenSearchIndex & { miniSearch: TermListMiniSearch };
  readonly #manifest: ShardedSearchManifest['shards'];
  readonly #fetch: ShardFetcher;
  /** Term → index of the term shard holding its postings. */
  readonly #shardOfTerm = new Map<string, number>();
  readonly #termShards = new Map<number, Promise<void>>();
  readonly #loadedTermShards = new Set<number>();
  readonly #documentShards = new Map<number, Promise<void>>();
  readonly #loadedDocumentShards = new Set<number>();

  constructor(manifest: ShardedSearchManifest, fetchShard: ShardFetcher, options: ShardedSearchOptions = {}) {
    if (manifest.v !== 2) throw new Error(`Wegwijs search: index format ${String(manifest.v)} is not supported`);
    this.locale = manifest.locale;
    const terms = unfrontCode(manifest.shards.terms);
    // The same set as a whole index's (`openSearchIndex`), so compounds split alike.
    this.lexicon = new Set(unpackLexicon(manifest.lexicon, (position) => terms[position], terms.length).split(' '));
    this.#manifest = manifest.shards;
    this.#fetch = fetchShard;
    let next = 0;
    manifest.shards.termShards.sizes.forEach((size, shard) => {
      for (let i = 0; i < size; i++) this.#shardOfTerm.set(terms[next++] ?? '', shard);
    });
    const engineOptions = withMinPrefix(miniSearchOptions(this.locale, this.lexicon), options.minPrefixLength ?? MIN_PREFIX_LENGTH);
    this.#partial = new PartialMiniSearch(engineOptions, manifest.shards);
    this.miniSearch = this.#partial;
    this.#termList = { locale: this.locale, lexicon: this.lexicon, miniSearch: new TermListMiniSearch(engineOptions, manifest.shards, terms) };
  }

  /** Term shards `query` needs that are not loaded yet. */
  missingTermShards(query: string): number[] {
    searchArticles(this.#termList, query);
    const shards = new Set<number>();
    for (const term of this.#termList.miniSearch.take()) {
      const shard = this.#shardOfTerm.get(term);
      if (shard !== undefined && !this.#loadedTermShards.has(shard)) shards.add(shard);
    }
    return [...shards].sort((a, b) => a - b);
  }

  /** Document shards the top `show` hits of `query` need that are not loaded yet (call once the term shards are in). */
  missingDocumentShards(query: string, show: number): number[] {
    const shards = new Set<number>();
    for (const hit of searchArticles(this, query, show)) {
      if (!hit.id.startsWith('#')) continue;
      const shard = Math.floor(Number(hit.id.slice(1)) / this.#manifest.documentShards.size);
      if (!this.#loadedDocumentShards.has(shard)) shards.add(shard);
    }
    return [...shards].sort((a, b) => a - b);
  }

  /** True when `searchArticles(this, query, show)` needs nothing more from the network. */
  isReady(query: string, show: number): boolean {
    return this.missingTermShards(query).length === 0 && this.missingDocumentShards(query, show).length === 0;
  }

  prepare(query: string, show: number): Promise<void> | null {
    return this.isReady(query, show) ? null : this.load(query, show);
  }

  /**
   * Downloads what searching `query` needs: the term shards of every term it
   * matches, then the document shards of its top `show` hits.
   */
  async load(query: string, show: number): Promise<void> {
    await Promise.all(this.missingTermShards(query).map((shard) => this.#loadTermShard(shard)));
    await Promise.all(this.missingDocumentShards(query, show).map((shard) => this.#loadDocumentShard(shard)));
  }

  /** Term and document shard files loaded so far (for the benchmark and tests). */
  loadedFiles(): string[] {
    return [
      ...[...this.#loadedTermShards].map((i) => shardFile(this.#manifest.termShards.name, i)),
      ...[...this.#loadedDocumentShards].map((i) => shardFile(this.#manifest.documentShards.name, i)),
    ];
  }

  #loadTermShard(shard: number): Promise<void> {
    let loading = this.#termShards.get(shard);
    if (!loading) {
      loading = this.#fetch(shardFile(this.#manifest.termShards.name, shard)).then((entries) => {
        this.#partial.addTerms(entries as TermPostings[]);
        this.#loadedTermShards.add(shard);
      });
      // A failed download may be retried by the next keystroke.
      loading.catch(() => this.#termShards.delete(shard));
      this.#termShards.set(shard, loading);
    }
    return loading;
  }

  #loadDocumentShard(shard: number): Promise<void> {
    let loading = this.#documentShards.get(shard);
    if (!loading) {
      loading = this.#fetch(shardFile(this.#manifest.documentShards.name, shard)).then((docs) => {
        this.#partial.addDocuments(shard * this.#manifest.documentShards.size, docs as StoredDocument[]);
        this.#loadedDocumentShards.add(shard);
      });
      loading.catch(() => this.#documentShards.delete(shard));
      this.#documentShards.set(shard, loading);
    }
    return loading;
  }
}

/** The sorted index terms back from the manifest's front-coded `terms`. */
export function unfrontCode(text: string): string[] {
  const terms: string[] = [];
  let previous = '';
  let start = 0;
  const isShared = (i: number) => {
    const code = text.charCodeAt(i);
    return code >= 65 && code <= 90;
  };
  if (text !== '' && !isShared(0)) throw new Error('Wegwijs search: the term list does not start with a term');
  for (let end = 1; end <= text.length; end++) {
    if (end < text.length && !isShared(end)) continue;
    previous = previous.slice(0, text.charCodeAt(start) - 65) + text.slice(start + 1, end);
    terms.push(previous);
    start = end;
  }
  return terms;
}

/** The `count` numbers of a {@link PackedNumbers}. */
export function unpackNumbers(packed: PackedNumbers, count: number): number[] {
  const { min, width, digits } = packed;
  if (digits.length !== count * width) throw new Error(`Wegwijs search: ${digits.length} digits cannot be ${count} numbers of ${width}`);
  const numbers: number[] = [];
  for (let i = 0; i < count; i++) {
    let value = 0;
    for (let k = 0; k < width; k++) {
      const digit = DIGITS.indexOf(digits[i * width + k] ?? '');
      if (digit < 0) throw new Error(`Wegwijs search: "${digits[i * width + k]}" is not a digit`);
      value = value * DIGITS.length + digit;
    }
    numbers.push(min + value);
  }
  return numbers;
}

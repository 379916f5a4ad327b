/**
 * The help-center search: one MiniSearch index per locale, built at build
 * time (see `buildSearchIndex`) and searched in the browser (see `openSearchIndex`
 * and `searchArticles`). Both sides get their options from here, so the
 * analysis of the index and of the query can never drift apart.
 */
import MiniSearch, { type AsPlainObject, type Options, type SearchResult } from 'minisearch';
import { fold, termsOfWord, tokenize } from '#core/language/analysis.ts';
import type { Locale } from '#core/locale.ts';

/** What the index knows of one article. */
export interface SearchDocument {
  /** Article id (`<locale>/<slug>`). */
  id: string;
  title: string;
  /** Category name in the article's locale. */
  category: string;
  /** Page URL (path). */
  url: string;
  summary: string;
  /** Phrasings, joined. */
  questions: string;
  /** Section headings, joined. */
  headings: string;
  /** Body as plain text. */
  body: string;
}

/**
 * A locale's built index: MiniSearch's plain object plus what the query side
 * needs. `pack.ts` writes it into the files the browser downloads (`format.ts`).
 */
export interface SearchIndexAsset {
  /** Version of this shape; the sharded manifest carries it on (`format.ts`). */
  v: 1;
  locale: Locale;
  /** Stems known in this locale, for splitting Dutch compounds in queries. Space-separated. */
  lexicon: string;
  index: AsPlainObject;
}

/** One search hit, as the search box and results page show it. */
export interface SearchHit {
  id: string;
  title: string;
  category: string;
  url: string;
  summary: string;
  score: number;
  /** Index terms that matched, for marking words in the snippet. */
  terms: string[];
}

/** Fields stored for display; everything else is only indexed. */
const STORED_FIELDS = ['title', 'category', 'url', 'summary'] as const;
const INDEXED_FIELDS = ['title', 'questions', 'headings', 'summary', 'body'] as const;

/**
 * Field weights: a match in the title or a customer phrasing says far more
 * about what the article is for than one word somewhere in the body.
 */
const BOOST = { title: 3, questions: 2, headings: 1.5, summary: 1.5, body: 1 };

/** A word with hyphens inside (`pre-order`, `e-mailadres`). */
const HYPHENATED_WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+/gu;
/** A word as the snippet marks it: hyphenated words whole, so `pre-order` is marked when `preorder` matched. */
const SNIPPET_WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;

/** Relative edit distance allowed for typo tolerance (MiniSearch's `fuzzy`); at most {@link MAX_TYPOS} edits. */
const FUZZY = 0.2;
const MAX_TYPOS = 2;

/**
 * Splits article text into words for the index: the words of `tokenize`, plus
 * each hyphenated word written as one (`pre-order` → `pre`, `order`, `preorder`),
 * because customers type "preorder", "soldout" and "email" where the content
 * writes "pre-order", "sold-out" and "e-mail". Queries use plain `tokenize`:
 * a query "pre-order" still finds `pre` and `order`.
 */
export function tokenizeForIndex(text: string): string[] {
  const words = tokenize(text);
  for (const hyphenated of fold(text).match(HYPHENATED_WORD) ?? []) words.push(hyphenated.replaceAll('-', ''));
  return words;
}

/**
 * The MiniSearch options of a locale's index, shared by the build, the
 * browser and the sharded index of large sites (see `shards.ts`).
 */
export function miniSearchOptions(locale: Locale, lexicon: ReadonlySet<string>): Options<SearchDocument> {
  // Content repeats its words endlessly: analysing each distinct word once makes
  // building a 5,000-article index several times faster.
  const analysed = new Map<string, string[] | null>();
  const processTerm = (word: string) => {
    let terms = analysed.get(word);
    if (terms === undefined) {
      const found = termsOfWord(word, locale, lexicon);
      terms = found.length > 0 ? found : null;
      analysed.set(word, terms);
    }
    return terms;
  };
  return {
    idField: 'id',
    fields: [...INDEXED_FIELDS],
    storeFields: [...STORED_FIELDS],
    tokenize: tokenizeForIndex,
    processTerm,
    searchOptions: {
      tokenize,
      processTerm,
      boost: BOOST,
      // As-you-type: only the word being typed is a prefix; finished words match whole (or with typos).
      prefix: (_term, index, terms) => index === terms.length - 1,
      fuzzy: (term) => (term.length >= 4 ? FUZZY : false),
      maxFuzzy: MAX_TYPOS,
      combineWith: 'OR',
    },
  };
}

/**
 * Builds the search index asset of one locale.
 * @param lexicon Stems used to split Dutch compounds (see `buildLexicon`).
 */
export function buildSearchIndex(documents: SearchDocument[], locale: Locale, lexicon: string[]): SearchIndexAsset {
  const miniSearch = new MiniSearch(miniSearchOptions(locale, new Set(lexicon)));
  miniSearch.addAll(documents);
  return { v: 1, locale, lexicon: lexicon.join(' '), index: miniSearch.toJSON() };
}

/** An index ready to search, in the browser or in Node. */
export interface OpenSearchIndex {
  locale: Locale;
  lexicon: ReadonlySet<string>;
  miniSearch: MiniSearch<SearchDocument>;
  /**
   * A large site's index (`shards.ts`): what it still has to download before
   * `searchArticles(…, query, show)` shows its top `show` hits complete, or
   * null when nothing. A whole index has it all and leaves this out.
   */
  prepare?(query: string, show: number): Promise<void> | null;
}

/**
 * What to wait for before `searchArticles(index, query, …)` shows its top
 * `show` hits complete: null when nothing (a whole index, or the shards are
 * in), else the download.
 */
export function prepareSearch(index: OpenSearchIndex, query: string, show: number): Promise<void> | null {
  return index.prepare?.(query, show) ?? null;
}

/** Opens a downloaded {@link SearchIndexAsset}. */
export function openSearchIndex(asset: SearchIndexAsset): OpenSearchIndex {
  if (asset.v !== 1) throw new Error(`Wegwijs search: index format ${String(asset.v)} is not supported`);
  const lexicon = new Set(asset.lexicon.split(' '));
  return { locale: asset.locale, lexicon, miniSearch: MiniSearch.loadJS(asset.index, miniSearchOptions(asset.locale, lexicon)) };
}

/**
 * Searches the articles. A hit must match at least half of the query's
 * words: MiniSearch ranks OR-matches well, but a count of "38 results" for a
 * four-word question mostly counts noise.
 */
export function searchArticles(index: OpenSearchIndex, query: string, limit = 20): SearchHit[] {
  const words = tokenize(query).filter((w) => termsOfWord(w, index.locale).length > 0);
  if (words.length === 0) return [];
  const needed = Math.max(1, Math.ceil(words.length / 2));
  // Analysed once per query, not once per result: a common word on a large site matches thousands.
  const wordTerms = words.map((w) => termsOfWord(w, index.locale, index.lexicon));
  return index.miniSearch
    .search(query)
    .filter((result) => matchedWordCount(result, wordTerms) >= needed)
    .slice(0, limit)
    .map((result) => ({
      id: String(result.id),
      title: String(result['title']),
      category: String(result['category']),
      url: String(result['url']),
      summary: String(result['summary']),
      score: result.score,
      terms: result.terms,
    }));
}

/** How many query words (given as their index terms) the result matched. */
function matchedWordCount(result: SearchResult, wordTerms: string[][]): number {
  const matched = result.queryTerms;
  return wordTerms.filter((terms) => terms.some((t) => matched.includes(t))).length;
}

/** A run of snippet text, marked when it matched the query. */
export interface SnippetPart {
  text: string;
  mark: boolean;
}

/**
 * Splits `text` into parts, marking the words whose index terms are among
 * `terms` (a hit's matched terms). Returns text only, never HTML: the caller
 * renders `mark` parts in a `<mark>` element.
 */
export function markSnippet(text: string, terms: string[], locale: Locale, lexicon?: ReadonlySet<string>): SnippetPart[] {
  const matched = new Set(terms);
  const parts: SnippetPart[] = [];
  let last = 0;
  for (const match of text.matchAll(SNIPPET_WORD)) {
    const word = match[0];
    const start = match.index;
    const isMatch = tokenizeForIndex(word).some((w) => termsOfWord(w, locale, lexicon).some((t) => matched.has(t)));
    if (!isMatch) continue;
    if (start > last) parts.push({ text: text.slice(last, start), mark: false });
    parts.push({ text: word, mark: true });
    last = start + word.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), mark: false });
  return parts;
}

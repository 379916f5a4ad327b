/**
 * What the pages need from content/, loaded once per build: URLs, categories
 * in order, translations and the search index asset of each locale.
 */
import { createHash } from 'node:crypto';
import { analyze, buildLexicon } from '#core/language/analysis.ts';
import type { Locale } from '#core/locale.ts';
import { type SearchDocument, type SearchIndexAsset, buildSearchIndex } from '../search/engine.ts';
import { packSearchIndex } from '../search/pack.ts';
import { type Article, articlePath, type Content, loadContent, publishedArticles } from '#core/content/load.node.ts';
import { markdownToText } from '#core/content/markdown.ts';
import type { Category } from '#core/content/schema.ts';
import { readRules } from '#core/assistant/content.node.ts';
import { synonymGroups } from '#core/assistant/lexicon.ts';
import { buildState } from '../build/state.ts';

let cached: Content | undefined;

/**
 * The folder that holds `content/`: `CONTENT_ROOT` when set (the benchmark
 * builds generated content this way), else the current directory.
 */
export function contentRoot(): string {
  return process.env['CONTENT_ROOT'] || process.cwd();
}

/**
 * The validated content of this build: read once per build (the build's
 * shared state, site/build/state.ts, holds it for the content loader and the
 * pages alike), else once per module.
 */
export function getContent(): Content {
  cached ??= buildState(contentRoot())?.content ?? loadContent(contentRoot());
  return cached;
}

/** Path of a locale's home page. */
export function homeUrl(locale: Locale): string {
  return `/${locale}/`;
}

/** Path of a locale's search results page. */
export function searchUrl(locale: Locale): string {
  return `/${locale}/search/`;
}

/** Path of a category page. */
export function categoryUrl(category: Category, locale: Locale): string {
  return `/${locale}/${category[locale].slug}/`;
}

/** Path of an article page. */
export function articleUrl(article: Pick<Article, 'locale' | 'category' | 'slug'>): string {
  return articlePath(article, categoryById(article.category));
}

/** The category with this id (content validation guarantees it exists). */
export function categoryById(id: string): Category {
  const category = getContent().categories.find((c) => c.id === id);
  if (!category) throw new Error(`Wegwijs: no category "${id}"`);
  return category;
}

/** Categories of a locale in their `order`. */
export function categoriesOf(locale: Locale): Category[] {
  return [...getContent().categories].sort((a, b) => a[locale].order - b[locale].order || a.id.localeCompare(b.id));
}

/** Published articles of a locale, optionally of one category, by title. */
export function articlesOf(locale: Locale, categoryId?: string): Article[] {
  return publishedArticles(getContent(), locale)
    .filter((a) => categoryId === undefined || a.category === categoryId)
    .sort((a, b) => a.title.localeCompare(b.title, locale));
}

let byKey: Map<string, Article[]> | undefined;

/**
 * Published articles by translation key, in content order. Every article page
 * looks up its translations and related articles: a scan of all articles per
 * page made a 5,000-article build quadratic (half a minute of lookups).
 */
function articlesByKey(): Map<string, Article[]> {
  if (!byKey) {
    byKey = new Map();
    for (const article of publishedArticles(getContent())) {
      const list = byKey.get(article.translationKey) ?? [];
      list.push(article);
      byKey.set(article.translationKey, list);
    }
  }
  return byKey;
}

/** The published article of `locale` with this translation key, if any. */
export function articleByKey(locale: Locale, translationKey: string): Article | undefined {
  return articlesByKey()
    .get(translationKey)
    ?.find((a) => a.locale === locale);
}

/** The other locales' versions of an article (for hreflang and the language link). */
export function translationsOf(article: Pick<Article, 'translationKey' | 'locale'>): Article[] {
  return (articlesByKey().get(article.translationKey) ?? []).filter((a) => a.locale !== article.locale);
}

/** Phrasings longer than this (in words) are stories, not search queries. */
const MAX_SEARCH_PHRASING_WORDS = 8;

/**
 * The phrasings the search box indexes: the short ones. A search box gets
 * keywords and short questions; a customer's three-sentence story belongs to
 * the assistant, and in the index its everyday words ("where", "my") would
 * outweigh the words of the articles that answer a two-word query.
 */
export function searchPhrasings(questions: readonly string[]): string[] {
  return questions.filter((question) => question.trim().split(/\s+/).length <= MAX_SEARCH_PHRASING_WORDS);
}

/**
 * The one-word synonyms an article is also found by: of each synonym group of
 * the assistant (content/assistant/<locale>.yaml and the lexicon it ships
 * with, core/assistant/lexicon.ts) that a text uses, the other
 * one-word members ("pakje", "pakkie", "zending" for "Waar is mijn pakket?").
 * Customers search with the words they type to the assistant; one list serves
 * both. The pages pass the title only: added for every article whose summary
 * or phrasings use a word, "package" became so common that "wheres my
 * package" lost the parcel article from the top 3 (site/search/quality.test.ts).
 * Added to the indexed phrasings at build time, so the browser's search code
 * and the index format stay as they are.
 */
export function synonymsFinder(groups: readonly (readonly string[])[], locale: Locale): (text: string) => string[] {
  // Analysed once per locale, not once per article: a build of 5,000 articles calls the finder 5,000 times.
  const members = groups.map((group) =>
    // Several-word members ("geld terug") would add their words one by one, each meaning less than the phrase.
    group.filter((member) => !/\s/.test(member)).map((word) => ({ word, terms: analyze(word, locale) })),
  );
  return (text) => {
    const used = new Set(analyze(text, locale));
    const found = new Set<string>();
    for (const group of members) {
      if (!group.some(({ terms }) => terms.some((term) => used.has(term)))) continue;
      for (const { word, terms } of group) if (terms.length > 0 && !terms.every((term) => used.has(term))) found.add(word);
    }
    return [...found];
  };
}

/** The search documents of a locale. */
export function searchDocuments(locale: Locale): SearchDocument[] {
  // The assistant's groups as its model reads them: the site's, then the shipped lexicon's ("kasticket" finds the invoice).
  const synonymsOf = synonymsFinder(synonymGroups(locale, readRules(contentRoot(), locale).synonyms), locale);
  return publishedArticles(getContent(), locale).map((article) => {
    const phrasings = searchPhrasings(article.questions);
    const alsoFoundBy = synonymsOf(article.title);
    return {
      id: article.id,
      title: article.title,
      category: categoryById(article.category)[locale].name,
      url: articleUrl(article),
      summary: article.summary,
      questions: [...phrasings, ...(alsoFoundBy.length > 0 ? [alsoFoundBy.join(' ')] : [])].join(' \n '),
      headings: article.headings.join(' \n '),
      body: markdownToText(article.body),
    };
  });
}

/** A search file under /search-index/ with its content-hashed name. */
export interface SearchFile {
  /** File name under /search-index/, e.g. `nl.3f2a9c1b0d.json`. */
  name: string;
  json: string;
}

/** A locale's search index as the site ships it. */
export interface SearchIndexFile extends SearchFile {
  /** On a large site the entry file is a manifest and these are its shards (see search/pack.ts); else empty. */
  shards: SearchFile[];
}

const indexFiles = new Map<Locale, SearchIndexFile>();

/** First 10 hex digits of the SHA-256 of `text`: a file name that changes exactly when its bytes do. */
function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 10);
}

/**
 * The search index of a locale, built once per build. Every name carries a
 * hash of its bytes (a shard's: of all the shards of its kind), so the files
 * can be cached forever and every page that links them agrees on the names.
 */
export function searchIndexFile(locale: Locale): SearchIndexFile {
  let file = indexFiles.get(locale);
  if (!file) {
    const documents = searchDocuments(locale);
    // Only Dutch splits compounds; an English lexicon would be dead weight in the download.
    const lexicon =
      locale === 'nl'
        ? buildLexicon(
            documents.flatMap((d) => [d.title, d.questions, d.headings, d.summary, d.body]),
            locale,
          )
        : [];
    const asset: SearchIndexAsset = buildSearchIndex(documents, locale, lexicon);
    // The shards of a kind share one name, hashed over all of them (JSON has no raw newline: the joined text is unambiguous).
    const packed = packSearchIndex(asset, (kind, jsons) => `${locale}.${kind === 'terms' ? 't' : 'd'}.${contentHash(jsons.join('\n'))}`);
    file = {
      name: `${locale}.${contentHash(packed.entry)}.json`,
      json: packed.entry,
      shards: [...packed.shards].map(([name, json]) => ({ name, json })),
    };
    indexFiles.set(locale, file);
  }
  return file;
}

/**
 * What the pages need from content/, loaded once per build: URLs, categories
 * in order, translations and the search index asset of each locale.
 */
import { createHash } from 'node:crypto';
import { type Locale, buildLexicon } from '../search/analysis.ts';
import { type SearchDocument, type SearchIndexAsset, buildSearchIndex } from '../search/engine.ts';
import { type Article, type Content, loadContent, markdownToText, publishedArticles } from './load.ts';
import type { Category } from './schema.ts';

let cached: Content | undefined;

/**
 * The folder that holds `content/`: `CONTENT_ROOT` when set (the benchmark
 * builds generated content this way), else the current directory.
 */
export function contentRoot(): string {
  return process.env['CONTENT_ROOT'] || process.cwd();
}

/** The validated content of this build (read once; the build is one process). */
export function getContent(): Content {
  cached ??= loadContent(contentRoot());
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
  const category = categoryById(article.category);
  return `/${article.locale}/${category[article.locale].slug}/${article.slug}/`;
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

/** The published article of `locale` with this translation key, if any. */
export function articleByKey(locale: Locale, translationKey: string): Article | undefined {
  return publishedArticles(getContent(), locale).find((a) => a.translationKey === translationKey);
}

/** The other locales' versions of an article (for hreflang and the language link). */
export function translationsOf(article: Pick<Article, 'translationKey' | 'locale'>): Article[] {
  return publishedArticles(getContent()).filter((a) => a.translationKey === article.translationKey && a.locale !== article.locale);
}

/** The search documents of a locale. */
export function searchDocuments(locale: Locale): SearchDocument[] {
  return publishedArticles(getContent(), locale).map((article) => ({
    id: article.id,
    title: article.title,
    category: categoryById(article.category)[locale].name,
    url: articleUrl(article),
    summary: article.summary,
    questions: article.questions.join(' \n '),
    headings: article.headings.join(' \n '),
    body: markdownToText(article.body),
  }));
}

/** A built search index and its content-hashed file name. */
export interface SearchIndexFile {
  /** File name under /search-index/, e.g. `nl.3f2a9c1b0d.json`. */
  name: string;
  json: string;
}

const indexFiles = new Map<Locale, SearchIndexFile>();

/**
 * The search index asset of a locale, built once per build. Its name carries
 * a hash of its bytes, so it can be cached forever and every page that links
 * it agrees on the name.
 */
export function searchIndexFile(locale: Locale): SearchIndexFile {
  let file = indexFiles.get(locale);
  if (!file) {
    const documents = searchDocuments(locale);
    // Only Dutch splits compounds; an English lexicon would be dead weight in the download.
    const lexicon = locale === 'nl' ? buildLexicon(documents.flatMap((d) => [d.title, d.questions, d.headings, d.summary, d.body]), locale) : [];
    const asset: SearchIndexAsset = buildSearchIndex(documents, locale, lexicon);
    const json = JSON.stringify(asset);
    file = { name: `${locale}.${createHash('sha256').update(json).digest('hex').slice(0, 10)}.json`, json };
    indexFiles.set(locale, file);
  }
  return file;
}

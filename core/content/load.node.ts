/**
 * Reads and validates everything in `content/`: settings, categories and
 * articles. Used by Astro's content loader, the assistant compiler, the CLIs
 * and the tests, so every consumer sees the same content and the same errors.
 *
 * Problems are collected over all files and thrown together as one
 * {@link ContentError}, each naming the file and the field, so a writer fixes
 * a batch of mistakes in one go instead of one build per mistake.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import type { Locale } from '../locale.ts';
import { markdownHeadings } from './markdown.ts';
import { articleFrontmatterSchema, categoriesFileSchema, siteSettingsSchema, type ArticleFrontmatter, type Category, type SiteSettings } from './schema.ts';

/** One problem in one content file. */
export interface ContentProblem {
  /** Path relative to the repository root, e.g. `content/articles/nl/foo.md`. */
  file: string;
  /** The field, as a dotted path (`questions.2`), or `frontmatter`/`file` for the file as a whole. */
  field: string;
  message: string;
}

/** Thrown when content does not validate; lists every problem found. */
export class ContentError extends Error {
  readonly problems: ContentProblem[];
  constructor(problems: ContentProblem[]) {
    const lines = problems.map((p) => `  ${p.file}: ${p.field}: ${p.message}`);
    super(`Wegwijs: content is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}`);
    this.name = 'ContentError';
    this.problems = problems;
  }
}

/** One article: one help page in one locale. */
export interface Article extends ArticleFrontmatter {
  /** `<locale>/<slug>`, the *entry id*: unique over the whole help center. Not the API's `articleId`, which is the translation key (docs/glossary.md). */
  id: string;
  /** From the file name; the last URL segment. */
  slug: string;
  /** Path relative to the repository root. */
  file: string;
  /** The Markdown body, frontmatter removed. */
  body: string;
  /** Text of the `##`/`###` headings of the body, in order. */
  headings: string[];
}

/** Everything in content/, validated. */
export interface Content {
  settings: SiteSettings;
  categories: Category[];
  /** All articles, drafts included, sorted by id. Use {@link publishedArticles} for the site. */
  articles: Article[];
  /** Raw SVG text of the logo. */
  logoSvg: string;
}

/**
 * Loads and validates `content/` under `root`.
 * @param root Folder that holds `content/` (default: the current directory).
 * @throws {ContentError} when any file is invalid.
 */
export function loadContent(root = process.cwd()): Content {
  const contentDir = path.join(root, 'content');
  const problems: ContentProblem[] = [];
  const rel = (file: string) => path.relative(root, file).split(path.sep).join('/');

  const settingsFile = path.join(contentDir, 'settings.yaml');
  const settings = readYamlFile(settingsFile, siteSettingsSchema, rel(settingsFile), problems);
  const categoriesFile = path.join(contentDir, 'categories.yaml');
  const categories = readYamlFile(categoriesFile, categoriesFileSchema, rel(categoriesFile), problems) ?? [];

  let logoSvg = '';
  if (settings) {
    const logoFile = path.join(contentDir, settings.logo);
    if (existsSync(logoFile)) logoSvg = readFileSync(logoFile, 'utf8');
    else problems.push({ file: rel(settingsFile), field: 'logo', message: `file ${rel(logoFile)} does not exist` });
  }
  checkCategories(categories, rel(categoriesFile), problems);

  const articles: Article[] = [];
  for (const locale of ['nl', 'en'] as const) {
    const dir = path.join(contentDir, 'articles', locale);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      if (!name.endsWith('.md')) continue;
      const article = readArticle(path.join(dir, name), locale, rel, problems);
      if (article) articles.push(article);
    }
  }
  articles.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  checkArticleReferences(articles, categories, settings, problems);

  if (problems.length > 0 || !settings) throw new ContentError(problems);
  return { settings, categories, articles, logoSvg };
}

/** The articles that reach the site, search and the assistant: drafts left out. */
export function publishedArticles(content: Content, locale?: Locale): Article[] {
  return content.articles.filter((a) => !a.draft && (locale === undefined || a.locale === locale));
}

/**
 * Path of an article's page, e.g. `/nl/bezorging/waar-is-mijn-pakket/`,
 * given its category (content validation makes sure there is one; without
 * it the category's id stands in for its slug).
 */
export function articlePath(article: Pick<Article, 'locale' | 'category' | 'slug'>, category: Category | undefined): string {
  return `/${article.locale}/${category ? category[article.locale].slug : article.category}/${article.slug}/`;
}

/**
 * Splits a Markdown file into its YAML frontmatter (unparsed) and body.
 * Returns null when the file has no frontmatter block.
 */
export function splitFrontmatter(source: string): { frontmatter: string; body: string } | null {
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  if (!match) return null;
  return { frontmatter: match[1] ?? '', body: match[2] ?? '' };
}

function readYamlFile<T>(file: string, schema: z.ZodType<T>, relFile: string, problems: ContentProblem[]): T | null {
  if (!existsSync(file)) {
    problems.push({ file: relFile, field: 'file', message: 'is missing' });
    return null;
  }
  let data: unknown;
  try {
    data = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push({ file: relFile, field: 'file', message: yamlMessage(error) });
    return null;
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) problems.push({ file: relFile, field: fieldOf(issue), message: issue.message });
    return null;
  }
  return result.data;
}

function readArticle(file: string, folderLocale: Locale, rel: (file: string) => string, problems: ContentProblem[]): Article | null {
  const relFile = rel(file);
  const slug = path.basename(file, '.md');
  const parts = splitFrontmatter(readFileSync(file, 'utf8'));
  if (!parts) {
    problems.push({ file: relFile, field: 'frontmatter', message: 'is missing: the file must start with a --- block of YAML' });
    return null;
  }
  let data: unknown;
  try {
    data = parseYaml(parts.frontmatter);
  } catch (error) {
    problems.push({ file: relFile, field: 'frontmatter', message: yamlMessage(error) });
    return null;
  }
  const result = articleFrontmatterSchema.safeParse(data ?? {});
  let ok = result.success;
  if (!result.success) {
    for (const issue of result.error.issues) problems.push({ file: relFile, field: fieldOf(issue), message: issue.message });
  }
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) {
    problems.push({ file: relFile, field: 'file name', message: 'must be lower-case letters, digits and single hyphens, ending in .md' });
    ok = false;
  }
  if (!result.success || !ok) return null;
  if (result.data.locale !== folderLocale) {
    problems.push({ file: relFile, field: 'locale', message: `is "${result.data.locale}" but the file is in articles/${folderLocale}/` });
    return null;
  }
  if (parts.body.trim().length === 0) {
    problems.push({ file: relFile, field: 'body', message: 'is empty: write the answer below the frontmatter' });
    return null;
  }
  return { ...result.data, id: `${folderLocale}/${slug}`, slug, file: relFile, body: parts.body, headings: markdownHeadings(parts.body) };
}

function checkCategories(categories: Category[], relFile: string, problems: ContentProblem[]): void {
  const ids = new Set<string>();
  const slugs = { nl: new Set<string>(), en: new Set<string>() };
  categories.forEach((category, index) => {
    if (ids.has(category.id)) problems.push({ file: relFile, field: `${index}.id`, message: `"${category.id}" is used twice` });
    ids.add(category.id);
    for (const locale of ['nl', 'en'] as const) {
      const slug = category[locale].slug;
      // search/ is the results page of each locale.
      if (slug === 'search') problems.push({ file: relFile, field: `${index}.${locale}.slug`, message: '"search" is reserved' });
      if (slugs[locale].has(slug)) problems.push({ file: relFile, field: `${index}.${locale}.slug`, message: `"${slug}" is used twice` });
      slugs[locale].add(slug);
    }
  });
}

function checkArticleReferences(articles: Article[], categories: Category[], settings: SiteSettings | null, problems: ContentProblem[]): void {
  const categoryIds = new Set(categories.map((c) => c.id));
  const keysByLocale = { nl: new Map<string, Article>(), en: new Map<string, Article>() };
  for (const article of articles) {
    const seen = keysByLocale[article.locale].get(article.translationKey);
    if (seen) {
      problems.push({ file: article.file, field: 'translationKey', message: `"${article.translationKey}" is also used by ${seen.file}` });
    }
    keysByLocale[article.locale].set(article.translationKey, article);
    if (categories.length > 0 && !categoryIds.has(article.category)) {
      problems.push({
        file: article.file,
        field: 'category',
        message: `"${article.category}" is not in content/categories.yaml (${[...categoryIds].join(', ')})`,
      });
    }
  }
  for (const article of articles) {
    article.related.forEach((key, index) => {
      if (key === article.translationKey) problems.push({ file: article.file, field: `related.${index}`, message: 'an article cannot be related to itself' });
      else if (!keysByLocale[article.locale].has(key)) {
        problems.push({ file: article.file, field: `related.${index}`, message: `no ${article.locale} article has translationKey "${key}"` });
      }
    });
  }
  settings?.popular.forEach((key, index) => {
    for (const locale of settings.locales) {
      if (!keysByLocale[locale].has(key)) {
        problems.push({ file: 'content/settings.yaml', field: `popular.${index}`, message: `no ${locale} article has translationKey "${key}"` });
      }
    }
  });
}

function fieldOf(issue: z.core.$ZodIssue): string {
  // An unknown key is reported on its parent; name the key itself, it is what the writer must fix.
  const issuePath = issue.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys] : issue.path;
  return issuePath.length === 0 ? 'frontmatter' : issuePath.map(String).join('.');
}

function yamlMessage(error: unknown): string {
  if (error instanceof YAMLParseError) {
    const line = error.linePos?.[0]?.line;
    return `is not valid YAML${line ? ` (line ${line})` : ''}: ${error.message.split('\n')[0]}`;
  }
  return `could not be read: ${String(error)}`;
}

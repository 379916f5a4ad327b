/**
 * The articles an agent can attach a phrasing to, from `content/`: read
 * through the site's own content loader, so the API knows exactly the
 * articles (and ids) the site and the assistant were built from.
 *
 * An article's id here is its translation key, as everywhere the assistant
 * reports an article (outcomes, effort scores, transcripts): together with a
 * locale it names one file, `content/articles/<locale>/<slug>.md`.
 */
import path from 'node:path';
import type { Locale } from '#core/locale.ts';

/** One article, as the pickers show it. */
export interface ArticleListing {
  /** The translation key: the id the assistant reports. */
  id: string;
  locale: Locale;
  title: string;
  /** Id of its category in content/categories.yaml. */
  categoryId: string;
  /** Path of its page, e.g. `/nl/bezorging/waar-is-mijn-pakket/`. */
  url: string;
}

/** An article with what the phrasing service also needs. */
export interface CatalogArticle extends ArticleListing {
  /** Its phrasings (frontmatter `questions`) when the content was read. */
  questions: readonly string[];
  /** Path relative to the content root, e.g. `content/articles/nl/levertijden.md`. */
  file: string;
}

/** The published articles of one content root. */
export interface ArticleCatalog {
  /** Articles of `locale` (all locales when omitted), by locale, then title. */
  list(locale?: Locale): Promise<CatalogArticle[]>;
  /** The article `id` in `locale`, or undefined. */
  find(locale: Locale, id: string): Promise<CatalogArticle | undefined>;
}

/**
 * The catalog of `<contentRoot>/content`, read on first use and then kept
 * for the life of the process: the server serves the site it built at start,
 * so the catalog matches the pages (new articles arrive with the next start,
 * which rebuilds the site too). Drafts are left out, as on the site.
 *
 * The content loader is imported only when the catalog is first used: it
 * brings the language analysis along, which start-up does not need.
 *
 * @throws ContentError (from the first call) when content/ does not validate.
 */
export function contentCatalog(contentRoot: string): ArticleCatalog {
  let loaded: Promise<CatalogArticle[]> | undefined;
  const all = () => {
    loaded ??= readCatalog(contentRoot).catch((error: unknown) => {
      // Try again next time: a content fix should not need a restart to be seen.
      loaded = undefined;
      throw error;
    });
    return loaded;
  };
  return {
    async list(locale) {
      const articles = await all();
      return locale === undefined ? articles : articles.filter((a) => a.locale === locale);
    },
    async find(locale, id) {
      return (await all()).find((a) => a.locale === locale && a.id === id);
    },
  };
}

async function readCatalog(contentRoot: string): Promise<CatalogArticle[]> {
  const { articlePath, loadContent, publishedArticles } = await import('#core/content/load.node.ts');
  const content = loadContent(path.resolve(contentRoot));
  const categories = new Map(content.categories.map((c) => [c.id, c]));
  return publishedArticles(content)
    .map((article) => ({
      id: article.translationKey,
      locale: article.locale,
      title: article.title,
      categoryId: article.category,
      url: articlePath(article, categories.get(article.category)),
      questions: article.questions,
      file: article.file,
    }))
    .sort((a, b) => (a.locale === b.locale ? a.title.localeCompare(b.title, a.locale) : a.locale < b.locale ? -1 : 1));
}

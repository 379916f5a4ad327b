/**
 * What the reports need from `content/`: article titles and categories (the
 * events store only an article id) and, for the content-gap report, the
 * assistant of each locale, compiled from the same content exactly as the
 * site build compiles it (site/chat/model-asset.ts). Read through the site's
 * own loader, so the reports see the articles the pages show.
 */
import { compileModel } from '#core/assistant/compile.ts';
import { assistantArticle, readRules } from '#core/assistant/content.node.ts';
import { assess } from '#core/assistant/answer.ts';
import { answer, loadModel, type AssistantModel, type Reply } from '#core/assistant/index.ts';
import { articlePath, loadContent, publishedArticles, type Article, type Content } from '#core/content/load.node.ts';
import { isStopword, tokenize } from '#core/language/analysis.ts';
import type { Locale } from '#core/locale.ts';

/** A published article as the reports show it. */
export interface ReportArticle {
  /** The translation key: the id the assistant and the widget use, the same in every locale. */
  translationKey: string;
  /** `<locale>/<slug>`, the content's own id. */
  id: string;
  locale: Locale;
  title: string;
  categoryId: string;
  /** Path of the article page, e.g. `/nl/bezorging/waar-is-mijn-pakket/`. */
  url: string;
}

/** An article that exists in one locale and not in another. */
export interface TranslationGap {
  translationKey: string;
  /** The entry id (`<locale>/<slug>`) of the article that exists. */
  entryId: string;
  title: string;
  locale: Locale;
  missingLocale: Locale;
}

/** The content the reports read, loaded once. */
export interface ReportContent {
  /** The site's default locale: category names of a report over all locales are in it. */
  defaultLocale: Locale;
  /** The published article of `locale` with this id: a translation key or a `<locale>/<slug>` id. */
  article(locale: Locale, articleId: string): ReportArticle | undefined;
  /** A category's name in `locale`, or undefined for an unknown id. */
  categoryName(categoryId: string, locale: Locale): string | undefined;
  /** Translation keys published in some of `locales` but not all, sorted by key. */
  translationGaps(locales: readonly Locale[]): TranslationGap[];
  /**
   * What the current assistant of `locale` replies to `text`. The model is
   * compiled on first use and kept; replies are cached per text.
   */
  ask(locale: Locale, text: string): Reply;
  /**
   * The words of `text`: how many say something (no stop words), how many of
   * those the articles of `locale` use (after typo correction), and how many
   * are stop words of the language.
   */
  words(locale: Locale, text: string): { content: number; known: number; stop: number };
}

/** Replies remembered per locale before the cache starts over; the gap report asks a few hundred per request. */
const MAX_CACHED_REPLIES = 10_000;

/** Builds the report content from already loaded content (tests, and {@link loadReportContent}). */
export function reportContentOf(content: Content, root: string): ReportContent {
  const categories = new Map(content.categories.map((category) => [category.id, category]));
  const articles = new Map<string, ReportArticle>();
  const published = publishedArticles(content);
  const urlOf = (article: Article) => articlePath(article, categories.get(article.category));
  for (const article of published) {
    const entry: ReportArticle = {
      translationKey: article.translationKey,
      id: article.id,
      locale: article.locale,
      title: article.title,
      categoryId: article.category,
      url: urlOf(article),
    };
    articles.set(`${article.locale}\n${article.translationKey}`, entry);
    articles.set(`${article.locale}\n${article.id}`, entry);
  }
  const models = new Map<Locale, AssistantModel>();
  const replies = new Map<Locale, Map<string, Reply>>();
  const modelOf = (locale: Locale): AssistantModel => {
    let model = models.get(locale);
    if (!model) {
      const own = published.filter((article) => article.locale === locale).map((article) => assistantArticle(article, urlOf(article)));
      model = compileModel(own, readRules(root, locale));
      loadModel(model);
      models.set(locale, model);
    }
    return model;
  };

  return {
    defaultLocale: content.settings.defaultLocale,
    article: (locale, articleId) => articles.get(`${locale}\n${articleId}`),
    categoryName: (categoryId, locale) => categories.get(categoryId)?.[locale].name,
    translationGaps(locales) {
      const byKey = new Map<string, Article[]>();
      for (const article of published) byKey.set(article.translationKey, [...(byKey.get(article.translationKey) ?? []), article]);
      const gaps: TranslationGap[] = [];
      for (const [translationKey, versions] of [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        const present = versions.filter((article) => locales.includes(article.locale));
        const [source] = present;
        if (!source) continue;
        for (const missingLocale of locales) {
          if (present.some((article) => article.locale === missingLocale)) continue;
          gaps.push({ translationKey, entryId: source.id, title: source.title, locale: source.locale, missingLocale });
        }
      }
      return gaps;
    },
    ask(locale, text) {
      const cache = replies.get(locale) ?? new Map<string, Reply>();
      replies.set(locale, cache);
      let reply = cache.get(text);
      if (!reply) {
        if (cache.size >= MAX_CACHED_REPLIES) cache.clear();
        reply = answer(modelOf(locale), text);
        cache.set(text, reply);
      }
      return reply;
    },
    words(locale, text) {
      const found = assess(modelOf(locale), text);
      return { content: found.contentWords, known: found.knownWords, stop: tokenize(text).filter((word) => isStopword(word, locale)).length };
    },
  };
}

/**
 * Loads `content/` under `root` for the reports.
 *
 * @throws ContentError when the content is invalid (the site would not build either).
 */
export function loadReportContent(root: string): ReportContent {
  return reportContentOf(loadContent(root), root);
}

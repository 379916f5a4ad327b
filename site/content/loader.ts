/**
 * Astro content loader for articles: reads content/ through {@link loadContent},
 * so the site fails to build with the same file-and-field messages the tests
 * and CLIs give, then stores each published article with its rendered HTML.
 */
import type { Loader } from 'astro/loaders';
import { publishedArticles } from '#core/content/load.node.ts';
import { getContent } from './site-data.ts';

/** Loads the published articles of content/ into an Astro collection. */
export function articlesLoader(): Loader {
  return {
    name: 'wegwijs-articles',
    load: async ({ store, parseData, renderMarkdown, generateDigest }) => {
      const content = getContent();
      store.clear();
      for (const article of publishedArticles(content)) {
        const { body, ...rest } = article;
        const data = await parseData({ id: article.id, data: { ...rest }, filePath: article.file });
        store.set({ id: article.id, data, body, filePath: article.file, digest: generateDigest(article.file + body + JSON.stringify(rest)), rendered: await renderMarkdown(body) });
      }
    },
  };
}

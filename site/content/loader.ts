/**
 * Astro content loader for articles: reads content/ through {@link loadContent},
 * so the site fails to build with the same file-and-field messages the tests
 * and CLIs give, then stores each published article with its rendered HTML.
 * An article whose file and body are unchanged since the last build (Astro
 * keeps its store in the cache folder) keeps its rendered HTML: a rebuild
 * renders only what changed. (Astro empties the store itself when its config changes.)
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
      const published = new Set<string>();
      for (const article of publishedArticles(content)) {
        const { body, ...rest } = article;
        published.add(article.id);
        const data = await parseData({ id: article.id, data: { ...rest }, filePath: article.file });
        // The parsed data is in the digest, so a schema change (same files) still stores anew.
        const digest = generateDigest(article.file + body + JSON.stringify(data));
        const stored = store.get(article.id);
        if (stored?.digest === digest) continue;
        // Rendering depends on the body and the Markdown config alone (a config change empties the store).
        // The store keeps a digest of the body, not the body: no page reads it, and Astro bundles the whole store
        // into the build as one string (a third of it bodies). At 5,000 articles per locale, Astro's part of a
        // first build peaked at 1,287 MB instead of 1,490 MB (docs/benchmarks.md).
        const bodyDigest = generateDigest(body);
        const reusable = stored?.rendered && stored.rendered.metadata?.['bodyDigest'] === bodyDigest && stored.filePath === article.file;
        const rendered = reusable ? stored.rendered! : await renderMarkdown(body);
        store.set({ id: article.id, data, filePath: article.file, digest, rendered: { ...rendered, metadata: { ...rendered.metadata, bodyDigest } } });
      }
      for (const id of store.keys()) if (!published.has(id)) store.delete(id);
    },
  };
}

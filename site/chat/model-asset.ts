/**
 * The assistant's model per locale as a static asset, compiled at build time
 * from content/ and named by a hash of its bytes (cacheable forever). The
 * widget downloads it when the customer first opens the chat.
 */
import { createHash } from 'node:crypto';
import { compileModel } from '#core/assistant/compile.ts';
import { assistantArticle, readRules } from '#core/assistant/content.node.ts';
import { publishedArticles } from '#core/content/load.node.ts';
import { articleUrl, contentRoot, getContent } from '../content/site-data.ts';
import type { Locale } from '#core/locale.ts';

/** A compiled model and its content-hashed file name under /assistant-model/. */
export interface ModelFile {
  name: string;
  json: string;
}

const files = new Map<Locale, ModelFile>();

/** The model asset of a locale, compiled once per build. */
export function assistantModelFile(locale: Locale): ModelFile {
  let file = files.get(locale);
  if (!file) {
    const articles = publishedArticles(getContent(), locale).map((article) => assistantArticle(article, articleUrl(article)));
    const json = JSON.stringify(compileModel(articles, readRules(contentRoot(), locale)));
    file = { name: `${locale}.${createHash('sha256').update(json).digest('hex').slice(0, 10)}.json`, json };
    files.set(locale, file);
  }
  return file;
}

/**
 * The assistant's model per locale as a static asset, compiled at build time
 * from content/ and named by a hash of its bytes (cacheable forever). The
 * widget downloads it when the customer first opens the chat. The file is a
 * gzip model asset (core/assistant/asset.ts), not the model's JSON. Its
 * articles' phrasings, which only the explanation sent with a hand-off
 * reads, are a second file beside it (`<name>.phrasings.bin`), so the first
 * answer does not wait for them.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { encodeModelAsset, encodePhrasings } from '#core/assistant/asset.ts';
import { compileModel } from '#core/assistant/compile.ts';
import { assistantArticle, readRules } from '#core/assistant/content.node.ts';
import { publishedArticles } from '#core/content/load.node.ts';
import { articleUrl, contentRoot, getContent } from '../content/site-data.ts';
import type { Locale } from '#core/locale.ts';

/** A compiled model's asset and its content-hashed file name under /assistant-model/, with its phrasings' file. */
export interface ModelFile {
  name: string;
  bytes: Uint8Array;
  /** The phrasings' file (gzip), named `<name>.phrasings.bin` (core/assistant/asset.ts, `phrasingsFileName`). */
  phrasings: Uint8Array;
}

const files = new Map<Locale, ModelFile>();

/** The model asset of a locale, compiled once per build. */
export function assistantModelFile(locale: Locale): ModelFile {
  let file = files.get(locale);
  if (!file) {
    const articles = publishedArticles(getContent(), locale).map((article) => assistantArticle(article, articleUrl(article)));
    // Level 9: built once, downloaded by every customer who opens the chat.
    const model = compileModel(articles, readRules(contentRoot(), locale));
    const bytes = gzipSync(encodeModelAsset(model), { level: 9 });
    const phrasings = gzipSync(encodePhrasings(model), { level: 9 });
    // One hash over both: the name of either changes when either does.
    const hash = createHash('sha256').update(bytes).update(phrasings).digest('hex').slice(0, 10);
    file = { name: `${locale}.${hash}.bin`, bytes, phrasings };
    files.set(locale, file);
  }
  return file;
}

/**
 * What the assistant's model asset is made of: each part's bytes raw and
 * gzip (level 9, as the build writes it), for the demo content's models.
 *
 *   node --experimental-strip-types bench/assistant-asset.ts [nl,en] ['{"maxWeightsPerArticle":600}']
 *
 * The second argument passes compile options, to see what a change would save
 * before making it. The parts are gzipped alone, so they do not add up to the
 * whole asset exactly (gzip shares nothing between them).
 */
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { compileModel, type CompileOptionsInput } from '../core/assistant/compile.ts';
import { readAssistantContent } from '../core/assistant/content.node.ts';
import { assetParts, encodeModelAsset } from '../core/assistant/asset.ts';
import type { Locale } from '../core/locale.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const locales = (process.argv[2] ?? 'nl,en').split(',') as Locale[];
const options = JSON.parse(process.argv[3] ?? '{}') as CompileOptionsInput;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const gzip = (bytes: Uint8Array) => gzipSync(bytes, { level: 9 }).length;

for (const locale of locales) {
  const { articles, rules } = readAssistantContent(root, locale);
  const model = compileModel(articles, rules, options);
  console.log(`\n${locale}: ${model.articles.length} articles, ${model.weights.count} features`);
  console.log('| part | raw | gzip |\n|---|---|---|');
  for (const [name, bytes] of assetParts(model)) console.log(`| ${name} | ${kb(bytes.length)} | ${kb(gzip(bytes))} |`);
  const asset = encodeModelAsset(model);
  console.log(`| **the asset** | ${kb(asset.length)} | **${kb(gzip(asset))}** |`);
}

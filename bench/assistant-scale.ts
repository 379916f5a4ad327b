/**
 * Compile time of the assistant model for large help centers: generates the
 * site benchmark's synthetic content (bench/site-content.ts, seed 1) and
 * times `compileModel` per locale, as the site build calls it.
 *
 *   node --experimental-strip-types bench/assistant-scale.ts [1000,5000] [--locales en,nl] [--all-classes] ['{"training":{"l1":2e-5}}']
 *
 * Prints per size and locale: compile wall and CPU seconds, features and the
 * model's gzip size. `--all-classes` trains as before candidate classes
 * (every example scored against every article), for comparison; a JSON
 * argument compiles with those options. Nothing is
 * written to docs/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { compileModel, type CompileOptionsInput } from '#core/assistant/compile.ts';
import { encodeModelAsset } from '#core/assistant/asset.ts';
import { readAssistantContent } from '#core/assistant/content.node.ts';
import type { Locale } from '#core/locale.ts';
import { generateContent } from './site-content.ts';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sizes = (process.argv.slice(2).find((arg) => /^\d/.test(arg)) ?? '1000,5000').split(',').map(Number);
const localesFlag = process.argv.indexOf('--locales');
const allClasses = process.argv.includes('--all-classes');
const optionsArgument = process.argv.slice(2).find((arg) => arg.startsWith('{'));
const given: CompileOptionsInput = optionsArgument ? (JSON.parse(optionsArgument) as CompileOptionsInput) : {};
const options: CompileOptionsInput = allClasses ? { ...given, training: { ...given.training, candidatesAbove: Infinity } } : given;
const locales = (localesFlag > 0 ? process.argv[localesFlag + 1]! : 'en,nl').split(',') as Locale[];

mkdirSync(join(repo, '.cache'), { recursive: true });
for (const articles of sizes) {
  const temp = mkdtempSync(join(repo, '.cache', 'bench-assistant-scale-'));
  try {
    generateContent({ articles, seed: 1, sourceRoot: repo, targetRoot: temp });
    for (const locale of locales) {
      const content = readAssistantContent(temp, locale);
      const started = performance.now();
      const cpu = process.cpuUsage();
      const model = compileModel(content.articles, content.rules, options);
      const seconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      const cpuSeconds = (used.user + used.system) / 1e6;
      const gzip = gzipSync(JSON.stringify(model)).length;
      console.log(
        `${articles} articles, ${locale}: compiled in ${seconds.toFixed(1)} s (CPU ${cpuSeconds.toFixed(1)} s), ${content.articles.length} articles, ${model.weights.count} features, ${(gzip / 1024).toFixed(0)} KB gzip (JSON), asset ${(gzipSync(encodeModelAsset(model), { level: 9 }).length / 1000).toFixed(1)} KB gzip`,
      );
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/**
 * Compile time of the assistant model for large help centers: generates the
 * site benchmark's synthetic content (bench/site-content.ts, seed 1) and
 * times `compileModel` per locale, as the site build calls it.
 *
 *   node --experimental-strip-types bench/assistant-scale.ts [1000,5000] [--locales en,nl] [--all-classes]
 *
 * Prints per size and locale: compile wall and CPU seconds, features and the
 * model's gzip size. `--all-classes` trains as before candidate classes
 * (every example scored against every article), for comparison. Nothing is
 * written to docs/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { compileModel } from '#core/assistant/compile.ts';
import { readAssistantContent } from '#core/assistant/content.node.ts';
import type { Locale } from '#core/locale.ts';
import { generateContent } from './site-content.ts';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sizes = (process.argv[2]?.startsWith('--') ? '1000,5000' : (process.argv[2] ?? '1000,5000')).split(',').map(Number);
const localesFlag = process.argv.indexOf('--locales');
const allClasses = process.argv.includes('--all-classes');
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
      const model = compileModel(content.articles, content.rules, allClasses ? { training: { candidatesAbove: Infinity } } : {});
      const seconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      const cpuSeconds = (used.user + used.system) / 1e6;
      const gzip = gzipSync(JSON.stringify(model)).length;
      console.log(`${articles} articles, ${locale}: compiled in ${seconds.toFixed(1)} s (CPU ${cpuSeconds.toFixed(1)} s), ${content.articles.length} articles, ${model.weights.count} features, ${(gzip / 1024).toFixed(0)} KB gzip`);
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

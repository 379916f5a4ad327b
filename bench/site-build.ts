/**
 * One Astro build for the site benchmark, in its own process so its peak
 * memory is its own: builds the repository's site (content from
 * `CONTENT_ROOT`, output to `DIST_DIR`, see astro.config.mjs) and prints
 * `{"ms":…,"maxRssKb":…,"cpuMs":…}` as its last line (CPU time of all
 * threads: on a shared machine it says more than the wall time).
 *
 * With `--search-only`, writes just the search index files of every locale
 * to `DIST_DIR/search-index/` as the site build would, and prints the entry
 * file of each locale: the benchmark's fallback when a full build takes too long.
 *
 * Usage: node --experimental-strip-types bench/site-build.ts <cache dir> | --search-only
 * The cache dir keeps the build's content store away from the shared
 * node_modules/.astro, where another build may be running.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [argument] = process.argv.slice(2);
if (!argument) throw new Error('Wegwijs bench: usage: site-build.ts <cache dir> | --search-only');
const started = performance.now();
let entries: Record<string, string> | undefined;
if (argument === '--search-only') {
  const { getContent, searchIndexFile } = await import('../site/content/site-data.ts');
  const folder = path.join(process.env['DIST_DIR'] ?? 'dist', 'search-index');
  mkdirSync(folder, { recursive: true });
  entries = {};
  for (const locale of getContent().settings.locales) {
    const file = searchIndexFile(locale);
    for (const { name, json } of [file, ...file.shards]) writeFileSync(path.join(folder, name), json);
    entries[locale] = file.name;
  }
} else {
  const { build } = await import('astro');
  await build({ root: path.resolve(import.meta.dirname, '..'), cacheDir: argument, logLevel: 'warn' });
}
// process.resourceUsage(): maxRSS in kilobytes, CPU times in microseconds, worker threads included.
const usage = process.resourceUsage();
console.log(JSON.stringify({ ms: performance.now() - started, maxRssKb: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, entries }));

/**
 * Site benchmark (`npm run bench:site`): builds help centers of 1,000 and
 * 5,000 synthetic articles per locale (see site-content.ts) and measures what
 * a visitor and the team feel:
 *
 * - build wall time and peak memory (each build in its own process);
 * - output size; weight of an article page (HTML, inline CSS, the JavaScript
 *   that runs before any interaction), raw and gzip;
 * - search index size per locale, raw and gzip (whole, or manifest + shards);
 * - what the first search downloads: the search island's JavaScript (the
 *   `astro-island` component and renderer and every module they import, the
 *   code that reads a sharded index included) plus the index files that
 *   search fetches while the visitor types a query;
 * - index load time (parse + open) and query latency as you type, in Node;
 * - a second build of the same content (what a writer waits for after a
 *   rebuild that changed nothing);
 * - on the demo site, in Chromium (test/first-downloads.ts): what the
 *   article page, the first search and the chat's first open with its first
 *   answer download, and the time from Enter to that answer on a CPU slowed
 *   4× (DevTools `Emulation.setCPUThrottlingRate`).
 *
 * Prints a table and writes the section "Site (npm run bench:site)" of
 * docs/benchmarks.md. A benchmark reports figures; it fails only when a build
 * fails.
 *
 * Usage: npm run bench:site [-- --articles 1000,5000] [--seed 1] [--build-timeout 300] [--keep] [--no-write] [--demo-only] [--no-demo] [--edit]
 * `--no-demo` skips the demo site in Chromium (the build figures alone);
 * `--edit` adds a third build per size after one article's body changed (what a writer's edit costs).
 * A build that takes longer than --build-timeout seconds is stopped and
 * reported as such; its search index is then built without Astro, so the
 * search figures are there all the same.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { loadContent } from '#core/content/load.node.ts';
import { type Locale, LOCALES } from '#core/locale.ts';
import { type OpenSearchIndex, openSearchIndex, prepareSearch, searchArticles } from '../site/search/engine.ts';
import { type WholeSearchIndexFile, isShardedManifest, shardFile, unpackWholeIndex } from '../site/search/format.ts';
import { ShardedSearchIndex } from '../site/search/shards.ts';
import { writeBlocks } from './benchmark-section.ts';
import { generateContent } from './site-content.ts';
import { launchBrowser } from '../test/browser.ts';
import { buildFolder, runAstroBuild } from '../test/build-site.ts';
import { CUSTOMER, type FirstDownloads, measureFirstDownloads } from '../test/first-downloads.ts';
import { startServer } from '../test/server.ts';
import { utcDay } from '#core/util/days.ts';
import { mulberry32 } from '#core/util/random.ts';

const repo = path.resolve(import.meta.dirname, '..');
/** Suggestions the search box shows (site/search/SearchBox.tsx): the hits whose display fields a keystroke fetches. */
const SUGGESTIONS = 6;
/** As-you-type queries timed per locale. */
const LATENCY_QUERIES = 300;
/**
 * Timing passes over the queries, a second apart; each query's best pass
 * counts, which filters out other processes on the machine.
 */
const LATENCY_PASSES = 5;
/** Queries typed into a fresh page to measure the first search's downloads, per locale. */
const FIRST_SEARCHES = 40;
/** Time allowed for writing the search index without Astro, after a build ran out of time. */
const SEARCH_ONLY_TIMEOUT_MS = 600_000;
/** Article pages sampled for the heaviest page. */
const PAGE_SAMPLE = 100;

/** Targets at 5,000 articles (issue 2). One TCP initial congestion window: 10 × 1,460 bytes. */
const TARGETS = { buildMs: 60_000, firstSearchGzip: 300_000, queryP95Ms: 5, pageGzip: 14_600 };
/**
 * Targets of issue 16: builds per size, memory and first search at 5,000 and
 * 1,000; a rebuild of unchanged content ≤ 1.5 × bare Astro (12.7 s at 5,000:
 * an Astro site with the same pages and no search or assistant); the demo
 * site in Chromium (KB = 1,000 bytes gzip).
 */
const TARGETS_16 = {
  buildMs: { 1000: 15_000, 5000: 45_000 } as Record<number, number>,
  buildMaxRssKb: 2 * 1024 * 1024,
  secondBuildMs: 1.5 * 12_700,
  firstSearchP50At1000: 60_000,
  firstSearchP95At5000: 110_000,
  demo: { article: 8_000, firstSearch: 50_000, widget: 80_000, answerMs: 300 },
};
/** Chromium's CPU slow-down for the time to the first answer. */
const CPU_THROTTLING = 4;
/** Times the first answer is timed per locale (fresh pages); the median counts. */
const ANSWER_RUNS = 5;

/** Raw and gzip size of some bytes. */
interface Size {
  raw: number;
  gzip: number;
}

interface LocaleFigures {
  /** The file the pages link (whole index or manifest). */
  entry: Size;
  /** Shard files (0 for a whole index), their total and the largest term shard's gzip size. */
  shards: number;
  shardBytes: Size;
  largestTermShardGzip: number;
  /** Parse + open of the entry file, median of 5, ms. */
  loadMs: number;
  /** Total gzip bytes of the first search, over the sampled queries. */
  firstSearch: {
    p50: number;
    p95: number;
    max: number;
    indexP95: number;
    /** Medians of the index part: manifest, term shards and document shards (gzip bytes and files). */
    parts: { manifest: number; terms: number; documents: number; termFiles: number; documentFiles: number };
  };
  latency: { p50: number; p95: number; max: number; queries: number };
}

interface Figures {
  articles: number;
  generateMs: number;
  /** Null when the build ran out of time (see --build-timeout). */
  buildMs: number | null;
  buildMaxRssKb: number | null;
  /** A second build of the same content in the same folder; null when the first ran out of time. */
  secondBuildMs: number | null;
  /** CPU time (all threads) of the first and the second build; null when not measured. */
  buildCpuMs: number | null;
  secondBuildCpuMs: number | null;
  /** With `--edit`: a third build after one article's body changed (the cache cannot be used); null when not measured. */
  editBuildMs: number | null;
  editBuildCpuMs: number | null;
  outputFiles: number;
  outputBytes: number;
  page: { path: string; html: Size; css: Size; inlineJs: Size; externalJs: Size; totalGzip: number; sampleMaxGzip: number; sampled: number } | null;
  /** The search island's JavaScript; `fromOtherSize` when this size's build ran out of time and another size's (same code) stands in. */
  islandJs: (Size & { files: number; fromOtherSize: boolean }) | null;
  locales: Record<Locale, LocaleFigures>;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      articles: { type: 'string', default: '1000,5000' },
      seed: { type: 'string', default: '1' },
      keep: { type: 'boolean', default: false },
      'no-write': { type: 'boolean', default: false },
      'build-timeout': { type: 'string', default: '300' },
      'demo-only': { type: 'boolean', default: false },
      'no-demo': { type: 'boolean', default: false },
      edit: { type: 'boolean', default: false },
    },
  });
  const sizes = values.articles.split(',').map((s) => Number(s.trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`Wegwijs bench: --articles must be whole numbers, got "${values.articles}"`);
  const seed = Number(values.seed);
  const started = performance.now();
  const loadBefore = os.loadavg()[0] ?? 0;
  const figures: Figures[] = [];
  const buildTimeoutMs = Number(values['build-timeout']) * 1000;
  const demo = values['no-demo'] ? null : await benchmarkDemo();
  if (!values['demo-only'])
    for (const articles of sizes) figures.push(await benchmark(articles, { seed, keep: values.keep, buildTimeoutMs, edit: values.edit }, figures.at(-1)));
  const loadAfter = os.loadavg()[0] ?? 0;

  const args = process.argv.slice(2).join(' ');
  const command = `npm run bench:site${args ? ` -- ${args}` : ''}`;
  const section = report(figures, demo, { command, loadBefore, loadAfter, totalMs: performance.now() - started, buildTimeoutMs });
  console.log(`\n${[section.sizes, section.demo, section.method].filter(Boolean).join('\n')}`);
  if (!values['no-write']) {
    writeSection(path.join(repo, 'docs', 'benchmarks.md'), section);
    console.log('Written to docs/benchmarks.md');
  }
}

/** Runs bench/site-build.ts in a child process; null when it ran out of time. */
function runBuild(temp: string, argument: string, timeoutMs: number): { ms: number; maxRssKb: number; cpuMs: number; entries?: Record<string, string> } | null {
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--experimental-strip-types', path.join(repo, 'bench', 'site-build.ts'), argument], {
    // A working directory of its own: Astro stages pages under <cwd>/.astro when
    // the output is elsewhere, which a concurrent build in the repository would clobber.
    cwd: temp,
    // A build cache of this run's own (docs/decisions/015-build-artifact-cache.md): the first build compiles, the second may reuse.
    env: {
      ...process.env,
      CONTENT_ROOT: temp,
      DIST_DIR: path.join(temp, 'dist'),
      ASTRO_TELEMETRY_DISABLED: '1',
      WEGWIJS_BUILD_CACHE_DIR: path.join(temp, 'build-artifacts'),
    },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: timeoutMs,
  });
  const ms = performance.now() - started;
  if (child.error && 'code' in child.error && child.error.code === 'ETIMEDOUT') return null;
  const last = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !last.startsWith('{')) {
    throw new Error(`Wegwijs bench: ${argument} failed (exit ${child.status}):\n${child.stdout.slice(-4000)}\n${child.stderr.slice(-4000)}`);
  }
  const result = JSON.parse(last) as { maxRssKb: number; cpuMs: number; entries?: Record<string, string> };
  return { ms, maxRssKb: result.maxRssKb, cpuMs: result.cpuMs, entries: result.entries };
}

/**
 * Generates, builds and measures one help center of `articles` articles per
 * locale. When the build runs out of time, the search is measured on index
 * files written without Astro, and the island's JavaScript is taken from
 * `previous` (the same code at another size).
 */
async function benchmark(
  articles: number,
  options: { seed: number; keep: boolean; buildTimeoutMs: number; edit: boolean },
  previous?: Figures,
): Promise<Figures> {
  // Inside the repository (git-ignored .cache/): Astro bundles the pages into the
  // output folder and runs them from there, so node_modules must be up the tree.
  mkdirSync(path.join(repo, '.cache'), { recursive: true });
  const temp = mkdtempSync(path.join(repo, '.cache', 'bench-site-'));
  const cleanUp = () => rmSync(temp, { recursive: true, force: true });
  const onSignal = () => {
    cleanUp();
    process.exit(130);
  };
  if (!options.keep) process.once('SIGINT', onSignal);
  try {
    log(`${articles} articles per locale: generating into ${path.relative(repo, temp)}`);
    const t = performance.now();
    const { bodyWords } = generateContent({ articles, seed: options.seed, sourceRoot: repo, targetRoot: temp });
    const generateMs = performance.now() - t;
    log(
      `${articles}: generated in ${seconds(generateMs)}, bodies of ${Math.round(bodyWords.nl / articles)} (nl) and ${Math.round(bodyWords.en / articles)} (en) words on average`,
    );

    log(`${articles}: building (at most ${seconds(options.buildTimeoutMs)})`);
    const dist = path.join(temp, 'dist');
    const build = runBuild(temp, path.join(temp, 'astro-cache'), options.buildTimeoutMs);
    let page: Figures['page'] = null;
    let islandJs: Figures['islandJs'] = previous?.islandJs ?? null;
    let entries: Partial<Record<Locale, string>> = {};
    let outputFiles = 0;
    let outputBytes = 0;
    let secondBuildMs: number | null = null;
    let secondBuildCpuMs: number | null = null;
    let editBuildMs: number | null = null;
    let editBuildCpuMs: number | null = null;
    if (build) {
      log(`${articles}: built in ${seconds(build.ms)}; building again, content unchanged`);
      const second = runBuild(temp, path.join(temp, 'astro-cache'), options.buildTimeoutMs);
      secondBuildMs = second?.ms ?? null;
      secondBuildCpuMs = second?.cpuMs ?? null;
      log(`${articles}: built again in ${secondBuildMs === null ? 'too long' : seconds(secondBuildMs)}`);
      if (options.edit) {
        // A writer's edit: one sentence more in one Dutch article, so the content's hash (and the cache key) changes.
        const folder = path.join(temp, 'content', 'articles', 'nl');
        const file = path.join(
          folder,
          readdirSync(folder)
            .filter((name) => name.endsWith('.md'))
            .sort()[0]!,
        );
        writeFileSync(file, `${readFileSync(file, 'utf8').trimEnd()}\n\nDeze zin is toegevoegd bij een bewerking.\n`);
        const edited = runBuild(temp, path.join(temp, 'astro-cache'), options.buildTimeoutMs);
        editBuildMs = edited?.ms ?? null;
        editBuildCpuMs = edited?.cpuMs ?? null;
        log(`${articles}: built after a one-article edit in ${editBuildMs === null ? 'too long' : seconds(editBuildMs)}`);
      }
      log(`${articles}: measuring`);
      const files = listFiles(dist).filter((f) => !f.split(path.sep).includes('.prerender'));
      outputFiles = files.length;
      outputBytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
      const pages = articlePages(dist);
      const first = pages[0];
      if (!first) throw new Error('Wegwijs bench: the build has no article pages');
      const measured = measurePage(dist, first);
      const random = mulberry32(options.seed);
      const sample = Array.from({ length: Math.min(PAGE_SAMPLE, pages.length) }, () => pages[Math.floor(random() * pages.length)] ?? first);
      page = {
        ...measured,
        path: '/' + path.relative(dist, path.dirname(first)).split(path.sep).join('/') + '/',
        sampleMaxGzip: Math.max(measured.totalGzip, ...sample.map((p) => measurePage(dist, p).totalGzip)),
        sampled: sample.length + 1,
      };
      islandJs = { ...searchIslandJs(dist, first), fromOtherSize: false };
      for (const locale of LOCALES) {
        const localePage = pages.find((p) => p.startsWith(path.join(dist, locale) + path.sep));
        if (localePage) entries[locale] = path.posix.basename(searchIsland(dist, localePage).indexUrl);
      }
    } else {
      log(`${articles}: the build took longer than ${seconds(options.buildTimeoutMs)}; writing the search index without Astro`);
      rmSync(dist, { recursive: true, force: true });
      const search = runBuild(temp, '--search-only', SEARCH_ONLY_TIMEOUT_MS);
      if (!search) throw new Error(`Wegwijs bench: writing the search index of ${articles} articles took longer than ${seconds(SEARCH_ONLY_TIMEOUT_MS)}`);
      entries = (search.entries ?? {}) as Partial<Record<Locale, string>>;
      if (islandJs) islandJs = { ...islandJs, fromOtherSize: true };
    }

    const locales = {} as Record<Locale, LocaleFigures>;
    for (const locale of LOCALES) {
      const entry = entries[locale];
      if (!entry) throw new Error(`Wegwijs bench: no search index for ${locale}`);
      locales[locale] = await measureSearch(path.join(dist, 'search-index'), entry, locale, islandJs?.gzip ?? 0, options.seed);
    }
    return {
      articles,
      generateMs,
      buildMs: build?.ms ?? null,
      buildMaxRssKb: build?.maxRssKb ?? null,
      buildCpuMs: build?.cpuMs ?? null,
      secondBuildCpuMs,
      secondBuildMs,
      editBuildMs,
      editBuildCpuMs,
      outputFiles,
      outputBytes,
      page,
      islandJs,
      locales,
    };
  } finally {
    if (!options.keep) {
      process.removeListener('SIGINT', onSignal);
      cleanUp();
    } else log(`kept ${temp}`);
  }
}

// ---------------------------------------------------------------------------
// Page weight

function size(text: string | Buffer): Size {
  return { raw: Buffer.byteLength(text), gzip: gzipSync(text).length };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Article pages: /<locale>/<category>/<slug>/index.html, per locale (default locale first), sorted. */
function articlePages(dist: string): string[] {
  const pages: string[] = [];
  for (const locale of LOCALES) {
    const start = pages.length;
    const dir = path.join(dist, locale);
    if (!existsSync(dir)) continue;
    for (const category of readdirSync(dir, { withFileTypes: true })) {
      if (!category.isDirectory() || category.name === 'search') continue;
      for (const article of readdirSync(path.join(dir, category.name), { withFileTypes: true })) {
        const file = path.join(dir, category.name, article.name, 'index.html');
        if (article.isDirectory() && existsSync(file)) pages.push(file);
      }
    }
    pages.splice(start, pages.length - start, ...pages.slice(start).sort());
  }
  return pages;
}

/** Scripts that run when a page loads: inline ones and `src` ones (JSON data blocks excluded). */
function scriptsOf(html: string): { inline: string[]; src: string[] } {
  const inline: string[] = [];
  const src: string[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attributes = match[1] ?? '';
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attributes)?.[1]?.toLowerCase();
    if (type && type !== 'module' && !type.includes('javascript')) continue;
    const source = /\bsrc\s*=\s*["']?([^"'\s>]+)/i.exec(attributes)?.[1];
    if (source) src.push(source);
    else inline.push(match[2] ?? '');
  }
  return { inline, src };
}

/**
 * An article page's weight. Its total is what one visit costs before any
 * interaction: the HTML (CSS and inline scripts travel inside it) plus every
 * script file it loads and their static imports, each compressed on its own.
 */
function measurePage(dist: string, file: string) {
  const html = readFileSync(file, 'utf8');
  const css = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1] ?? '').join('');
  const scripts = scriptsOf(html);
  const external = moduleGraph(dist, scripts.src);
  const externalJs = external.reduce((sum, f) => ({ raw: sum.raw + f.raw, gzip: sum.gzip + f.gzip }), { raw: 0, gzip: 0 });
  const htmlSize = size(html);
  return { html: htmlSize, css: size(css), inlineJs: size(scripts.inline.join('\n')), externalJs, totalGzip: htmlSize.gzip + externalJs.gzip };
}

/** The files of the modules at `urls` and everything they import statically, or dynamically where `followDynamic` says so, each with its size. */
function moduleGraph(dist: string, urls: string[], followDynamic: (file: string) => boolean = () => false): (Size & { url: string })[] {
  const seen = new Map<string, Size & { url: string }>();
  const visit = (url: string) => {
    const clean = url.split(/[?#]/)[0] ?? url;
    if (seen.has(clean) || !clean.startsWith('/')) return;
    const file = path.join(dist, clean);
    if (!existsSync(file)) throw new Error(`Wegwijs bench: ${clean} is linked but not in the build`);
    const code = readFileSync(file, 'utf8');
    seen.set(clean, { url: clean, ...size(code) });
    const imports = [...code.matchAll(/\b(?:import|export)\s*(?:[^'"();]*?\bfrom\s*)?["']([^"']+\.m?js)["']/g)].map((m) => m[1] ?? '');
    const dynamic = [...code.matchAll(/\bimport\(\s*["'`]([^"'`]+\.m?js)["'`]\s*\)/g)]
      .map((m) => m[1] ?? '')
      .filter((t) => followDynamic(path.posix.basename(t)));
    for (const target of [...imports, ...dynamic]) visit(target.startsWith('/') ? target : path.posix.join(path.posix.dirname(clean), target));
  };
  urls.forEach(visit);
  return [...seen.values()];
}

/** The `astro-island` of the search box on a page: its JavaScript (component, renderer, imports) and the index it links. */
function searchIsland(dist: string, pageFile: string): { js: (Size & { url: string })[]; indexUrl: string } {
  const html = readFileSync(pageFile, 'utf8');
  const island = [...html.matchAll(/<astro-island\b[^>]*>/g)].map((m) => m[0]).find((tag) => /component-url="[^"]*SearchBox/.test(tag));
  if (!island) throw new Error(`Wegwijs bench: no search box island in ${pageFile}`);
  const attribute = (name: string) => /=\s*"([^"]*)"/.exec(island.slice(island.indexOf(` ${name}=`)))?.[1];
  const urls = ['component-url', 'renderer-url', 'before-hydration-url'].filter((a) => island.includes(` ${a}=`)).map((a) => attribute(a) ?? '');
  const props = (attribute('props') ?? '').replaceAll('&quot;', '"').replaceAll('&#34;', '"');
  const indexUrl = /\/search-index\/[^"]+?\.json/.exec(props)?.[0];
  if (!indexUrl) throw new Error(`Wegwijs bench: the search box in ${pageFile} links no index`);
  // The code that reads a sharded index loads only when the index is one, as it is on every size this benchmark builds.
  return {
    js: moduleGraph(
      dist,
      urls.filter((u) => u !== ''),
      (file) => file.startsWith('shards.'),
    ),
    indexUrl,
  };
}

function searchIslandJs(dist: string, pageFile: string): Size & { files: number } {
  const { js } = searchIsland(dist, pageFile);
  return { raw: js.reduce((s, f) => s + f.raw, 0), gzip: js.reduce((s, f) => s + f.gzip, 0), files: js.length };
}

// ---------------------------------------------------------------------------
// Search

/** What customers type: the demo articles' phrasings, their first three words, in a seeded order. */
function typedQueries(locale: Locale, seed: number): string[][] {
  const phrasings = loadContent(repo)
    .articles.filter((a) => a.locale === locale && !a.draft)
    .flatMap((a) => a.questions)
    .map((q) => q.toLowerCase().split(/\s+/).slice(0, 3).join(' '));
  const random = mulberry32(seed + 17);
  for (let i = phrasings.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [phrasings[i], phrasings[j]] = [phrasings[j] ?? '', phrasings[i] ?? ''];
  }
  // Letter by letter from two characters on, as the search box sees them.
  return phrasings.map((p) => Array.from({ length: p.length - 1 }, (_, i) => p.slice(0, i + 2)).filter((q) => !q.endsWith(' ')));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
}

function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

async function measureSearch(folder: string, entryName: string, locale: Locale, islandGzip: number, seed: number): Promise<LocaleFigures> {
  const entryJson = readFileSync(path.join(folder, entryName), 'utf8');
  const entry = size(entryJson);

  // Every file of this locale's index with its size; the shards are the entry's own.
  const shardSizes = new Map<string, Size>();
  const parsed: unknown = JSON.parse(entryJson);
  if (isShardedManifest(parsed)) {
    const { termShards, documentShards, documentCount } = parsed.shards;
    const files = [
      ...termShards.sizes.map((_, i) => shardFile(termShards.name, i)),
      ...Array.from({ length: Math.ceil(documentCount / documentShards.size) }, (_, i) => shardFile(documentShards.name, i)),
    ];
    for (const file of files) shardSizes.set(file, size(readFileSync(path.join(folder, file))));
  }
  const termShardGzip = [...shardSizes].filter(([f]) => f.startsWith(`${locale}.t.`)).map(([, s]) => s.gzip);
  const shardBytes = [...shardSizes.values()].reduce((sum, s) => ({ raw: sum.raw + s.raw, gzip: sum.gzip + s.gzip }), { raw: 0, gzip: 0 });

  const open = (): OpenSearchIndex => {
    const asset: unknown = JSON.parse(entryJson);
    return isShardedManifest(asset)
      ? new ShardedSearchIndex(asset, async (file) => JSON.parse(readFileSync(path.join(folder, file), 'utf8')))
      : openSearchIndex(unpackWholeIndex(asset as WholeSearchIndexFile));
  };
  const loadTimes = Array.from({ length: 5 }, () => {
    const t = performance.now();
    open();
    return performance.now() - t;
  });

  const typed = typedQueries(locale, seed);

  // The first search: a fresh page, one query typed letter by letter; every keystroke fetches what it needs.
  const firstTotals: number[] = [];
  const firstIndex: number[] = [];
  const firstParts = { terms: [] as number[], documents: [] as number[], termFiles: [] as number[], documentFiles: [] as number[] };
  for (const keystrokes of typed.slice(0, FIRST_SEARCHES)) {
    const index = open();
    for (const query of keystrokes) await prepareSearch(index, query, SUGGESTIONS);
    const loaded = index instanceof ShardedSearchIndex ? index.loadedFiles() : [];
    const gzipOf = (files: string[]) => files.reduce((sum, f) => sum + (shardSizes.get(f)?.gzip ?? 0), 0);
    const termFiles = loaded.filter((f) => f.startsWith(`${locale}.t.`));
    const documentFiles = loaded.filter((f) => !f.startsWith(`${locale}.t.`));
    firstParts.terms.push(gzipOf(termFiles));
    firstParts.documents.push(gzipOf(documentFiles));
    firstParts.termFiles.push(termFiles.length);
    firstParts.documentFiles.push(documentFiles.length);
    const shards = gzipOf(loaded);
    firstIndex.push(entry.gzip + shards);
    firstTotals.push(islandGzip + entry.gzip + shards);
  }
  firstTotals.sort((a, b) => a - b);
  firstIndex.sort((a, b) => a - b);

  // Latency: what one keystroke costs the search box once its shards are in (prepareSearch + searchArticles).
  const queries: string[] = [];
  for (const keystrokes of typed) {
    if (queries.length >= LATENCY_QUERIES) break;
    queries.push(...keystrokes);
  }
  const index = open();
  for (const query of queries) await prepareSearch(index, query, SUGGESTIONS);
  for (const query of queries.slice(0, 50)) searchArticles(index, query);
  const best = queries.map(() => Infinity);
  for (let pass = 0; pass < LATENCY_PASSES; pass++) {
    if (pass > 0) await new Promise((resolve) => setTimeout(resolve, 1000));
    queries.forEach((query, i) => {
      const t = performance.now();
      if (prepareSearch(index, query, SUGGESTIONS) !== null) throw new Error(`Wegwijs bench: "${query}" still needs shards`);
      searchArticles(index, query);
      best[i] = Math.min(best[i] ?? Infinity, performance.now() - t);
    });
  }
  best.sort((a, b) => a - b);

  return {
    entry,
    shards: shardSizes.size,
    shardBytes,
    largestTermShardGzip: Math.max(0, ...termShardGzip),
    loadMs: median(loadTimes),
    firstSearch: {
      p50: percentile(firstTotals, 0.5),
      p95: percentile(firstTotals, 0.95),
      max: firstTotals.at(-1) ?? NaN,
      indexP95: percentile(firstIndex, 0.95),
      parts: {
        manifest: entry.gzip,
        terms: median(firstParts.terms),
        documents: median(firstParts.documents),
        termFiles: median(firstParts.termFiles),
        documentFiles: median(firstParts.documentFiles),
      },
    },
    latency: { p50: percentile(best, 0.5), p95: percentile(best, 0.95), max: best.at(-1) ?? NaN, queries: best.length },
  };
}

// ---------------------------------------------------------------------------
// The demo site in Chromium

/** The demo site's figures per locale: the bytes of one run, the answer time as the median of {@link ANSWER_RUNS}. */
type DemoFigures = Record<Locale, FirstDownloads & { answerRunsMs: number[] }>;

/** Builds the demo site (the repository's content/), serves it with the real server and measures a customer's first downloads in Chromium. */
async function benchmarkDemo(): Promise<DemoFigures> {
  const temp = buildFolder('bench-demo');
  try {
    log('demo site: building');
    const built = runAstroBuild(path.join(temp, 'dist'), repo);
    if (built.status !== 0) throw new Error(`Wegwijs bench: the demo site does not build:\n${built.output}`);
    const server = await startServer(built.dist);
    const browser = await launchBrowser();
    try {
      const figures = {} as DemoFigures;
      for (const locale of LOCALES) {
        log(`demo site: ${locale} in Chromium, CPU slowed ${CPU_THROTTLING}×, ${ANSWER_RUNS} runs`);
        const runs: FirstDownloads[] = [];
        for (let run = 0; run < ANSWER_RUNS; run++) runs.push(await measureFirstDownloads(browser, server.url, { locale, cpuThrottling: CPU_THROTTLING }));
        const answerRunsMs = runs.map((r) => r.widget.answerMs).sort((a, b) => a - b);
        const first = runs[0] as FirstDownloads;
        figures[locale] = { ...first, widget: { ...first.widget, answerMs: median(answerRunsMs) }, answerRunsMs };
      }
      return figures;
    } finally {
      await browser.close();
      await server.stop();
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------
// Report

const kb = (bytes: number) => `${(bytes / 1000).toFixed(bytes < 10_000 ? 2 : 1)} KB`;
const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;
const bytesText = (bytes: number) => (bytes >= 1_000_000 ? mb(bytes) : kb(bytes));
const sizeText = (s: Size) => `${bytesText(s.raw)} / ${bytesText(s.gzip)}`;
const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;
const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`;
const count = (n: number) => n.toLocaleString('en-US');

function report(
  figures: Figures[],
  demo: DemoFigures | null,
  run: { command: string; loadBefore: number; loadAfter: number; totalMs: number; buildTimeoutMs: number },
): SiteReport {
  const at5000 = figures.find((f) => f.articles === 5000);
  const at1000 = figures.find((f) => f.articles === 1000);
  const check = (ok: boolean | undefined) => (ok === undefined ? '' : ok ? ' ✅' : ' ❌');
  const worst = (f: Figures, pick: (l: LocaleFigures) => number) => Math.max(...LOCALES.map((l) => pick(f.locales[l])));
  const none = '— (build stopped)';
  type Row = [name: string, value: (f: Figures) => string, target: string];
  const pageRow = (name: string, value: (p: NonNullable<Figures['page']>) => string, target = ''): Row => [
    name,
    (f) => (f.page ? value(f.page) : none),
    target,
  ];
  const perLocale = (name: (l: Locale) => string, value: (x: LocaleFigures) => string, target: (l: Locale) => string = () => ''): Row[] =>
    LOCALES.map((l) => [name(l), (f) => value(f.locales[l]), target(l)]);
  const rows: Row[] = [
    [
      'Build, wall time',
      (f) => {
        if (f.buildMs === null) return `> ${seconds(run.buildTimeoutMs)} (stopped)`;
        const target = TARGETS_16.buildMs[f.articles];
        return `${seconds(f.buildMs)}${target ? check(f.buildMs <= target) : ''}`;
      },
      `≤ 60 s${check(at5000 && at5000.buildMs !== null && at5000.buildMs <= TARGETS.buildMs)}; issue 16: ≤ 15 s at 1,000, ≤ 45 s at 5,000 (✅/❌ in each column; not shown by a loaded run)`,
    ],
    [
      'Build again, content unchanged, wall time',
      (f) => (f.secondBuildMs === null ? none : `${seconds(f.secondBuildMs)}${check(f.secondBuildMs <= TARGETS_16.secondBuildMs)}`),
      `issue 16: ≤ 1.5 × bare Astro (12.7 s) = ${seconds(TARGETS_16.secondBuildMs)}${check(at5000 && at5000.secondBuildMs !== null ? at5000.secondBuildMs <= TARGETS_16.secondBuildMs : undefined)}`,
    ],
    ...(figures.some((f) => f.editBuildMs !== null)
      ? ([
          [
            'Build after a one-article edit (`--edit`), wall time / CPU time of all threads',
            (f) =>
              f.editBuildMs === null || f.editBuildCpuMs === null
                ? '—'
                : `${seconds(f.editBuildMs)}${TARGETS_16.buildMs[f.articles] ? check(f.editBuildMs <= TARGETS_16.buildMs[f.articles]!) : ''} / ${seconds(f.editBuildCpuMs)}`,
            'issue 16: as a first build, ≤ 15 s at 1,000, ≤ 45 s at 5,000',
          ],
        ] satisfies Row[])
      : []),
    [
      'Build, CPU time of all threads: first / again',
      (f) => (f.buildCpuMs === null ? none : `${seconds(f.buildCpuMs)} / ${f.secondBuildCpuMs === null ? '—' : seconds(f.secondBuildCpuMs)}`),
      '',
    ],
    [
      'Build, peak memory (RSS)',
      (f) => (f.buildMaxRssKb === null ? none : `${mb(f.buildMaxRssKb * 1024)}${check(f.buildMaxRssKb <= TARGETS_16.buildMaxRssKb)}`),
      `issue 16: ≤ 2 GB${check(at5000 && at5000.buildMaxRssKb !== null ? at5000.buildMaxRssKb <= TARGETS_16.buildMaxRssKb : undefined)}`,
    ],
    ['Output', (f) => (f.page ? `${count(f.outputFiles)} files, ${mb(f.outputBytes)}` : none), ''],
    pageRow('Article page: HTML, raw / gzip', (p) => sizeText(p.html)),
    pageRow('… of which inline CSS, raw / gzip alone', (p) => sizeText(p.css)),
    pageRow('… of which inline JS before interaction, raw / gzip alone', (p) => sizeText(p.inlineJs)),
    pageRow('Article page: script files before interaction, raw / gzip', (p) => sizeText(p.externalJs)),
    pageRow(
      'Article page: HTML + CSS + JS before interaction, gzip',
      (p) => `${kb(p.totalGzip)} (heaviest of ${p.sampled}: ${kb(p.sampleMaxGzip)})`,
      `≤ 14.6 KB${check(at5000?.page ? at5000.page.sampleMaxGzip <= TARGETS.pageGzip : undefined)}`,
    ),
    ...perLocale(
      (l) => `Search index ${l}, raw / gzip`,
      (x) => {
        if (x.shards === 0) return `${sizeText(x.entry)} (one file)`;
        const total = { raw: x.entry.raw + x.shardBytes.raw, gzip: x.entry.gzip + x.shardBytes.gzip };
        return `${sizeText(total)}: manifest ${sizeText(x.entry)} + ${count(x.shards)} shards (largest term shard ${kb(x.largestTermShardGzip)} gzip)`;
      },
    ),
    [
      'Search island JS (component, renderer, imports), raw / gzip',
      (f) =>
        f.islandJs ? `${sizeText(f.islandJs)} in ${f.islandJs.files} files${f.islandJs.fromOtherSize ? ' (same code, from the other build)' : ''}` : none,
      '',
    ],
    ...perLocale(
      (l) => `First search downloads ${l}, gzip: p50 / p95 / max (index part at p95)`,
      (x) => `${kb(x.firstSearch.p50)} / ${kb(x.firstSearch.p95)} / ${kb(x.firstSearch.max)} (${kb(x.firstSearch.indexP95)})`,
      (l) =>
        l === 'nl'
          ? `≤ 300 KB${check(at5000 && worst(at5000, (x) => x.firstSearch.max) <= TARGETS.firstSearchGzip)}; issue 16: p50 ≤ 60 KB at 1,000${check(at1000 && worst(at1000, (x) => x.firstSearch.p50) <= TARGETS_16.firstSearchP50At1000)}, p95 ≤ 110 KB at 5,000${check(at5000 && worst(at5000, (x) => x.firstSearch.p95) <= TARGETS_16.firstSearchP95At5000)}`
          : '″',
    ),
    ...perLocale(
      (l) => `… index part ${l}, median: manifest + term shards + document shards, gzip`,
      (x) => {
        const p = x.firstSearch.parts;
        return x.shards === 0
          ? `${kb(p.manifest)} (one file)`
          : `${kb(p.manifest)} + ${kb(p.terms)} (${p.termFiles} files) + ${kb(p.documents)} (${p.documentFiles} files)`;
      },
    ),
    ...perLocale(
      (l) => `Index load ${l} (parse + open), median of 5`,
      (x) => ms(x.loadMs),
    ),
    ...perLocale(
      (l) => `Query latency ${l} as you type: p50 / p95 / max`,
      (x) => `${ms(x.latency.p50)} / ${ms(x.latency.p95)} / ${ms(x.latency.max)}`,
      (l) => (l === 'nl' ? `p95 ≤ 5 ms${check(at5000 && worst(at5000, (x) => x.latency.p95) <= TARGETS.queryP95Ms)}` : '″'),
    ),
  ];
  const header = `| Figure | ${figures.map((f) => `${count(f.articles)} articles per locale`).join(' | ')} | Target at 5,000 |`;
  const rule = `|---|${figures.map(() => '---|').join('')}---|`;
  const table = [header, rule, ...rows.map(([name, value, target]) => `| ${name} | ${figures.map(value).join(' | ')} | ${target} |`)].join('\n');
  const t = TARGETS_16.demo;
  const parts = (downloads: { path: string; gzip: number }[]) => {
    const byKind = new Map<string, number>();
    for (const d of downloads) {
      const kind = d.path.startsWith('/_astro/')
        ? 'code'
        : d.path.startsWith('/search-index/')
          ? 'index'
          : d.path.startsWith('/assistant-model/')
            ? 'model'
            : d.path.startsWith('/api/')
              ? 'API'
              : 'page';
      byKind.set(kind, (byKind.get(kind) ?? 0) + d.gzip);
    }
    return [...byKind].map(([kind, bytes]) => `${kind} ${kb(bytes)}`).join(', ');
  };
  const demoRows: [string, (d: DemoFigures[Locale]) => string, string][] = [
    ['Article page (HTML and what loads before interaction), gzip', (d) => `${kb(d.article.gzip)}${check(d.article.gzip <= t.article)}`, '≤ 8 KB'],
    [
      'First search (typing into the combobox), gzip',
      (d) => `${kb(d.firstSearch.gzip)}${check(d.firstSearch.gzip <= t.firstSearch)}: ${parts(d.firstSearch.downloads)}`,
      '≤ 50 KB',
    ],
    [
      'Chat opened first, first answer included, gzip',
      (d) => `${kb(d.widget.gzip)}${check(d.widget.gzip <= t.widget)}: ${parts(d.widget.downloads)}`,
      '≤ 80 KB',
    ],
    [
      `Enter → first answer, CPU slowed ${CPU_THROTTLING}×, median of ${ANSWER_RUNS} (all runs)`,
      (d) => `${ms(d.widget.answerMs)}${check(d.widget.answerMs <= t.answerMs)} (${d.answerRunsMs.map((x) => x.toFixed(0)).join(', ')})`,
      '≤ 300 ms',
    ],
  ];
  const demoTable = !demo
    ? ''
    : [
        `| Figure | ${LOCALES.join(' | ')} | Target (issue 16) |`,
        `|---|${LOCALES.map(() => '---|').join('')}---|`,
        ...demoRows.map(([name, value, target]) => `| ${name} | ${LOCALES.map((l) => value(demo[l])).join(' | ')} | ${target} |`),
      ].join('\n');
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const date = utcDay(new Date());
  const measured = `Measured ${date} with \`${run.command}\` on ${cpu}, ${os.availableParallelism()} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB memory, Node ${process.version}; load average ${run.loadBefore.toFixed(1)} at the start and ${run.loadAfter.toFixed(1)} at the end (other work shared the machine). The whole run took ${seconds(run.totalMs)}.`;
  const latencyQueries = figures[0]?.locales.nl.latency.queries ?? 0;
  const pagePath = figures.find((f) => f.page)?.page?.path ?? '';
  return {
    sizes:
      figures.length === 0
        ? null
        : `${measured}${pagePath ? ` Article page measured: ${pagePath}; ${latencyQueries} as-you-type queries per locale.` : ''}

${table}
`,
    demo: demoTable
      ? `The demo site (content/, 45 articles per locale) in Chromium. ${measured}

${demoTable}
`
      : null,
    method: `How it is measured:
- Content: bench/site-content.ts writes N articles per locale (nl and en, paired by translation key, seeded). Words come from the demo articles with their frequencies, each article pair about one demo article (70% of its words) so words cluster by topic; titles 4–9 words, 1–2 sentence summary, 5 phrasings, bodies of 200–400 words in 2–3 \`##\` sections with lists. The vocabulary is the demo's (about 1,100 index terms per locale), so common words sit in far more articles than on a real site of this size: posting lists, shards and query times are on the heavy side.
- Build: \`astro build\` (bench/site-build.ts) in a child process; wall time from spawn to exit, peak RSS of that process. A build still running after ${seconds(run.buildTimeoutMs)} is stopped; the search figures of that size then come from index files written by the same site code without Astro.
- Page weight: one article page (the first of the generated content) and the heaviest of a seeded sample. The total is the gzip size of the HTML (CSS and inline scripts are inside it) plus the gzip size of every script file the page loads before interaction with its static imports. KB = 1,000 bytes; gzip at zlib's default level.
- First search: a fresh page, the search island's JavaScript (the \`astro-island\`'s component and renderer URLs, their static imports and the code that reads a sharded index, which loads only for one), then the index: the whole file, or on a sharded site the manifest plus every shard that the search box fetches while the query is typed letter by letter (term shards for each keystroke's terms, document shards for the ${SUGGESTIONS} suggestions shown). ${FIRST_SEARCHES} queries per locale: the first three words of the demo articles' phrasings.
- Latency: about 300 as-you-type queries per locale (the same phrasings, letter by letter from the second character), timed in Node as one keystroke of the search box: \`prepareSearch\` (which finds the query's terms) plus \`searchArticles\`, shards already loaded. Each query's best of ${LATENCY_PASSES} passes counts, to filter out other processes on the machine.
- Demo site: test/first-downloads.ts with Debian's Chromium against the real server (api/start.ts). Every response counts at the gzip size of its body (zlib's default level), whatever the server sent. Article page: ${LOCALES.map((l) => CUSTOMER[l].article).join(' and ')} until the network is idle. First search: then typing a customer's words into the search combobox until the suggestions show. Chat: a fresh page, the launcher pressed, the question typed once the model has arrived (a customer still typing), Enter; the time runs in the page from the Enter key to the answer's title in the chat's log, with the CPU slowed ${CPU_THROTTLING}× for the whole chat step.
- Build again: a second \`astro build\` of the same content in the same folder and cache right after the first.
- Build after an edit (\`--edit\`): then one sentence is added to the body of one Dutch article (the first file by name) and the site is built a third time in the same folder and caches.
- Targets (issue 2) hold at 5,000 articles per locale on a 2-core machine; ✅/❌ compare the 5,000 column (page weight: the heaviest sampled page; first search and latency: the worse locale, first search at its max).
`,
  };
}

/** The blocks of the Site section in docs/benchmarks.md (bench/benchmark-section.ts): each mode writes only its own. */
interface SiteReport {
  /** The 1,000/5,000 table, or null with `--demo-only`. */
  sizes: string | null;
  /** The demo site in Chromium, or null with `--no-demo`. */
  demo: string | null;
  /** How it is measured (no figures). */
  method: string;
}

/** Writes this run's blocks into the section "Site (npm run bench:site)" of docs/benchmarks.md, the rest of the file as it was. */
function writeSection(file: string, report: SiteReport): void {
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\nMeasured figures; each section is written by its own benchmark.\n';
  const blocks = [
    ...(report.sizes ? [{ name: 'bench:site sizes', text: report.sizes, keepColumns: true }] : []),
    ...(report.demo ? [{ name: 'bench:site demo', text: report.demo }] : []),
    { name: 'bench:site method', text: report.method },
  ];
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, writeBlocks(current, '## Site (npm run bench:site)', blocks));
}

function log(message: string): void {
  console.error(`[bench:site] ${message}`);
}

await main();

/**
 * Astro integration: at the start of `astro build`, reads content/ once for
 * the whole build, then starts the search index and assistant model of every
 * locale (cached, or in worker threads given that content), which run while
 * Astro bundles and renders the pages; at the end of the build, writes their
 * files and puts their names into pages rendered before they were made
 * (artifacts.ts, docs/decisions/028-pages-render-while-the-model-compiles.md).
 *
 * `WEGWIJS_BUILD_CACHE=0` turns the cache off (every build compiles);
 * `WEGWIJS_BUILD_CACHE_DIR` puts it elsewhere (the site benchmark gives each
 * size a fresh one, so its first build is a first build).
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { LOCALES } from '#core/locale.ts';
import { contentRoot } from '../content/site-data.ts';
import { cacheFolder, cachedContent, cacheKeys, largeSiteLine, startArtifacts, writeArtifacts } from './artifacts.ts';
import { outputMark, removeUnwritten } from './output-folder.ts';
import { type BuildState, buildState, setBuildState } from './state.ts';

/**
 * Up to this many articles per locale, both locales compile at once, each in
 * a worker, while Astro bundles and renders the pages: on two cores the
 * build then takes about as long as its longest thread. Above it, memory
 * decides (issue 16: ≤ 2 GB at 5,000): a compile holds its training data and
 * weights (about 0.6 GB at 1,000 articles, 1.6 GB at 5,000, measured alone),
 * and the page thread about 1 GB at 1,000 and more at 5,000 once Astro has
 * bundled and rendered; side by side they took a 5,000-article build to
 * 2.9 GB. So above it the locales compile one after the other in one worker,
 * before Astro's bundling and rendering start (docs/benchmarks.md,
 * docs/decisions/028-pages-render-while-the-model-compiles.md).
 */
const PARALLEL_UP_TO_ARTICLES = 1000;

/** Article files per locale (drafts included): what decides the work before content is read. */
function articleFiles(root: string): Map<(typeof LOCALES)[number], number> {
  const counts = new Map<(typeof LOCALES)[number], number>();
  for (const locale of LOCALES) {
    const folder = path.join(root, 'content', 'articles', locale);
    const files = existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith('.md')).length : 0;
    if (files > 0) counts.set(locale, files);
  }
  return counts;
}

export function buildArtifacts(): AstroIntegration {
  /** When this build started writing into its output folder (output-folder.ts); unset outside a build. */
  let mark: bigint | undefined;
  return {
    name: 'wegwijs:build-artifacts',
    hooks: {
      'astro:config:setup': async ({ command, config, logger, updateConfig }) => {
        const root = contentRoot();
        if (command !== 'build' || buildState(root)) return;
        // Write over the previous output and remove what this build did not write at the end, instead of Astro
        // emptying the folder first (docs/decisions/041-build-writes-over-the-previous-output.md).
        updateConfig({ vite: { build: { emptyOutDir: false } } });
        mark = outputMark(fileURLToPath(config.outDir));
        const state: BuildState = { contentRoot: root, artifacts: new Map() };
        setBuildState(state);
        const files = articleFiles(root);
        const astroRoot = fileURLToPath(config.root);
        const folder = process.env['WEGWIJS_BUILD_CACHE_DIR'] || cacheFolder(astroRoot);
        const cache = process.env['WEGWIJS_BUILD_CACHE'] !== '0';
        const locales = [...files.keys()];
        const keys = cache ? cacheKeys(astroRoot, root, locales) : null;
        // The workers start first and load their modules while this thread reads content/, once for the whole
        // build (invalid content fails the build here, with its file-and-field messages, before any bundling);
        // then they get that read instead of each reading content/ again.
        const parallel = Math.max(0, ...files.values()) <= PARALLEL_UP_TO_ARTICLES;
        const started = startArtifacts({
          root: astroRoot,
          locales,
          parallel,
          keys: keys?.artifacts ?? null,
          cacheFolder: folder,
          content: 'to follow',
          log: (message) => logger.info(message),
        });
        try {
          state.content = cachedContent(folder, keys?.content ?? null, root);
        } catch (error) {
          started.stop();
          throw error;
        }
        started.content(state.content);
        if (!parallel) {
          // A large site: the compile first, while this thread holds little more than the content; Astro's work after.
          logger.info(largeSiteLine(locales, started.compiling));
          await Promise.allSettled(state.artifacts.values());
        }
      },
      'astro:build:done': async ({ dir, logger }) => {
        try {
          const filled = await writeArtifacts(fileURLToPath(dir));
          if (filled > 0) logger.info(`search index and assistant model names put into ${filled} pages rendered before they were made`);
          if (mark !== undefined) {
            const removed = removeUnwritten(fileURLToPath(dir), mark);
            if (removed > 0) logger.info(`${removed} files of an earlier build removed from the output`);
          }
        } finally {
          mark = undefined;
          // A second build in the same process starts afresh (content may have changed in between).
          setBuildState(undefined);
        }
      },
    },
  };
}

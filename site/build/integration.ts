/**
 * Astro integration: at the start of `astro build`, starts the search index
 * and assistant model of every locale (cached, or in worker threads), then
 * reads content/ once for the whole build while they run, so they are
 * ready, or nearly, by the time the pages render (artifacts.ts).
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
import { artifactsKey, cacheFolder, cachedContent, startArtifacts } from './artifacts.ts';
import { type BuildState, buildState, setBuildState } from './state.ts';

/**
 * Above this many articles per locale the locales compile one after the
 * other: each compile holds its training data and weights (about 0.6 GB at
 * 1,000 articles, 1.9 GB at 5,000, measured alone; docs/benchmarks.md), and two
 * at once would take a large build's peak memory past 2 GB (issue 16). Up to
 * here both at once: on two cores the page thread mostly waits for the models.
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
  return {
    name: 'wegwijs:build-artifacts',
    hooks: {
      'astro:config:setup': ({ command, config, logger }) => {
        const root = contentRoot();
        if (command !== 'build' || buildState(root)) return;
        const state: BuildState = { contentRoot: root, artifacts: new Map() };
        setBuildState(state);
        const files = articleFiles(root);
        const astroRoot = fileURLToPath(config.root);
        const folder = process.env['WEGWIJS_BUILD_CACHE_DIR'] || cacheFolder(astroRoot);
        const key = process.env['WEGWIJS_BUILD_CACHE'] === '0' ? null : artifactsKey(astroRoot, root);
        // The workers first: they read content/ themselves, so this thread's read below runs beside them.
        const stop = startArtifacts({
          root: astroRoot,
          locales: [...files.keys()],
          parallel: Math.max(0, ...files.values()) <= PARALLEL_UP_TO_ARTICLES,
          key,
          cacheFolder: folder,
          log: (message) => logger.info(message),
        });
        try {
          // Invalid content fails the build here, with the same file-and-field messages as before, before any bundling.
          state.content = cachedContent(folder, key, root);
        } catch (error) {
          stop();
          throw error;
        }
      },
      // A second build in the same process starts afresh (content may have changed in between).
      'astro:build:done': () => setBuildState(undefined),
    },
  };
}

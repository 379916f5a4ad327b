/**
 * Astro integration: at the start of `astro build`, reads content/ once for
 * the whole build and starts the search index and assistant model of every
 * locale (cached, or in worker threads), so they are ready, or nearly, by
 * the time the pages render (artifacts.ts).
 *
 * `WEGWIJS_BUILD_CACHE=0` turns the cache off (every build compiles).
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { loadContent, publishedArticles } from '#core/content/load.node.ts';
import { contentRoot } from '../content/site-data.ts';
import { startArtifacts } from './artifacts.ts';
import { buildState, setBuildState } from './state.ts';

/**
 * Above this many published articles per locale the locales compile one
 * after the other: a compile's weight matrix grows with features × articles,
 * and two at once would take a 5,000-article build past 2 GB (issue 16).
 */
const PARALLEL_UP_TO_ARTICLES = 2_000;

export function buildArtifacts(): AstroIntegration {
  return {
    name: 'wegwijs:build-artifacts',
    hooks: {
      'astro:config:setup': ({ command, config, logger }) => {
        if (command !== 'build' || buildState(contentRoot())) return;
        // Invalid content fails here, with the same file-and-field messages as before, before any bundling.
        const content = loadContent(contentRoot());
        setBuildState({ contentRoot: contentRoot(), content, artifacts: new Map() });
        const locales = content.settings.locales;
        startArtifacts({
          root: fileURLToPath(config.root),
          locales,
          parallel: publishedArticles(content).length <= PARALLEL_UP_TO_ARTICLES * locales.length,
          cache: process.env['WEGWIJS_BUILD_CACHE'] !== '0',
          log: (message) => logger.info(message),
        });
      },
      // A second build in the same process starts afresh (content may have changed in between).
      'astro:build:done': () => setBuildState(undefined),
    },
  };
}

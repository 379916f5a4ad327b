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
import { loadContent } from '#core/content/load.node.ts';
import { contentRoot } from '../content/site-data.ts';
import { startArtifacts } from './artifacts.ts';
import { buildState, setBuildState } from './state.ts';

export function buildArtifacts(): AstroIntegration {
  return {
    name: 'wegwijs:build-artifacts',
    hooks: {
      'astro:config:setup': ({ command, config, logger }) => {
        if (command !== 'build' || buildState(contentRoot())) return;
        // Invalid content fails here, with the same file-and-field messages as before, before any bundling.
        const content = loadContent(contentRoot());
        setBuildState({ contentRoot: contentRoot(), content, artifacts: new Map() });
        startArtifacts({
          root: fileURLToPath(config.root),
          locales: content.settings.locales,
          cache: process.env['WEGWIJS_BUILD_CACHE'] !== '0',
          log: (message) => logger.info(message),
        });
      },
      // A second build in the same process starts afresh (content may have changed in between).
      'astro:build:done': () => setBuildState(undefined),
    },
  };
}

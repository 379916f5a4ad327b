// @ts-check
import preact from '@astrojs/preact';
import react from '@astrojs/react';
import { defineConfig } from 'astro/config';
import { buildArtifacts } from './site/build/integration.ts';

/**
 * `client:interaction`: hydrate an island on the visitor's first focus,
 * pointer or key press inside it, so no island code runs before anyone
 * interacts (the page weight budget counts only what runs before that).
 * @type {import('astro').AstroIntegration}
 */
const interactionDirective = {
  name: 'wegwijs:client-interaction',
  hooks: {
    'astro:config:setup': ({ addClientDirective }) => {
      addClientDirective({ name: 'interaction', entrypoint: './site/directives/interaction.ts' });
    },
  },
};

/**
 * The islands customers meet (search, chat widget, article feedback, CSAT)
 * run on Preact with its own hooks, no React and no preact/compat: a fraction
 * of React DOM's download (docs/decisions/010-preact-for-customer-islands.md,
 * 033-chat-first-open-without-compat-or-base64.md). The agent pages (inbox,
 * reports) keep React. A `react` import in a customer island would pull React
 * DOM into the customer's download: core/boundaries.test.ts fails on one.
 */
const CUSTOMER_ISLANDS = ['**/site/chat/**', '**/site/search/**', '**/site/feedback/**'];

export default defineConfig({
  // Absolute URLs (canonical, hreflang, sitemap) need the public origin.
  site: process.env.SITE_URL ?? 'http://localhost:4321',
  srcDir: './site',
  publicDir: './site/public',
  // DIST_DIR is shared with the server (api/config.ts), so both agree on where the site is.
  outDir: process.env.DIST_DIR || './dist',
  trailingSlash: 'always',
  build: {
    format: 'directory',
    // One round trip per page: the CSS travels inside the HTML.
    inlineStylesheets: 'always',
  },
  // buildArtifacts: search index and assistant model started first, in worker threads or from the cache (docs/decisions/015-build-artifact-cache.md).
  integrations: [buildArtifacts(), preact({ include: CUSTOMER_ISLANDS }), react({ exclude: CUSTOMER_ISLANDS }), interactionDirective],
  // SOURCEMAP=1 writes source maps, to see what a bundle's bytes are made of.
  vite: { build: { sourcemap: process.env.SOURCEMAP === '1' } },
  devToolbar: { enabled: false },
});

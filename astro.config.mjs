// @ts-check
import react from '@astrojs/react';
import { defineConfig } from 'astro/config';

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
  integrations: [react(), interactionDirective],
  devToolbar: { enabled: false },
});

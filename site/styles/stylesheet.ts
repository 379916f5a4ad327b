/**
 * Adds a stylesheet of the site's own to the page when an island's code
 * arrives, rather than inlining it into every page: only those who use the
 * island load its styles (the chat widget: site/chat/styles.ts; the article
 * feedback's follow-up: site/feedback/styles.ts). A `<link>` rather than an
 * inline `<style>`: the site's Content-Security-Policy allows styles from
 * its own origin and inline ones only by the hashes of the built pages
 * (docs/decisions/007-csp-by-hashes.md).
 */

/** Resolves once the stylesheet at `href` is in the page, or failed to load (which must not hold an island back). */
export function addStylesheet(href: string): Promise<void> {
  // The server renders islands too; it has no page to add a stylesheet to.
  if (typeof document === 'undefined' || document.querySelector(`link[href="${href}"]`)) return Promise.resolve();
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  const loaded = new Promise<void>((resolve) => {
    link.addEventListener('load', () => resolve(), { once: true });
    link.addEventListener('error', () => resolve(), { once: true });
  });
  document.head.append(link);
  return loaded;
}

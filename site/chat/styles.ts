/**
 * The chat widget's stylesheet (site/styles/chat.css), added to the page when the
 * widget's code arrives rather than inlined into every page: the article page
 * stays within one small download, and only those who reach for the chat load
 * its styles. The launcher's few rules stay in the page (global.css), so it
 * looks right at first paint, also without JavaScript.
 *
 * The module waits for the stylesheet before it finishes loading (a
 * top-level await), so the widget's code, which imports it, renders nothing
 * unstyled: an open chat restored on the next page included. A stylesheet
 * that fails to load does not hold the chat back. A `<link>` rather than an
 * inline `<style>`: the site's Content-Security-Policy allows styles from its
 * own origin and inline ones only by the hashes of the built pages
 * (docs/decisions/007-csp-by-hashes.md).
 */
import href from '../styles/chat.css?url';

/** Resolves once the widget's stylesheet is in the page, or failed to load. */
function addChatStyles(): Promise<void> {
  // The server renders the widget too; it has no page to add a stylesheet to.
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

await addChatStyles();

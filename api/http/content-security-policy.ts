/**
 * The Content-Security-Policy for the site and the API. Everything comes
 * from this origin; the only inline code is what Astro writes into the pages
 * (the island loader, the brand colour, small stylesheets), and each of those
 * is allowed by its SHA-256 hash, read from the built site at start. No
 * `'unsafe-inline'`, no `'unsafe-eval'`.
 *
 * A rebuilt site with new inline code needs a restart (which `npm start`
 * does anyway when it builds).
 */
import { createHash } from 'node:crypto';
import { type Dirent, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** CSP sources (`'sha256-…'`) for the inline scripts and styles of a built site. */
export interface InlineHashes {
  scripts: string[];
  styles: string[];
}

// Script types a browser runs (HTML, 4.12.1.1); anything else (JSON-LD, templates) is a data block CSP ignores.
const EXECUTABLE_TYPES = new Set(['', 'module', 'text/javascript', 'application/javascript', 'text/ecmascript', 'application/ecmascript']);
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const STYLE = /<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi;

/** The CSP source for `content`: `'sha256-<base64>'` of its UTF-8 bytes, exactly as the browser hashes it. */
export function hashSource(content: string): string {
  return `'sha256-${createHash('sha256').update(content, 'utf8').digest('base64')}'`;
}

/** Inline scripts (executable ones) and `<style>` elements of one HTML document, as hash sources. */
export function inlineHashesOf(html: string): InlineHashes {
  const scripts: string[] = [];
  const styles: string[] = [];
  for (const [, attributes = '', content = ''] of html.matchAll(SCRIPT)) {
    if (/\bsrc\s*=/i.test(attributes)) continue;
    const type = /\btype\s*=\s*["']?([^"'\s>]*)/i.exec(attributes)?.[1]?.toLowerCase() ?? '';
    if (EXECUTABLE_TYPES.has(type)) scripts.push(hashSource(content));
  }
  for (const [, content = ''] of html.matchAll(STYLE)) styles.push(hashSource(content));
  return { scripts, styles };
}

/**
 * The hashes of every inline script and style in the `.html` files under
 * `distDir`, without duplicates (Astro writes the same few into every page).
 * An unbuilt site has none.
 */
export function inlineHashesOfSite(distDir: string): InlineHashes {
  const scripts = new Set<string>();
  const styles = new Set<string>();
  const visit = (folder: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (entry.name.endsWith('.html')) {
        const found = inlineHashesOf(readFileSync(file, 'utf8'));
        for (const hash of found.scripts) scripts.add(hash);
        for (const hash of found.styles) styles.add(hash);
      }
    }
  };
  visit(distDir);
  return { scripts: [...scripts].sort(), styles: [...styles].sort() };
}

/**
 * The policy's directives for a site with `hashes`, as `secureHeaders` takes them.
 *
 * @example secureHeaders({ contentSecurityPolicy: contentSecurityPolicy(inlineHashesOfSite(distDir)) })
 */
export function contentSecurityPolicy(hashes: InlineHashes) {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", ...hashes.scripts],
    styleSrc: ["'self'", ...hashes.styles],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'self'"],
  };
}

/**
 * The policy of the API's answers: JSON and CSV are never rendered as
 * documents that load anything, so nothing is allowed (the OWASP advice for
 * APIs), and the answer is some 700 bytes shorter than the site's policy
 * with its hashes.
 */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

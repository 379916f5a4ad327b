/**
 * A small built site for the static-serving tests: one file of every kind
 * the server must type and cache right, written to a temporary folder.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Text long enough to be compressed (the threshold is 1 KB). */
export const LONG_PAGE = `<!doctype html><html lang="nl"><title>Pakket</title><main>${'<p>Waar is mijn pakket?</p>'.repeat(100)}</main></html>`;

/** Files of the fixture, by path under the dist folder. */
export const DIST_FILES: Record<string, string | Uint8Array> = {
  'index.html': '<!doctype html><title>Wegwijs</title>',
  '404.html': '<!doctype html><title>Niet gevonden</title><h1>Pagina niet gevonden</h1>',
  'nl/index.html': '<!doctype html><html lang="nl"><title>Helpcentrum</title></html>',
  'nl/bezorging/waar-is-mijn-pakket/index.html': LONG_PAGE,
  'en/index.html': '<!doctype html><html lang="en"><title>Help center</title></html>',
  '_astro/client.CzWaolnw.js': 'export const x = 1;',
  '_astro/page.css': 'body{color:#1c2321}',
  'search-index/nl.492c68e9c1.json': '{"documents":[]}',
  'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
  'favicon.ico': new Uint8Array([0, 0, 1, 0]),
  'logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
  'fonts/inter.woff2': new Uint8Array([0x77, 0x4f, 0x46, 0x32]),
  'site.webmanifest': '{"name":"Wegwijs"}',
  'sitemap.xml': '<?xml version="1.0"?><urlset/>',
  'robots.txt': 'User-agent: *\n',
  'data.json': '{"ok":true}',
};

/** Writes the fixture into a new temporary folder and returns its path. */
export function writeDist(files: Record<string, string | Uint8Array> = DIST_FILES): string {
  const root = mkdtempSync(path.join(tmpdir(), 'wegwijs-dist-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
  return root;
}

import { createHash } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import type { SiteLocales } from './site-settings.ts';
import { IMMUTABLE } from './static/serve.ts';
import { NO_LIMITS } from './test/app.ts';
import { unusedDatabase } from './test/database.ts';
import { LONG_PAGE, writeDist } from './test/dist.ts';
import { demoDist } from '../test/demo-dist.ts';

// The demo site, built in the background by the global setup (this file runs after the files that do not need it).
const builtDemo = await demoDist();

const site: SiteLocales = { locales: ['nl', 'en'], defaultLocale: 'nl' };
const dist = writeDist();
afterAll(() => rmSync(dist, { recursive: true, force: true }));

function appFor(distDir: string) {
  return createApp({
    // These tests never reach the database; rate limits would.
    config: { distDir, contentRoot: path.resolve(import.meta.dirname, '..'), logLevel: 'error', rateLimits: NO_LIMITS },
    database: unusedDatabase(),
    site,
  });
}
const app = appFor(dist);

describe('static site', () => {
  it.each([
    ['/nl/', 'text/html; charset=utf-8', 'no-cache'],
    ['/index.html', 'text/html; charset=utf-8', 'no-cache'],
    ['/_astro/client.CzWaolnw.js', 'text/javascript; charset=utf-8', IMMUTABLE],
    ['/_astro/page.css', 'text/css; charset=utf-8', IMMUTABLE],
    ['/search-index/nl.492c68e9c1.json', 'application/json', IMMUTABLE],
    ['/data.json', 'application/json', 'no-cache'],
    ['/favicon.svg', 'image/svg+xml', 'no-cache'],
    ['/favicon.ico', 'image/x-icon', 'no-cache'],
    ['/logo.png', 'image/png', 'no-cache'],
    ['/fonts/inter.woff2', 'font/woff2', 'no-cache'],
    ['/site.webmanifest', 'application/manifest+json', 'no-cache'],
    ['/sitemap.xml', 'application/xml; charset=utf-8', 'no-cache'],
    ['/robots.txt', 'text/plain; charset=utf-8', 'no-cache'],
  ])('serves %s as %s with Cache-Control %s', async (url, type, cacheControl) => {
    const res = await app.request(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')?.toLowerCase()).toMatch(new RegExp(`^${type.replace(/[+.]/g, '\\$&')}`));
    expect(res.headers.get('Cache-Control')).toBe(cacheControl);
  });

  it('serves a folder by its index.html', async () => {
    const res = await app.request('/nl/bezorging/waar-is-mijn-pakket/');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(LONG_PAGE);
  });

  it('redirects a folder without its slash to the slashed URL, keeping the query', async () => {
    const res = await app.request('/nl/bezorging/waar-is-mijn-pakket?ref=mail');
    expect(res.status).toBe(301);
    expect(res.headers.get('Location')).toBe('/nl/bezorging/waar-is-mijn-pakket/?ref=mail');
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await app.request('/nl/bezorging/waar-is-mijn-pakket/', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Length')).toBe(String(Buffer.byteLength(LONG_PAGE)));
    expect(await res.text()).toBe('');
  });

  it('answers a revalidation with 304 when nothing changed', async () => {
    const first = await app.request('/nl/');
    const etag = first.headers.get('ETag');
    expect(etag).toMatch(/^W\/".+"$/);
    const byTag = await app.request('/nl/', { headers: { 'If-None-Match': etag ?? '' } });
    expect(byTag.status).toBe(304);
    expect(await byTag.text()).toBe('');
    const byDate = await app.request('/nl/', { headers: { 'If-Modified-Since': first.headers.get('Last-Modified') ?? '' } });
    expect(byDate.status).toBe(304);
    const stale = await app.request('/nl/', { headers: { 'If-None-Match': 'W/"other"' } });
    expect(stale.status).toBe(200);
  });

  it('compresses with gzip when the client asks for it', async () => {
    const res = await app.request('/nl/bezorging/waar-is-mijn-pakket/', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.headers.get('Content-Encoding')).toBe('gzip');
    expect(res.headers.get('Vary')).toContain('Accept-Encoding');
    // Compressed once and kept (api/static/compressed-cache.ts), so the length is known.
    const body = Buffer.from(await res.arrayBuffer());
    expect(res.headers.get('Content-Length')).toBe(String(body.byteLength));
    expect(gunzipSync(body).toString()).toBe(LONG_PAGE);
  });

  it('prefers Brotli when offered', async () => {
    const res = await app.request('/nl/bezorging/waar-is-mijn-pakket/', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(res.headers.get('Content-Encoding')).toBe('br');
    expect(brotliDecompressSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(LONG_PAGE);
    const head = await app.request('/nl/bezorging/waar-is-mijn-pakket/', { method: 'HEAD', headers: { 'Accept-Encoding': 'br' } });
    expect(head.status).toBe(200);
    expect(head.headers.get('Content-Encoding')).toBe('br');
    expect(await head.text()).toBe('');
  });

  it('sends small files as they are', async () => {
    const res = await app.request('/robots.txt', { headers: { 'Accept-Encoding': 'br' } });
    expect(res.headers.get('Content-Encoding')).toBeNull();
  });

  it('serves 404.html with status 404 for an unknown path', async () => {
    const res = await app.request('/nl/bestaat-niet/');
    expect(res.status).toBe(404);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('Pagina niet gevonden');
  });

  it('falls back to a plain-text 404 when the build has no 404.html', async () => {
    const bare = writeDist({ 'index.html': '<!doctype html>' });
    try {
      const res = await appFor(bare).request('/nope');
      expect(res.status).toBe(404);
      expect(res.headers.get('Content-Type')).toMatch(/^text\/plain/);
      expect(await res.text()).toBe('Not found');
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  it('still answers /api when the site is not built at all', async () => {
    const res = await appFor(path.join(tmpdir(), 'wegwijs-no-such-dist')).request('/api/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { message: 'no API endpoint at GET /api/nope' } });
  });

  it.each(['/../package.json', '/%2e%2e/package.json', '/nl/%2e%2e/%2e%2e/package.json', '/nl%2f..%2f..%2fpackage.json', '/%00', '/%E0%A4%A'])(
    'never serves a file outside the dist folder for %s',
    async (url) => {
      const res = await app.request(url);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('"name": "wegwijs"');
    },
  );

  it('sends the secure headers and a Content-Security-Policy without unsafe sources', async () => {
    for (const url of ['/nl/', '/api/health', '/api/nope', '/no-such-page']) {
      const res = await app.request(url);
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(res.headers.get('X-Frame-Options')).toBe('SAMEORIGIN');
      expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
      const policy = res.headers.get('Content-Security-Policy');
      expect(policy).toBe(
        url.startsWith('/api/')
          ? "default-src 'none'; frame-ancestors 'none'"
          : "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'",
      );
    }
  });
});

describe('GET /', () => {
  it.each([
    [undefined, '/nl/'],
    ['en-US,en;q=0.9', '/en/'],
    ['nl-NL', '/nl/'],
    ['en;q=0.3, nl;q=0.7', '/nl/'],
    ['de-DE', '/nl/'],
  ])('Accept-Language %j → %s', async (language, location) => {
    const res = await app.request('/', { headers: language ? { 'Accept-Language': language } : {} });
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toBe(location);
    expect(res.headers.get('Vary')).toContain('Accept-Language');
  });

  it('keeps the query string', async () => {
    const res = await app.request('/?utm_source=mail', { headers: { 'Accept-Language': 'en' } });
    expect(res.headers.get('Location')).toBe('/en/?utm_source=mail');
  });

  it('uses the default locale of the settings', async () => {
    const english = createApp({
      config: { distDir: dist, contentRoot: dist, logLevel: 'error' },
      database: unusedDatabase(),
      site: { locales: ['nl', 'en'], defaultLocale: 'en' },
    });
    expect((await english.request('/', { headers: { 'Accept-Language': 'fr' } })).headers.get('Location')).toBe('/en/');
  });
});

describe('/api', () => {
  it.each(['/api', '/api/', '/api/nope', '/api/searches/failed', '/api/conversations/x/ces'])('answers unknown %s with a JSON 404', async (url) => {
    const res = await app.request(url);
    expect(res.status).toBe(404);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect((await res.json()) as unknown).toEqual({ error: { message: expect.stringContaining(url) } });
  });

  it('answers a wrong method on a known path with a JSON 404, not the site', async () => {
    const res = await app.request('/api/signals');
    expect(res.status).toBe(404);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
  });

  it('describes itself in OpenAPI', async () => {
    const res = await app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      servers: { url: string }[];
      paths: Record<string, Record<string, unknown>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(doc.servers).toEqual([{ url: '/api' }]);
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['conversationToken', 'session']);
    expect(Object.keys(doc.paths['/agent/tickets/{id}'] ?? {}).sort()).toEqual(['get', 'patch']);
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/agent/agents',
      '/agent/articles',
      '/agent/customers/{ticketId}',
      '/agent/login',
      '/agent/logout',
      '/agent/me',
      '/agent/me/notices',
      '/agent/phrasings',
      '/agent/phrasings/{id}',
      '/agent/presence/{id}',
      '/agent/privacy/erase',
      '/agent/reasons/report',
      '/agent/reasons/tickets/{id}',
      '/agent/reports/content-gaps',
      '/agent/reports/content-gaps/comments/{id}',
      '/agent/reports/content-gaps/dismissals',
      '/agent/reports/summary',
      '/agent/routing',
      '/agent/routing/agents/{id}',
      '/agent/routing/rules',
      '/agent/routing/rules/{id}',
      '/agent/routing/teams',
      '/agent/routing/teams/{id}',
      '/agent/saved-replies',
      '/agent/saved-replies/{id}',
      '/agent/session',
      '/agent/targets/report',
      '/agent/tickets',
      '/agent/tickets/{id}',
      '/agent/tickets/{id}/attachments',
      '/agent/tickets/{id}/attachments/{attachmentId}',
      '/agent/tickets/{id}/claim',
      '/agent/tickets/{id}/merge',
      '/agent/tickets/{id}/replies',
      '/agent/webhooks',
      '/agent/webhooks/{id}',
      '/assistant/models/{locale}',
      '/conversations',
      '/conversations/links',
      '/conversations/{id}/attachments',
      '/conversations/{id}/attachments/{attachmentId}',
      '/conversations/{id}/csat',
      '/conversations/{id}/handoff',
      '/conversations/{id}/signals',
      '/conversations/{id}/ticket',
      '/conversations/{id}/ticket/messages',
      '/csat',
      '/health',
      '/signals',
    ]);
  });
});

describe('the demo site build', () => {
  const demo = builtDemo;
  const demoApp = appFor(demo);

  it('allows the inline scripts and styles of its pages by hash in the Content-Security-Policy', async () => {
    const res = await demoApp.request('/nl/');
    const policy = res.headers.get('Content-Security-Policy') ?? '';
    const html = await res.text();
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
    expect(inline.length).toBeGreaterThan(0);
    for (const script of inline) expect(policy).toContain(`'sha256-${createHash('sha256').update(script).digest('base64')}'`);
    expect(policy).not.toContain('unsafe-inline');
  });

  it('serves every locale home and the redirect to it', async () => {
    for (const locale of site.locales) {
      const res = await demoApp.request(`/${locale}/`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain(`lang="${locale}"`);
    }
  });

  it('caches the hashed assets forever and compresses the search index', async () => {
    const indexes = readdirSync(path.join(demo, 'search-index'));
    const assets = readdirSync(path.join(demo, '_astro'));
    expect(indexes.length).toBeGreaterThan(0);
    for (const url of [...indexes.map((n) => `/search-index/${n}`), ...assets.map((n) => `/_astro/${n}`)]) {
      const res = await demoApp.request(url, { headers: { 'Accept-Encoding': 'br' } });
      expect(res.status, url).toBe(200);
      expect(res.headers.get('Cache-Control'), url).toBe(IMMUTABLE);
    }
    const index = await demoApp.request(`/search-index/${indexes[0]}`, { headers: { 'Accept-Encoding': 'br' } });
    expect(index.headers.get('Content-Encoding')).toBe('br');
  });
});

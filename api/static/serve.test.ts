import { describe, expect, it } from 'vitest';
import { cacheControlFor, IMMUTABLE, isHashedAsset, REVALIDATE } from './serve.ts';

describe('isHashedAsset', () => {
  it.each(['/_astro/SearchBox.9zK2jnPC.js', '/_astro/anything.css', '/search-index/nl.492c68e9c1.json', '/fonts/inter.a1b2c3d4.woff2', '/app.Ab_-1234.js'])(
    '%s is hashed',
    (url) => {
      expect(isHashedAsset(url)).toBe(true);
      expect(cacheControlFor(url)).toBe(IMMUTABLE);
    },
  );

  it.each([
    '/nl/',
    '/nl/index.html',
    '/favicon.svg',
    '/robots.txt',
    '/site.webmanifest',
    '/vendor/jquery.min.js',
    // Eight letters but no digit: a word, not a hash.
    '/lib/widget.standalone.js',
    // Seven characters: too short for a hash.
    '/app.a1b2c3d.js',
    '/search-index/',
  ])('%s is not hashed', (url) => {
    expect(isHashedAsset(url)).toBe(false);
    expect(cacheControlFor(url)).toBe(REVALIDATE);
  });
});

describe('serveSite redirects', () => {
  it('adds the trailing slash with one leading slash: never a protocol-relative Location', async () => {
    const { mkdtemp, mkdir, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { Hono } = await import('hono');
    const { serveSite } = await import('./serve.ts');
    const root = await mkdtemp(path.join(tmpdir(), 'wegwijs-serve-'));
    await mkdir(path.join(root, 'nl'));
    await writeFile(path.join(root, 'nl', 'index.html'), '<p>hallo</p>');
    const app = new Hono();
    app.use(serveSite({ root }));
    for (const [url, location] of [
      ['/nl', '/nl/'],
      ['//nl', '/nl/'],
      ['///nl?x=1', '/nl/?x=1'],
    ] as const) {
      const res = await app.request(`http://help.example${url}`);
      expect(res.status, url).toBe(301);
      expect(res.headers.get('Location'), url).toBe(location);
    }
  });
});

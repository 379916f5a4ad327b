import { describe, expect, it } from 'vitest';
import { cacheControlFor, IMMUTABLE, isHashedAsset, REVALIDATE } from './serve.ts';

describe('isHashedAsset', () => {
  it.each([
    '/_astro/SearchBox.9zK2jnPC.js',
    '/_astro/anything.css',
    '/search-index/nl.492c68e9c1.json',
    '/fonts/inter.a1b2c3d4.woff2',
    '/app.Ab_-1234.js',
  ])('%s is hashed', (url) => {
    expect(isHashedAsset(url)).toBe(true);
    expect(cacheControlFor(url)).toBe(IMMUTABLE);
  });

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

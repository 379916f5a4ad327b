import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CompressedCache } from './compressed-cache.ts';

describe('CompressedCache', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'wegwijs-compressed-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  const write = (name: string, text: string, mtime: number) => {
    const file = path.join(folder, name);
    writeFileSync(file, text);
    utimesSync(file, mtime, mtime);
    const stats = statSync(file);
    return { path: file, size: stats.size, mtimeMs: stats.mtimeMs };
  };

  it('compresses each variant once and serves the same bytes again', async () => {
    const cache = new CompressedCache();
    const page = write('page.html', '<p>waar is mijn pakket</p>'.repeat(200), 1_700_000_000);
    const first = await cache.get(page, 'br');
    expect(brotliDecompressSync(first).toString()).toBe('<p>waar is mijn pakket</p>'.repeat(200));
    expect(await cache.get(page, 'br')).toBe(first);
    const gzipped = await cache.get(page, 'gzip');
    expect(gunzipSync(gzipped).toString()).toBe('<p>waar is mijn pakket</p>'.repeat(200));
    expect(cache.bytes).toBe(first.byteLength + gzipped.byteLength);
  });

  it('compresses anew when the file changed, and forgets the old version', async () => {
    const cache = new CompressedCache();
    const before = await cache.get(write('page.html', 'oud '.repeat(500), 1_700_000_000), 'br');
    const after = await cache.get(write('page.html', 'nieuw '.repeat(500), 1_700_000_100), 'br');
    expect(brotliDecompressSync(after).toString()).toBe('nieuw '.repeat(500));
    expect(cache.bytes).toBe(after.byteLength);
    expect(before).not.toBe(after);
  });

  it('stays within its byte budget, dropping the least recently used', async () => {
    // Random-looking text compresses poorly, so each variant is about its size.
    const noise = (seed: number) => Array.from({ length: 4000 }, (_, i) => ((i * 7919 + seed * 104729) % 9973).toString(36)).join('');
    const a = write('a.txt', noise(1), 1_700_000_000);
    const b = write('b.txt', noise(2), 1_700_000_000);
    const aBytes = (await new CompressedCache().get(a, 'gzip')).byteLength;
    const cache = new CompressedCache({ maxBytes: aBytes + 100 });
    const first = await cache.get(a, 'gzip');
    await cache.get(b, 'gzip');
    expect(cache.bytes).toBeLessThanOrEqual(aBytes + 100);
    // a was evicted, so it is compressed again: equal bytes, another array.
    const again = await cache.get(a, 'gzip');
    expect(again).not.toBe(first);
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
  });

  it('refuses files above its per-file limit', () => {
    const cache = new CompressedCache({ maxFileBytes: 1000 });
    expect(cache.accepts(1000)).toBe(true);
    expect(cache.accepts(1001)).toBe(false);
  });
});

import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { compress, negotiateEncoding } from './compress.ts';

describe('negotiateEncoding', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['identity', undefined],
    ['gzip', 'gzip'],
    ['br', 'br'],
    ['gzip, deflate, br, zstd', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0, gzip;q=0.1', 'gzip'],
    ['*', 'br'],
    ['*;q=0.5, gzip;q=0.8', 'gzip'],
    ['br;q=0, *', 'gzip'],
    ['gzip;q=0, br;q=0', undefined],
  ])('%j → %s', (header, expected) => {
    expect(negotiateEncoding(header)).toBe(expected);
  });
});

describe('compress', () => {
  const text = 'Waar is mijn pakket? '.repeat(200);
  const app = new Hono();
  app.use(compress());
  app.get('/text', (c) => c.text(text));
  app.get('/small', (c) => {
    c.header('Content-Length', '5');
    return c.text('small');
  });
  app.get('/png', (c) => c.body(new Uint8Array(4096), 200, { 'Content-Type': 'image/png' }));
  app.get('/no-transform', (c) => {
    c.header('Cache-Control', 'no-transform');
    return c.text(text);
  });

  it('sends Brotli when the client prefers it', async () => {
    const res = await app.request('/text', { headers: { 'Accept-Encoding': 'gzip, br' } });
    expect(res.headers.get('Content-Encoding')).toBe('br');
    expect(res.headers.get('Vary')).toBe('Accept-Encoding');
    expect(brotliDecompressSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(text);
  });

  it('sends gzip when only gzip is accepted', async () => {
    const res = await app.request('/text', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.headers.get('Content-Encoding')).toBe('gzip');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.length).toBeLessThan(text.length / 5);
    expect(gunzipSync(bytes).toString()).toBe(text);
  });

  it('leaves the body alone without Accept-Encoding, but still says it varies', async () => {
    const res = await app.request('/text');
    expect(res.headers.get('Content-Encoding')).toBeNull();
    expect(res.headers.get('Vary')).toBe('Accept-Encoding');
    expect(await res.text()).toBe(text);
  });

  app.get('/json-small', (c) => c.json({ ok: true }));
  app.get('/json-error', (c) => c.json({ error: { message: text } }, 401));
  app.get('/json-large', (c) => c.json({ text }));

  it('compresses a large answer built in memory in place, with its Content-Length', async () => {
    const res = await app.request('/json-large', { headers: { 'Accept-Encoding': 'br' } });
    expect(res.headers.get('Content-Encoding')).toBe('br');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('Content-Length'))).toBe(bytes.length);
    expect(JSON.parse(brotliDecompressSync(bytes).toString())).toEqual({ text });
  });

  it.each(['/small', '/png', '/no-transform', '/json-small', '/json-error'])('does not compress %s', async (url) => {
    const res = await app.request(url, { headers: { 'Accept-Encoding': 'br, gzip' } });
    expect(res.headers.get('Content-Encoding')).toBeNull();
  });
});

describe('compress on other methods', () => {
  it('leaves answers to POST alone', async () => {
    const app = new Hono();
    app.use(compress());
    app.post('/text', (c) => c.text('Waar is mijn pakket? '.repeat(200)));
    const res = await app.request('/text', { method: 'POST', headers: { 'Accept-Encoding': 'br, gzip' } });
    expect(res.headers.get('Content-Encoding')).toBeNull();
    expect(res.headers.get('Vary')).toBeNull();
  });
});

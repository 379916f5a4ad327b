/**
 * Serves the built site (`DIST_DIR`) from the API process, with the cache
 * rules a CDN would apply: content-hashed files are cached forever, every
 * other file (HTML first of all) is revalidated on each use, which costs a
 * 304 and no body when nothing changed.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Context, MiddlewareHandler } from 'hono';
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/utils/compress';
import { getMimeType } from 'hono/utils/mime';
import { negotiateEncoding } from '../http/compress.ts';
import { CompressedCache } from './compressed-cache.ts';

/** `Cache-Control` of files whose name changes whenever their bytes do. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** `Cache-Control` of everything else: keep it, but ask before each use. */
export const REVALIDATE = 'no-cache';

// `name.<hash>.ext`, the hash at least 8 letters, digits, `-` or `_` with one
// digit among them, so `foo.standalone.js` does not pass for hashed.
const HASHED_NAME = /\.(?=[A-Za-z0-9_-]*\d)[A-Za-z0-9_-]{8,}\.[A-Za-z0-9]+$/;

/**
 * Whether the file at `urlPath` carries a content hash: everything under
 * `/_astro/` (Astro's bundler hashes those) and any `name.<hash>.ext`, like
 * the search indexes `/search-index/nl.3f2a9c1b0d.json`.
 */
export function isHashedAsset(urlPath: string): boolean {
  return urlPath.startsWith('/_astro/') || HASHED_NAME.test(urlPath.slice(urlPath.lastIndexOf('/') + 1));
}

/** The `Cache-Control` header for the file at `urlPath`. */
export function cacheControlFor(urlPath: string): string {
  return isHashedAsset(urlPath) ? IMMUTABLE : REVALIDATE;
}

/** Options of {@link serveSite} and {@link notFoundPage}. */
export interface SiteOptions {
  /** Absolute folder of the built site. */
  root: string;
  /** Where compressed copies of text files are kept; by default a cache of this server's own. */
  compressed?: CompressedCache;
}

/** Text files smaller than this are sent as they are: compression would save less than its headers. */
const COMPRESS_FROM_BYTES = 1024;

/**
 * Answers GET and HEAD with the file the path names under `root`; passes
 * everything else on. `/nl/foo/` serves `nl/foo/index.html`, and `/nl/foo`
 * redirects there (the site uses trailing slashes, so relative links and
 * canonical URLs stay right).
 *
 * @example app.use(serveSite({ root: config.distDir }));
 */
export function serveSite(options: SiteOptions): MiddlewareHandler {
  const root = path.resolve(options.root);
  const compressed = options.compressed ?? new CompressedCache();
  return async function serveSite(c, next) {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const url = new URL(c.req.url);
    const file = resolveFile(root, url.pathname);
    if (file === undefined) return next();
    let stats = await stat(file).catch(() => undefined);
    let target = file;
    if (stats?.isDirectory()) {
      // One leading slash only: `//nl` must not become `Location: //nl/`, which a browser reads as the host `nl`.
      if (!url.pathname.endsWith('/')) return c.redirect(`/${url.pathname.replace(/^[/\\]+/, '')}/${url.search}`, 301);
      target = path.join(file, 'index.html');
      stats = await stat(target).catch(() => undefined);
    }
    if (!stats?.isFile()) return next();

    const lastModified = new Date(Math.floor(stats.mtimeMs / 1000) * 1000);
    const etag = `W/"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`;
    c.header('Cache-Control', cacheControlFor(url.pathname));
    c.header('Last-Modified', lastModified.toUTCString());
    c.header('ETag', etag);
    if (isFresh(c, etag, lastModified)) return c.body(null, 304);

    const type = getMimeType(target) ?? 'application/octet-stream';
    c.header('Content-Type', type);
    if (COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type) && stats.size >= COMPRESS_FROM_BYTES && compressed.accepts(stats.size)) {
      c.header('Vary', 'Accept-Encoding');
      const encoding = negotiateEncoding(c.req.header('Accept-Encoding'));
      if (encoding !== undefined) {
        const body = await compressed.get({ path: target, size: stats.size, mtimeMs: stats.mtimeMs }, encoding);
        c.header('Content-Encoding', encoding);
        c.header('Content-Length', String(body.byteLength));
        return c.req.method === 'HEAD' ? c.body(null, 200) : c.body(body, 200);
      }
    }
    c.header('Content-Length', String(stats.size));
    if (c.req.method === 'HEAD') return c.body(null, 200);
    // Node's ReadableStream and the DOM's are the same at run time; only their types differ.
    return c.body(Readable.toWeb(createReadStream(target)) as unknown as ReadableStream<Uint8Array>, 200);
  };
}

/**
 * The site's `404.html` with status 404, for paths that name no file; a
 * plain-text 404 when the build has none.
 */
export function notFoundPage(options: SiteOptions): (c: Context) => Promise<Response> {
  const page = path.join(path.resolve(options.root), '404.html');
  return async function notFoundPage(c) {
    c.header('Cache-Control', REVALIDATE);
    const html = await readFile(page, 'utf8').catch(() => undefined);
    return html === undefined ? c.text('Not found', 404) : c.html(html, 404);
  };
}

/**
 * Maps a URL path to a file path under `root`, or `undefined` when the path
 * could name something outside it (`..`, encoded slashes, NUL bytes) or is
 * not valid percent-encoding.
 */
function resolveFile(root: string, pathname: string): string | undefined {
  const segments: string[] = [];
  for (const raw of pathname.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (segment === '..' || segment === '.' || /[/\\\0]/.test(segment)) return undefined;
    if (segment !== '') segments.push(segment);
  }
  const file = path.join(root, ...segments);
  return file === root || file.startsWith(root + path.sep) ? file : undefined;
}

/** Per RFC 9110, 13.2.2: If-None-Match decides when present, else If-Modified-Since. */
function isFresh(c: Context, etag: string, lastModified: Date): boolean {
  const ifNoneMatch = c.req.header('If-None-Match');
  if (ifNoneMatch !== undefined) {
    // Weak comparison (13.1.2): ignore the W/ prefix on both sides.
    const bare = etag.replace(/^W\//, '');
    return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare);
  }
  const ifModifiedSince = c.req.header('If-Modified-Since');
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && lastModified.getTime() <= since;
}

/**
 * Response compression with Brotli and gzip. `hono/compress` offers gzip and
 * deflate only; Brotli makes text assets about a fifth smaller than gzip, which
 * matters for the search index and the pages.
 */
import { Duplex } from 'node:stream';
import { brotliCompressSync, constants, createBrotliCompress, createGzip, gzipSync } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/utils/compress';

/** Encodings this middleware produces, best first. */
export type Encoding = 'br' | 'gzip';

/** Options of {@link compress}. */
export interface CompressOptions {
  /** Responses with a known length below this many bytes are sent as they are. Default 1024. */
  threshold?: number;
  /** Brotli quality, 0–11. Default 5: on-the-fly work stays cheap (11 is for precompressed files). */
  brotliQuality?: number;
}

/** Answers built in memory up to this size are compressed on the main thread; larger ones stream through the thread pool. */
const IN_PLACE_MAX_BYTES = 1024 * 1024;

/**
 * Picks the encoding for an `Accept-Encoding` header: the one with the
 * highest q-value; on a tie Brotli wins (smaller). `*` stands for any
 * encoding not named; q=0 means "not this one" (RFC 9110, 12.5.3).
 *
 * @example negotiateEncoding('gzip, deflate, br') // 'br'
 * @example negotiateEncoding('br;q=0.5, gzip') // 'gzip'
 */
export function negotiateEncoding(header: string | undefined): Encoding | undefined {
  if (!header) return undefined;
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(name.trim(), Number.isFinite(weight) ? weight : 0);
  }
  const wildcard = weights.get('*') ?? 0;
  let best: Encoding | undefined;
  let bestWeight = 0;
  for (const encoding of ['br', 'gzip'] as const) {
    const weight = weights.get(encoding) ?? wildcard;
    if (weight > bestWeight) {
      best = encoding;
      bestWeight = weight;
    }
  }
  return best;
}

/**
 * Compresses compressible answers to GET (text, JSON, SVG, XML…) when the
 * client accepts Brotli or gzip, and adds `Vary: Accept-Encoding` so caches
 * keep the variants apart.
 *
 * Error answers and anything under `threshold` go as they are, and an answer
 * built in memory (JSON, text; no Content-Length yet) is measured and, up to
 * 1 MB, compressed in place: none of them waits for libuv's thread pool,
 * which scrypt can fill during a burst of sign-ins — `/api/health` stays
 * fast then (it took seconds when every 49-byte 401 queued behind scrypt).
 *
 * @example app.use(compress());
 */
export function compress(options: CompressOptions = {}): MiddlewareHandler {
  const threshold = options.threshold ?? 1024;
  const quality = options.brotliQuality ?? 5;
  return async function compress(c, next) {
    await next();
    // Only answers to GET carry pages, assets and listings; the API's answers to
    // other methods are small acknowledgements, and leaving them untouched keeps
    // the hot write paths (effort scores, hand-offs) cheap.
    if (c.req.method !== 'GET') return;
    const res = c.res;
    // Errors are small and must stay cheap; 204 and 1xx/3xx have no body worth it.
    if (res.status < 200 || res.status >= 300 || res.status === 204) return;
    const type = res.headers.get('Content-Type');
    const length = res.headers.get('Content-Length');
    if (
      res.body === null ||
      res.headers.has('Content-Encoding') ||
      !type ||
      !COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type) ||
      (length !== null && Number(length) < threshold) ||
      // Per RFC 9111, 5.2.2.6: no-transform forbids changing the representation.
      /(?:^|,)\s*no-transform\s*(?:,|$)/i.test(res.headers.get('Cache-Control') ?? '')
    ) {
      return;
    }
    const encoding = negotiateEncoding(c.req.header('Accept-Encoding'));
    let bytes: Uint8Array | undefined;
    if (length === null) {
      // Built in memory, so reading it costs nothing but tells its size.
      const buffer = await res.arrayBuffer();
      bytes = new Uint8Array(buffer);
      c.res = new Response(buffer, res);
      c.res.headers.set('Content-Length', String(bytes.byteLength));
      if (bytes.byteLength < threshold) return;
    }
    const vary = c.res.headers.get('Vary');
    if (!vary) c.res.headers.set('Vary', 'Accept-Encoding');
    else if (vary !== '*' && !/\baccept-encoding\b/i.test(vary)) c.res.headers.set('Vary', `${vary}, Accept-Encoding`);
    if (!encoding) return;
    if (bytes !== undefined && bytes.byteLength <= IN_PLACE_MAX_BYTES) {
      const packed =
        encoding === 'br'
          ? brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength } })
          : gzipSync(bytes);
      c.res = new Response(new Uint8Array(packed), c.res);
      c.res.headers.set('Content-Length', String(packed.byteLength));
      c.res.headers.set('Content-Encoding', encoding);
      weakenEtag(c.res.headers);
      return;
    }
    const body = c.res.body;
    if (body === null) return;
    const compressor =
      encoding === 'br'
        ? createBrotliCompress({
            params: {
              [constants.BROTLI_PARAM_QUALITY]: quality,
              ...(length === null ? {} : { [constants.BROTLI_PARAM_SIZE_HINT]: Number(length) }),
            },
          })
        : createGzip();
    // Node's web-stream pair and the DOM's TransformStream are the same at run time; only their types differ.
    const transform = Duplex.toWeb(compressor) as unknown as ReadableWritablePair<Uint8Array, Uint8Array>;
    c.res = new Response(body.pipeThrough(transform), c.res);
    c.res.headers.delete('Content-Length');
    c.res.headers.set('Content-Encoding', encoding);
    weakenEtag(c.res.headers);
  };
}

/** The compressed bytes differ, so a strong validator must become weak. */
function weakenEtag(headers: Headers): void {
  const etag = headers.get('ETag');
  if (etag && !etag.startsWith('W/')) headers.set('ETag', `W/${etag}`);
}

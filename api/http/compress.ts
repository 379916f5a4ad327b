/**
 * Response compression with Brotli and gzip. `hono/compress` offers gzip and
 * deflate only; Brotli makes text assets about a fifth smaller than gzip, which
 * matters for the search index and the pages.
 */
import { Duplex } from 'node:stream';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';
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
    const vary = res.headers.get('Vary');
    if (!vary) res.headers.set('Vary', 'Accept-Encoding');
    else if (vary !== '*' && !/\baccept-encoding\b/i.test(vary)) res.headers.set('Vary', `${vary}, Accept-Encoding`);

    const encoding = negotiateEncoding(c.req.header('Accept-Encoding'));
    if (!encoding) return;
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
    c.res = new Response(res.body.pipeThrough(transform), res);
    c.res.headers.delete('Content-Length');
    c.res.headers.set('Content-Encoding', encoding);
    const etag = c.res.headers.get('ETag');
    // The compressed bytes differ, so a strong validator must become weak.
    if (etag && !etag.startsWith('W/')) c.res.headers.set('ETag', `W/${etag}`);
  };
}

/**
 * Compressed copies of the built site's files, kept in memory. Compressing a
 * page with Brotli on every request cost more CPU than everything else the
 * server does for it (`npm run bench:api`); the files change only when the
 * site is rebuilt, so each variant is compressed once, at the best quality,
 * and served from here until the file's size or modification time changes.
 */
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Encoding } from '../http/compress.ts';

const brotli = promisify(brotliCompress);
/** What Response bodies take: bytes over a plain ArrayBuffer (Node's Buffers are typed more loosely). */
type Bytes = Uint8Array<ArrayBuffer>;
const gzipAsync = promisify(gzip);

/** The file as stat() saw it: a new size or mtime means new bytes. */
export interface FileVersion {
  path: string;
  size: number;
  mtimeMs: number;
}

/**
 * A bounded cache of compressed file variants, least recently used first
 * out. Concurrent requests for a variant not yet cached share one
 * compression.
 *
 * @example
 * const cache = new CompressedCache({ maxBytes: 64 * 1024 * 1024 });
 * const body = await cache.get({ path, size, mtimeMs }, 'br');
 */
export class CompressedCache {
  readonly #maxBytes: number;
  readonly #maxFileBytes: number;
  readonly #entries = new Map<string, Promise<Bytes>>();
  readonly #sizes = new Map<string, number>();
  #bytes = 0;

  constructor(options: { maxBytes?: number; maxFileBytes?: number } = {}) {
    this.#maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.#maxFileBytes = options.maxFileBytes ?? 4 * 1024 * 1024;
  }

  /** Whether a file of this size is worth keeping; bigger ones are streamed and compressed on the fly. */
  accepts(size: number): boolean {
    return size <= this.#maxFileBytes;
  }

  /** Bytes held by the compressed variants. */
  get bytes(): number {
    return this.#bytes;
  }

  /** The file's bytes compressed with `encoding`, from the cache when this version was compressed before. */
  get(file: FileVersion, encoding: Encoding): Promise<Bytes> {
    const key = `${encoding}\0${file.path}`;
    const version = `${file.size}:${file.mtimeMs}`;
    const cached = this.#entries.get(`${key}\0${version}`);
    if (cached) {
      // Map keeps insertion order: re-inserting marks it most recently used.
      this.#entries.delete(`${key}\0${version}`);
      this.#entries.set(`${key}\0${version}`, cached);
      return cached;
    }
    this.#forget(key);
    const id = `${key}\0${version}`;
    const compressed = compressFile(file.path, encoding).then(
      (bytes) => {
        if (this.#entries.get(id) === compressed) {
          this.#sizes.set(id, bytes.byteLength);
          this.#bytes += bytes.byteLength;
          this.#evict();
        }
        return bytes;
      },
      (error: unknown) => {
        this.#entries.delete(id);
        throw error;
      },
    );
    this.#entries.set(id, compressed);
    return compressed;
  }

  /** Drops older versions of the same file and encoding. */
  #forget(key: string): void {
    for (const id of this.#entries.keys()) {
      if (id.startsWith(`${key}\0`)) this.#drop(id);
    }
  }

  #drop(id: string): void {
    this.#entries.delete(id);
    this.#bytes -= this.#sizes.get(id) ?? 0;
    this.#sizes.delete(id);
  }

  #evict(): void {
    for (const id of this.#entries.keys()) {
      if (this.#bytes <= this.#maxBytes) return;
      if (this.#sizes.has(id)) this.#drop(id);
    }
  }
}

async function compressFile(path: string, encoding: Encoding): Promise<Bytes> {
  const bytes = await readFile(path);
  const out =
    encoding === 'gzip'
      ? await gzipAsync(bytes, { level: 9 })
      : await brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength } });
  return new Uint8Array(out.buffer as ArrayBuffer, out.byteOffset, out.byteLength);
}

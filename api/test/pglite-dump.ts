/**
 * A migrated PGlite database, dumped once and loaded by every test file that
 * needs one. A fresh PGlite runs initdb and then every migration: seconds per
 * file on a busy machine. Loading a dump of the migrated data folder
 * (`dumpDataDir()` → `loadDataDir`) skips both.
 *
 * The dump is a file in `.cache/test-pglite/` (git-ignored) named by a hash of
 * the migrations and PGlite's version: a new migration or a PGlite upgrade
 * makes a new one, and every Vitest worker, in this run and later ones, shares
 * it. Made lazily, by the first test file that needs it, so running one file
 * works as well as the whole suite.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createDatabase, MIGRATIONS_FOLDER } from '../db/database.ts';

const DUMP_FOLDER = path.resolve(import.meta.dirname, '../../.cache/test-pglite');

/** A hash of everything that shapes the migrated database: each file of `folder` (name and bytes) and PGlite's version. */
export function migrationsKey(folder: string = MIGRATIONS_FOLDER): string {
  const hash = createHash('sha256');
  // The package does not export its package.json; it sits one folder above the entry point (dist/index.cjs).
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const version = (JSON.parse(readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8')) as { version: string }).version;
  hash.update(`pglite ${version}\n`);
  const files = readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
    .sort();
  for (const file of files) hash.update(`${file}\n`).update(readFileSync(path.join(folder, file)));
  return hash.digest('hex').slice(0, 16);
}

/**
 * A dump's bytes as a Blob that hands them over as they are. PGlite reads a
 * dump once, with `arrayBuffer()`, and only reads it; Node's own Blob copies
 * the 40 MB when it is made and again, in 64 KiB pieces, when it is read:
 * 0.4–0.7 s of CPU for every database a test file opens.
 */
class DumpBlob extends Blob {
  readonly #bytes: Uint8Array<ArrayBuffer>;
  constructor(bytes: Uint8Array<ArrayBuffer>) {
    super([], { type: 'application/x-tar' });
    this.#bytes = bytes;
  }
  override get size(): number {
    return this.#bytes.byteLength;
  }
  override arrayBuffer(): Promise<ArrayBuffer> {
    const { buffer, byteOffset, byteLength } = this.#bytes;
    return Promise.resolve(byteOffset === 0 && byteLength === buffer.byteLength ? buffer : buffer.slice(byteOffset, byteOffset + byteLength));
  }
  override bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return Promise.resolve(this.#bytes);
  }
  // The rest as any Blob would (nothing here uses them): over a copy.
  override slice(start?: number, end?: number, type?: string): Blob {
    return new Blob([this.#bytes]).slice(start, end, type);
  }
  override stream(): ReturnType<Blob['stream']> {
    return new Blob([this.#bytes]).stream();
  }
  override text(): Promise<string> {
    return new Blob([this.#bytes]).text();
  }
}

/** The dump read in this process (a test file may open several databases). */
let read: { file: string; dump: Blob } | undefined;

/** The migrated database as a `dumpDataDir()` tarball, from the cache or made now. */
export async function migratedPgliteDump(): Promise<Blob> {
  const file = path.join(DUMP_FOLDER, `${migrationsKey()}.tar`);
  if (read?.file === file) return read.dump;
  try {
    read = { file, dump: new DumpBlob(readFileSync(file)) };
    return read.dump;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const dump = await makeDump();
  mkdirSync(DUMP_FOLDER, { recursive: true });
  // Written aside and renamed: a worker reading at the same moment sees the whole file or none.
  const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.partial`;
  writeFileSync(partial, new Uint8Array(await dump.arrayBuffer()));
  renameSync(partial, file);
  for (const name of readdirSync(DUMP_FOLDER)) {
    // Dumps of older migrations are never read again; a partial file of a crashed run neither.
    if (!name.startsWith(path.basename(file))) rmSync(path.join(DUMP_FOLDER, name), { force: true });
  }
  return dump;
}

async function makeDump(): Promise<Blob> {
  const [{ PGlite }, { drizzle }, { migrate }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ]);
  const client = await PGlite.create();
  try {
    await migrate(drizzle({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
    // Uncompressed: gzip would cost every load more time than the bytes it saves on a local disk.
    return await client.dumpDataDir('none');
  } finally {
    await client.close();
  }
}

/**
 * Lays the migrated database into `dataDir` (an embedded database's folder
 * that does not exist yet), for tests that start a process on a DATA_DIR:
 * the process then opens it as it opens any existing database, instead of
 * spending seconds on initdb and the migrations. Tests of a first start
 * itself do not use it.
 */
export async function seedPgliteDataDir(dataDir: string): Promise<void> {
  const database = await createDatabase({ kind: 'pglite', dataDir, loadDataDir: await migratedPgliteDump() });
  await database.close();
}

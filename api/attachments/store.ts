/**
 * Where the bytes of attachments live: outside the database's rows, so a
 * ticket's thread stays a few kilobytes however many photos it carries. One
 * interface, two places: a folder (here) or an S3-compatible bucket
 * (api/attachments/s3-store.ts), chosen by {@link attachmentStoreOf}
 * (docs/decisions/017-attachment-uploads.md, 022-attachments-in-a-bucket.md).
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { S3StoreConfig } from './s3-store.ts';

/** Bytes of attachments by key. Keys are the store's own ({@link newStorageKey}), never a file's name. */
export interface AttachmentStore {
  /** What it is, for logs: `files` (a folder) or `s3` (a bucket). */
  readonly kind: string;
  /** Stores `bytes` under `key`, completely or not at all. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The bytes under `key`; null when there are none (deleted, or never stored). */
  get(key: string): Promise<Uint8Array | null>;
  /** Deletes the bytes under each key; a missing key is no error (deleting twice is harmless). */
  remove(keys: readonly string[]): Promise<void>;
  /** Every key stored before `before`: the sweep compares them with the rows (api/attachments/service.ts). */
  keysBefore(before: Date): Promise<string[]>;
  /** Checks at start that the store can be used, so a wrong bucket stops the start instead of the first upload. */
  ready?(): Promise<void>;
  /** Lets go of connections (a bucket's client). */
  close?(): void;
}

/** A fresh random storage key. */
export function newStorageKey(): string {
  return randomUUID();
}

const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether `key` has the shape of {@link newStorageKey}'s keys: nothing else may name a file or an object. */
export function isStorageKey(key: string): boolean {
  return KEY.test(key);
}

/**
 * The store in a folder (by default `DATA_DIR/attachments`): one file per
 * key, under a sub-folder of the key's first two characters so no folder
 * grows past a few thousand entries. Writes go to a temporary name first and
 * are renamed into place, so a crash never leaves half a file under a key.
 *
 * @example const store = fileStore(path.join(config.dataDir, 'attachments'));
 */
export function fileStore(folder: string): AttachmentStore {
  const root = path.resolve(folder);
  const fileOf = (key: string) => {
    // Keys are ours; anything else (a path, `..`) never reaches the file system.
    if (!KEY.test(key)) throw new Error(`Wegwijs: not an attachment storage key: ${JSON.stringify(key.slice(0, 60))}`);
    return path.join(root, key.slice(0, 2), key);
  };
  return {
    kind: 'files',
    async put(key, bytes) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      const partial = `${file}.${randomUUID()}.part`;
      await writeFile(partial, bytes, { mode: 0o600 });
      await rename(partial, file);
    },
    async get(key) {
      try {
        return new Uint8Array(await readFile(fileOf(key)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async remove(keys) {
      await Promise.all(keys.map((key) => rm(fileOf(key), { force: true })));
    },
    async keysBefore(before) {
      const found: string[] = [];
      let shards: string[];
      try {
        shards = await readdir(root);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      for (const shard of shards) {
        let names: string[];
        try {
          names = await readdir(path.join(root, shard));
        } catch {
          continue;
        }
        for (const name of names) {
          // A `.part` file is a write in progress (or one a crash cut off): old ones are swept by their key's row too.
          const key = name.split('.')[0] ?? '';
          if (!KEY.test(key)) continue;
          const stats = await stat(path.join(root, shard, name)).catch(() => null);
          if (!stats || stats.mtime >= before) continue;
          if (name === key) found.push(key);
          else await rm(path.join(root, shard, name), { force: true });
        }
      }
      return found;
    },
  };
}

/**
 * The store a server uses: the bucket when ATTACHMENTS_S3_BUCKET is set,
 * else the folder `DATA_DIR/attachments`. The S3 client is loaded only
 * when a bucket is configured, so a start without one does not pay for it.
 */
export async function attachmentStoreOf(config: { dataDir: string; attachmentsS3?: S3StoreConfig | undefined }): Promise<AttachmentStore> {
  if (config.attachmentsS3) {
    const { s3Store } = await import('./s3-store.ts');
    return s3Store(config.attachmentsS3);
  }
  return fileStore(path.join(config.dataDir, 'attachments'));
}

/**
 * An S3-compatible server on 127.0.0.1 in the test's own process (s3rver:
 * real HTTP and S3's XML, objects in a temporary folder), so the bucket
 * store is tested against the protocol, not a stand-in. s3rver checks that
 * a request is signed with a key id it knows, but does not recompute V4
 * signatures: a wrong secret is not caught here (S3 itself refuses it).
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import type { S3StoreConfig } from '../attachments/s3-store.ts';

/** s3rver's fixed key pair: requests signed with another key id are refused (403). */
const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** A running test bucket server and a configuration for its bucket. */
export interface TestS3 {
  config: S3StoreConfig;
  /** The folder s3rver keeps objects in (to see that an object is truly gone). */
  directory: string;
  close(): Promise<void>;
}

/** Starts s3rver on a free port of 127.0.0.1 with an empty bucket `bucket`. */
export async function startTestS3(bucket = 'wegwijs-test'): Promise<TestS3> {
  const directory = path.join(tmpdir(), `wegwijs-s3-${randomUUID()}`);
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }], vhostBuckets: false });
  const { port } = await server.run();
  return {
    config: { bucket, region: 'us-east-1', endpoint: `http://127.0.0.1:${port}`, credentials: S3RVER_CREDENTIALS },
    directory,
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

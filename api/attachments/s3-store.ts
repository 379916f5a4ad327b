/**
 * The attachment store in an S3-compatible bucket (AWS S3, MinIO, Garage,
 * Cloudflare R2, Ceph…), for servers that share no folder or keep no disk
 * (docs/decisions/022-attachments-in-a-bucket.md). The same four methods as
 * the folder (api/attachments/store.ts); the bytes live under
 * `attachments/<key>` in the bucket.
 */
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { type AttachmentStore, isStorageKey } from './store.ts';

/** Where the bucket is and how to sign in to it (ATTACHMENTS_S3_* in api/config.ts). */
export interface S3StoreConfig {
  bucket: string;
  /** AWS region, or whatever the S3-compatible server expects (most take `us-east-1`). */
  region: string;
  /** Server of an S3-compatible service, like `https://minio.internal:9000`; unset: AWS S3 itself. Set means path-style addressing (`endpoint/bucket/key`), which every compatible server speaks. */
  endpoint: string | undefined;
  /** Access key pair; unset: the AWS SDK's own chain (AWS_ACCESS_KEY_ID, a profile, an instance role). */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
}

/** Folder in the bucket: other objects in a shared bucket are never listed, swept or touched. */
const PREFIX = 'attachments/';

/** A bucket reply in words an operator can act on, without the secret. */
function bucketProblem(config: S3StoreConfig, error: unknown): string {
  const where = `bucket ${JSON.stringify(config.bucket)}${config.endpoint ? ` at ${config.endpoint}` : ` in ${config.region}`}`;
  if (error instanceof S3ServiceException)
    return `${where} answered ${error.$metadata.httpStatusCode ?? '?'} ${error.name}${error.message && error.message !== error.name ? `: ${error.message}` : ''}`;
  return `${where} could not be reached: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * The store in a bucket. Keys are checked as in the folder, so nothing but
 * our own random keys ever becomes an object name.
 *
 * @example const store = s3Store({ bucket: 'wegwijs', region: 'eu-west-1', endpoint: undefined, credentials: undefined });
 */
export function s3Store(config: S3StoreConfig): AttachmentStore & { readonly client: S3Client } {
  const client = new S3Client({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint, forcePathStyle: true } : {}),
    ...(config.credentials ? { credentials: config.credentials } : {}),
    // The SDK's default CRC32 checksums on every request (since 2025) are refused or mangled by several
    // S3-compatible servers; S3 still checks Content-MD5 where it must, and TLS protects the bytes in transit.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // A stuck bucket must not hold an upload or a download for minutes.
    requestHandler: { requestTimeout: 30_000, connectionTimeout: 5_000 },
    maxAttempts: 3,
  });
  const objectOf = (key: string) => {
    if (!isStorageKey(key)) throw new Error(`Wegwijs: not an attachment storage key: ${JSON.stringify(key.slice(0, 60))}`);
    return `${PREFIX}${key}`;
  };
  const fail = (what: string, error: unknown): never => {
    throw new Error(`Wegwijs: ${what} attachments: ${bucketProblem(config, error)}`, { cause: error });
  };
  return {
    kind: 's3',
    client,
    async ready() {
      await client.send(new HeadBucketCommand({ Bucket: config.bucket })).catch((error: unknown) => fail('cannot keep', error));
    },
    async put(key, bytes) {
      // One PUT is all or nothing in S3: a failed upload leaves no object behind.
      await client
        .send(
          new PutObjectCommand({
            Bucket: config.bucket,
            Key: objectOf(key),
            Body: bytes,
            ContentLength: bytes.byteLength,
            ContentType: 'application/octet-stream',
          }),
        )
        .catch((error: unknown) => fail('could not store', error));
    },
    async get(key) {
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket: config.bucket, Key: objectOf(key) }));
        if (!answer.Body) return null;
        return await answer.Body.transformToByteArray();
      } catch (error) {
        if (error instanceof NoSuchKey || (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404)) return null;
        return fail('could not read', error);
      }
    },
    async remove(keys) {
      // DeleteObjects takes at most 1,000 keys; a key that is not there counts as deleted.
      for (let start = 0; start < keys.length; start += 1000) {
        const slice = keys.slice(start, start + 1000);
        const answer = await client
          .send(new DeleteObjectsCommand({ Bucket: config.bucket, Delete: { Objects: slice.map((key) => ({ Key: objectOf(key) })), Quiet: true } }))
          .catch((error: unknown) => fail('could not delete', error));
        const failed = (answer.Errors ?? []).filter((entry) => entry.Code !== 'NoSuchKey');
        if (failed.length > 0)
          throw new Error(
            `Wegwijs: could not delete ${failed.length} attachment(s) in bucket ${JSON.stringify(config.bucket)}: ${failed[0]?.Code ?? '?'} ${failed[0]?.Message ?? ''}`.trim(),
          );
      }
    },
    async keysBefore(before) {
      const found: string[] = [];
      let token: string | undefined;
      do {
        const page = await client
          .send(new ListObjectsV2Command({ Bucket: config.bucket, Prefix: PREFIX, ...(token ? { ContinuationToken: token } : {}) }))
          .catch((error: unknown) => fail('could not list', error));
        for (const object of page.Contents ?? []) {
          const key = object.Key?.slice(PREFIX.length) ?? '';
          if (isStorageKey(key) && object.LastModified && object.LastModified < before) found.push(key);
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return found;
    },
    close() {
      client.destroy();
    },
  };
}

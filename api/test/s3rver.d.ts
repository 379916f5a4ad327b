/**
 * The part of s3rver's API the tests use (s3rver ships no types): an
 * S3-compatible server in the test's own process. See
 * node_modules/s3rver/README.md.
 */
declare module 's3rver' {
  interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    /** Folder where buckets and objects are kept. */
    directory: string;
    /** Buckets made at start. */
    configureBuckets?: { name: string }[];
    resetOnClose?: boolean;
    /** Whether `bucket.host` names work; off means path style only. */
    vhostBuckets?: boolean;
  }
  class S3rver {
    constructor(options: S3rverOptions);
    /** Listens; resolves to the bound address. */
    run(): Promise<import('node:net').AddressInfo>;
    close(): Promise<void>;
  }
  export default S3rver;
}

// Just the part of s3rver 3.x the test harness uses (the package ships no types).
declare module 's3rver' {
  import type { RequestListener } from 'node:http';

  interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    directory?: string;
    resetOnClose?: boolean;
    vhostBuckets?: boolean;
    serviceEndpoint?: string;
    allowMismatchedSignatures?: boolean;
    configureBuckets?: { name: string; configs?: (string | Buffer)[] }[];
  }

  class S3rver {
    constructor(options?: S3rverOptions);
    /** Creates the configured buckets in the store (what run() does before listening). */
    configureBuckets(): Promise<void>;
    /** The Koa request handler, to mount on an HTTP server of our own. */
    callback(): RequestListener;
    reset(): void;
  }

  export default S3rver;
}

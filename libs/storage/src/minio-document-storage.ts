import type { Readable } from 'node:stream';
import { Client, S3Error } from 'minio';
import { attachmentDisposition } from './content-disposition.js';
import type { DocumentStorage, StoredObjectMeta } from './document-storage.js';
import { storageConfigFromEnv, type StorageConfig } from './storage-config.js';
import { timeoutTransport } from './timeout-transport.js';

export const DEFAULT_PRESIGN_TTL_SECONDS = 300;
const MAX_PRESIGN_TTL_SECONDS = 7 * 24 * 3600; // the S3 SigV4 limit

const NOT_FOUND_CODES = new Set(['NotFound', 'NoSuchKey']);

function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** {@link DocumentStorage} on S3 (MinIO in production, s3rver in tests) with the minio client. */
export class MinioDocumentStorage implements DocumentStorage {
  private readonly client: Client;
  /** Signs download links for the host browsers use; signing is offline (the region is fixed). */
  private readonly presigner: Client;
  private bucketReady: Promise<void> | undefined;

  constructor(private readonly config: StorageConfig) {
    this.client = MinioDocumentStorage.clientFor(config, config);
    this.presigner = config.publicEndpoint ? MinioDocumentStorage.clientFor(config, config.publicEndpoint) : this.client;
  }

  private static clientFor(config: StorageConfig, target: { endPoint: string; port: number; useSSL: boolean }): Client {
    return new Client({
      endPoint: target.endPoint,
      port: target.port,
      useSSL: target.useSSL,
      accessKey: config.accessKey,
      secretKey: config.secretKey,
      // A fixed region means presigning needs no round trip (no GetBucketLocation).
      region: config.region,
      pathStyle: true,
      transport: timeoutTransport(target.useSSL, config.timeoutMs),
    });
  }

  static fromEnv(env: NodeJS.ProcessEnv = process.env): MinioDocumentStorage {
    return new MinioDocumentStorage(storageConfigFromEnv(env));
  }

  get bucket(): string {
    return this.config.bucket;
  }

  /** Memoised while it succeeds; a failure is forgotten so the next call (or upload) retries. */
  ensureBucket(): Promise<void> {
    this.bucketReady ??= this.createBucketIfMissing().catch((err: unknown) => {
      this.bucketReady = undefined;
      throw err;
    });
    return this.bucketReady;
  }

  async put(key: string, body: Buffer, meta: StoredObjectMeta): Promise<void> {
    await this.ensureBucket();
    const contentType = /^text\//i.test(meta.contentType) && !/charset=/i.test(meta.contentType) ? `${meta.contentType}; charset=utf-8` : meta.contentType;
    await this.client.putObject(this.config.bucket, key, body, body.length, {
      'Content-Type': contentType,
      // Stored on the object too, so even a plain (non-presigned) GET downloads instead of rendering.
      'Content-Disposition': attachmentDisposition(meta.fileName),
      // Metadata headers must be ASCII.
      'X-Amz-Meta-File-Name': encodeURIComponent(meta.fileName),
    });
  }

  async presignGet(key: string, opts: { fileName: string; ttlSeconds?: number }): Promise<string> {
    // A NaN or missing TTL must not fall through to minio's default of seven days.
    const requested = Number.isFinite(opts.ttlSeconds) ? Math.floor(opts.ttlSeconds as number) : DEFAULT_PRESIGN_TTL_SECONDS;
    const ttl = Math.min(Math.max(requested, 1), MAX_PRESIGN_TTL_SECONDS);
    return this.presigner.presignedGetObject(this.config.bucket, key, ttl, {
      'response-content-disposition': attachmentDisposition(opts.fileName),
    });
  }

  async get(key: string): Promise<Readable> {
    return this.client.getObject(this.config.bucket, key);
  }

  async remove(key: string): Promise<void> {
    await this.client.removeObject(this.config.bucket, key);
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.statObject(this.config.bucket, key);
      return true;
    } catch (err) {
      if (err instanceof S3Error && err.code && NOT_FOUND_CODES.has(err.code)) return false;
      throw err;
    }
  }

  async ping(): Promise<boolean> {
    try {
      // Any authenticated answer counts; a missing bucket is created on first upload.
      await withDeadline(this.client.bucketExists(this.config.bucket), this.config.timeoutMs, 'S3');
      return true;
    } catch {
      return false;
    }
  }

  private async createBucketIfMissing(): Promise<void> {
    if (await this.client.bucketExists(this.config.bucket)) return;
    try {
      await this.client.makeBucket(this.config.bucket, this.config.region);
    } catch (err) {
      // Another replica may have created it between our check and our call.
      const code = err instanceof S3Error ? err.code : undefined;
      if (code !== 'BucketAlreadyOwnedByYou' && code !== 'BucketAlreadyExists') throw err;
    }
  }
}

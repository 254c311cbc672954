import type { Readable } from 'node:stream';

/** Nest injection token for the {@link DocumentStorage} port. */
export const DOCUMENT_STORAGE = 'DOCUMENT_STORAGE';

export interface StoredObjectMeta {
  /** The sniffed content type (never the one the client declared). */
  contentType: string;
  /** The user-facing file name; used only for the download's Content-Disposition. */
  fileName: string;
}

/**
 * Where documents (attachments of contacts, tickets, quotes) live. Services code against this
 * port; production uses MinIO/S3, tests use s3rver on loopback or an in-memory fake.
 */
export interface DocumentStorage {
  /** Creates the bucket if it does not exist. Idempotent. */
  ensureBucket(): Promise<void>;
  put(key: string, body: Buffer, meta: StoredObjectMeta): Promise<void>;
  /** A short-lived GET link that makes browsers download (never render) the file. */
  presignGet(key: string, opts: { fileName: string; ttlSeconds?: number }): Promise<string>;
  /** The object's bytes as a stream (server-side reads such as import files; users get presigned links). */
  get(key: string): Promise<Readable>;
  /** Deletes the object; deleting a missing key is not an error. */
  remove(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** True when the storage answers; never throws and never hangs (used by health checks). */
  ping(): Promise<boolean>;
}

import { Readable } from 'node:stream';
import type { DocumentStorage, StoredObjectMeta } from '@crm/storage';

interface StoredObject extends StoredObjectMeta {
  body: Buffer;
}

/**
 * A {@link DocumentStorage} kept in a Map, for unit tests that need no S3 endpoint. Presigned
 * links are `memory://` URLs that only this fake understands ({@link readPresigned}).
 */
export class InMemoryDocumentStorage implements DocumentStorage {
  readonly objects = new Map<string, StoredObject>();
  /** Set to false to simulate an S3 outage: every call but ping() then rejects. */
  available = true;

  async ensureBucket(): Promise<void> {
    this.check();
  }

  async put(key: string, body: Buffer, meta: StoredObjectMeta): Promise<void> {
    this.check();
    this.objects.set(key, { ...meta, body: Buffer.from(body) });
  }

  async presignGet(key: string, opts: { fileName: string; ttlSeconds?: number }): Promise<string> {
    this.check();
    const url = new URL(`memory://documents/${encodeURIComponent(key)}`);
    url.searchParams.set('fileName', opts.fileName);
    url.searchParams.set('ttl', String(opts.ttlSeconds ?? 300));
    return url.toString();
  }

  /** What a GET of a presigned link would return, or undefined for a missing object. */
  readPresigned(url: string): StoredObject | undefined {
    const key = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
    return this.objects.get(key);
  }

  async get(key: string): Promise<Readable> {
    this.check();
    const object = this.objects.get(key);
    if (!object) throw Object.assign(new Error(`no object ${key}`), { code: 'NoSuchKey' });
    return Readable.from([object.body]);
  }

  async remove(key: string): Promise<void> {
    this.check();
    this.objects.delete(key);
  }

  async exists(key: string): Promise<boolean> {
    this.check();
    return this.objects.has(key);
  }

  async ping(): Promise<boolean> {
    return this.available;
  }

  private check(): void {
    if (!this.available) throw new Error('S3 unavailable (InMemoryDocumentStorage.available = false)');
  }
}

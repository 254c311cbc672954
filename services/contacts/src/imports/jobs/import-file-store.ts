import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { DOCUMENT_STORAGE, newObjectKey, type DocumentStorage } from '@crm/storage';

const SLICE_BYTES = 256 * 1024;

/**
 * Where uploaded import files wait for a worker, on any replica: S3, through @crm/storage.
 * A file is stored as consecutive objects of at most IMPORT_PART_BYTES (single PUTs: memory stays
 * bounded, and no multipart upload is needed, which s3rver cannot do).
 */
@Injectable()
export class ImportFileStore {
  constructor(@Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage) {}

  newKeyPrefix(tenantId: string): string {
    return newObjectKey(tenantId, 'contact-imports');
  }

  async putPart(key: string, bytes: Buffer, fileName: string): Promise<void> {
    await this.storage.put(key, bytes, { contentType: 'application/octet-stream', fileName });
  }

  /**
   * The parts, in order, as one byte stream. Each part is downloaded whole before it is handed
   * on: parsing waits for the database between batches, and an S3 response left paused that
   * long gets its connection reset.
   */
  open(keys: readonly string[]): Readable {
    const storage = this.storage;
    return Readable.from(
      (async function* concatenate() {
        for (const key of keys) {
          const chunks: Buffer[] = [];
          for await (const chunk of await storage.get(key)) chunks.push(chunk as Buffer);
          const part = Buffer.concat(chunks);
          // Handed on in slices, so "bytes read" (the job's progress) moves with the parser.
          for (let offset = 0; offset < part.length; offset += SLICE_BYTES) yield part.subarray(offset, offset + SLICE_BYTES);
        }
      })(),
      { objectMode: false },
    );
  }

  /** Best effort, one at a time: a leftover object costs storage, never correctness. */
  async removeAll(keys: readonly string[]): Promise<void> {
    for (const key of keys) await this.storage.remove(key).catch(() => undefined);
  }
}

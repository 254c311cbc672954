import { Inject, Injectable, Optional } from '@nestjs/common';
import { DOCUMENT_STORAGE, type DocumentStorage } from '@crm/storage';

/** Largest attachment read into memory for one e-mail (a quote's PDF is a few KB). */
const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/**
 * Reads an e-mail attachment from the document storage (S3) with `DocumentStorage.get`: a
 * server-side read, no presigned link. The stream is cut (and the send fails, to be retried)
 * as soon as it passes the size limit, so a wrong key never loads a huge object into memory.
 */
@Injectable()
export class EmailAttachmentReader {
  /** Optional: a module without storage (some tests) can still send mails without attachments. */
  constructor(@Optional() @Inject(DOCUMENT_STORAGE) private readonly storage?: DocumentStorage) {}

  async read(objectKey: string): Promise<Buffer> {
    if (!this.storage) throw new Error(`attachment ${objectKey}: no document storage configured`);
    const stream = await this.storage.get(objectKey);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream) {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      size += bytes.length;
      if (size > MAX_ATTACHMENT_BYTES) {
        stream.destroy();
        throw new Error(`attachment ${objectKey} is larger than ${MAX_ATTACHMENT_BYTES} bytes`);
      }
      chunks.push(bytes);
    }
    return Buffer.concat(chunks);
  }
}

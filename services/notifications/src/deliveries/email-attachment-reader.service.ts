import { Inject, Injectable, Optional } from '@nestjs/common';
import { DOCUMENT_STORAGE, type DocumentStorage } from '@crm/storage';

/** Largest attachment read into memory for one e-mail (a quote's PDF is a few KB). */
const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/**
 * Reads an e-mail attachment from the document storage (S3). It goes through a short-lived
 * presigned link because this branch's DocumentStorage has no `get` yet; once `get(key)` is
 * merged, read the stream directly.
 */
@Injectable()
export class EmailAttachmentReader {
  /** Optional: a module without storage (some tests) can still send mails without attachments. */
  constructor(@Optional() @Inject(DOCUMENT_STORAGE) private readonly storage?: DocumentStorage) {}

  async read(objectKey: string): Promise<Buffer> {
    if (!this.storage) throw new Error(`attachment ${objectKey}: no document storage configured`);
    const url = await this.storage.presignGet(objectKey, { fileName: 'attachment', ttlSeconds: 60 });
    const response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
    if (!response.ok) throw new Error(`attachment ${objectKey}: storage answered ${response.status}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    if (bytes.length > MAX_ATTACHMENT_BYTES) throw new Error(`attachment ${objectKey} is larger than ${MAX_ATTACHMENT_BYTES} bytes`);
    return bytes;
  }
}

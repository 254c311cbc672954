import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DOCUMENT_STORAGE, type DocumentStorage } from './document-storage.js';

/**
 * Creates the bucket when the app starts, without holding up or crashing the boot when S3 is
 * down: the failure is logged and the storage retries on its first use.
 */
@Injectable()
export class StorageBootstrapService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('StorageModule');
  private pending: Promise<void> | undefined;

  constructor(@Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage) {}

  onApplicationBootstrap(): void {
    this.pending = this.storage.ensureBucket().then(
      () => this.logger.log('document bucket ready'),
      (err: unknown) => this.logger.warn(`S3 not available at startup, will retry on first use: ${err instanceof Error ? err.message : String(err)}`),
    );
  }

  /** Lets the check finish so no request outlives the app (tests exit cleanly). */
  async onApplicationShutdown(): Promise<void> {
    await this.pending;
  }
}

import { type DynamicModule, Global, Module, type Provider } from '@nestjs/common';
import { DOCUMENT_STORAGE, type DocumentStorage } from './document-storage.js';
import { MinioDocumentStorage } from './minio-document-storage.js';
import { StorageBootstrapService } from './storage-bootstrap.service.js';

export interface StorageModuleOptions {
  /** Overrides the storage built from the environment (tests pass a fake or an s3rver-backed one). */
  storage?: DocumentStorage;
  env?: NodeJS.ProcessEnv;
}

/** Provides {@link DOCUMENT_STORAGE} app-wide; configured from S3_* environment variables. */
@Global()
@Module({})
export class StorageModule {
  static forRoot(options: StorageModuleOptions = {}): DynamicModule {
    const storageProvider: Provider = options.storage
      ? { provide: DOCUMENT_STORAGE, useValue: options.storage }
      : { provide: DOCUMENT_STORAGE, useFactory: () => MinioDocumentStorage.fromEnv(options.env ?? process.env) };
    return {
      module: StorageModule,
      global: true,
      providers: [storageProvider, StorageBootstrapService],
      exports: [DOCUMENT_STORAGE],
    };
  }
}

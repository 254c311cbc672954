export { DOCUMENT_STORAGE, type DocumentStorage, type StoredObjectMeta } from './document-storage.js';
export { MinioDocumentStorage, DEFAULT_PRESIGN_TTL_SECONDS } from './minio-document-storage.js';
export { StorageModule, type StorageModuleOptions } from './storage.module.js';
export { storageConfigFromEnv, DEFAULT_BUCKET, DEFAULT_REGION, DEFAULT_S3_TIMEOUT_MS, type StorageConfig } from './storage-config.js';
export { sniffContentType, ALLOWED_TYPES, type SniffedType } from './content-sniffer.js';
export { safeFileName } from './safe-file-name.js';
export { attachmentDisposition } from './content-disposition.js';
export { newObjectKey } from './object-key.js';
export { uploadMaxBytes, DEFAULT_UPLOAD_MAX_BYTES } from './upload-limits.js';

import { Problems } from '@crm/common';
import type { DocumentStorage } from './document-storage.js';
import { sniffContentType, type SniffedType } from './content-sniffer.js';
import { newObjectKey } from './object-key.js';
import { safeFileName } from './safe-file-name.js';

/** A file received in a request, already read into memory (within the size limit). */
export interface UploadedBytes {
  fileName: string;
  bytes: Buffer;
}

/** A file sniffed and put in S3, waiting for its row: what the row records. */
export interface StoredUpload {
  /** The cleaned name (`safeFileName`), shown to users and used in downloads. */
  fileName: string;
  /** The sniffed type, never the one the client declared. */
  contentType: string;
  sizeBytes: number;
  objectKey: string;
}

export interface StoreUploadOptions {
  tenantId: string;
  /** The object key's folder under the tenant (`contact-documents`, `ticket-attachments`, …). */
  folder: string;
  /** What the 503 says is unavailable: "El almacenamiento de <noun> no está disponible". */
  noun: 'documentos' | 'archivos';
}

const ALLOWED_TYPES_TEXT = 'se aceptan PDF, imágenes (PNG, JPEG, GIF, WEBP), documentos de Office y texto/CSV.';

function sniffOrRefuse(file: UploadedBytes, nameInRefusal: boolean): SniffedType {
  const type = sniffContentType(file.bytes, file.fileName);
  if (type) return type;
  const which = nameInRefusal ? ` (${safeFileName(file.fileName)})` : '';
  throw Problems.unsupportedMediaType(`Tipo de archivo no permitido${which}: ${ALLOWED_TYPES_TEXT}`);
}

function unavailable(options: StoreUploadOptions) {
  return Problems.unavailable(`El almacenamiento de ${options.noun} no está disponible; intente de nuevo en unos minutos.`);
}

/**
 * The first half of an upload: judges every file's type by its bytes (415 for a type not
 * allowed, naming the refused file; nothing is stored if one is refused), then
 * puts each under a fresh object key with its sniffed type and cleaned name (503 when S3 fails;
 * what was already put is removed). The caller then records the rows in one transaction through
 * {@link commitOrDiscard}, so no row ever points at a missing object.
 */
export async function storeUploads(storage: DocumentStorage, files: readonly UploadedBytes[], options: StoreUploadOptions): Promise<StoredUpload[]> {
  return store(storage, files, options, true);
}

/** {@link storeUploads} for the one file of a request (the 415 does not need to name it). */
export async function storeUpload(storage: DocumentStorage, file: UploadedBytes, options: StoreUploadOptions): Promise<StoredUpload> {
  const [stored] = await store(storage, [file], options, false);
  return stored!;
}

async function store(storage: DocumentStorage, files: readonly UploadedBytes[], options: StoreUploadOptions, nameInRefusal: boolean): Promise<StoredUpload[]> {
  const sniffed = files.map((file) => ({ file, type: sniffOrRefuse(file, nameInRefusal) }));
  const stored: StoredUpload[] = [];
  try {
    for (const { file, type } of sniffed) {
      const objectKey = newObjectKey(options.tenantId, options.folder);
      const fileName = safeFileName(file.fileName);
      await storage.put(objectKey, file.bytes, { contentType: type.mime, fileName });
      stored.push({ fileName, contentType: type.mime, sizeBytes: file.bytes.length, objectKey });
    }
  } catch {
    await discardUploads(storage, stored);
    throw unavailable(options);
  }
  return stored;
}

/** Removes objects whose rows were not committed (a failure to remove leaves an orphan object, never a dangling row). */
export async function discardUploads(storage: DocumentStorage, files: readonly StoredUpload[]): Promise<void> {
  await Promise.all(files.map((file) => storage.remove(file.objectKey).catch(() => undefined)));
}

/**
 * Runs `commit` (the transaction that records the stored files' rows); if it throws, the objects
 * are removed again and the error goes on.
 */
export async function commitOrDiscard<T>(storage: DocumentStorage, stored: StoredUpload | readonly StoredUpload[], commit: () => Promise<T>): Promise<T> {
  try {
    return await commit();
  } catch (error) {
    await discardUploads(storage, Array.isArray(stored) ? stored : [stored as StoredUpload]);
    throw error;
  }
}

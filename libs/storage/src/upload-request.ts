import type { FastifyRequest } from 'fastify';
import { Problems } from '@crm/common';
import type { UploadedBytes } from './store-upload.js';
import { uploadMaxBytes } from './upload-limits.js';

/**
 * Reads the one file of a multipart upload (field "file") into memory: 415 when the request is
 * not multipart, 400 when the field is missing or the file is empty, 413 over UPLOAD_MAX_BYTES.
 */
export async function readUploadedFile(request: FastifyRequest): Promise<UploadedBytes> {
  if (!request.isMultipart()) throw Problems.unsupportedMediaType('Envíe el archivo como multipart/form-data en el campo "file".');
  const maxBytes = uploadMaxBytes();
  // One byte over the limit is read, so a file over it is known by its length, not only by the
  // `truncated` flag and the toBuffer error, which a CI run showed missing once (a 201 for a file
  // past the limit).
  const part = await request.file({ limits: { fileSize: maxBytes + 1 } });
  if (!part || part.fieldname !== 'file') throw Problems.invalid([{ field: 'file', message: 'Falta el archivo (campo "file").' }]);
  const tooLarge = () => Problems.tooLarge(`El archivo supera el máximo de ${Math.round(maxBytes / 1024 / 1024)} MB.`);
  const bytes = await part.toBuffer().catch((error: { code?: string }) => {
    if (error.code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw error;
  });
  if (part.file.truncated || bytes.length > maxBytes) throw tooLarge();
  if (bytes.length === 0) throw Problems.invalid([{ field: 'file', message: 'El archivo está vacío.' }]);
  return { fileName: part.filename, bytes };
}

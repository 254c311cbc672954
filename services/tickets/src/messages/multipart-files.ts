import type { FastifyRequest } from 'fastify';
import { Problems } from '@crm/common';
import type { UploadedFile } from './uploaded-file.js';

export const MAX_FILES_PER_REQUEST = 5;

/**
 * Reads a multipart request: its text fields and its files (any field name), each file within
 * `maxBytes` (413 beyond) and at most MAX_FILES_PER_REQUEST files (400 beyond).
 */
export async function readMultipart(request: FastifyRequest, maxBytes: number): Promise<{ fields: Record<string, string>; files: UploadedFile[] }> {
  const fields: Record<string, string> = {};
  const files: UploadedFile[] = [];
  const tooLarge = () => Problems.tooLarge(`Un archivo supera el máximo de ${Math.round((maxBytes / 1024 / 1024) * 10) / 10} MB.`);
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes + 1, files: MAX_FILES_PER_REQUEST + 1, fields: 10, fieldSize: 64 * 1024 } })) {
      if (part.type === 'file') {
        if (files.length >= MAX_FILES_PER_REQUEST) throw Problems.invalid([{ field: 'files', message: `Se admiten como máximo ${MAX_FILES_PER_REQUEST} archivos por envío.` }]);
        const bytes = await part.toBuffer();
        // One byte over the limit is read: a file past it is known by its length too (see libs/storage).
        if (part.file.truncated || bytes.length > maxBytes) throw tooLarge();
        if (bytes.length === 0) throw Problems.invalid([{ field: part.fieldname, message: 'El archivo está vacío.' }]);
        files.push({ fileName: part.filename, bytes });
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    if (code === 'FST_FILES_LIMIT') throw Problems.invalid([{ field: 'files', message: `Se admiten como máximo ${MAX_FILES_PER_REQUEST} archivos por envío.` }]);
    throw error;
  }
  return { fields, files };
}

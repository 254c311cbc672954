import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ProblemException, Problems } from '@crm/common';
import { safeFileName } from '@crm/storage';
import { CONTACTS_CONFIG, type ContactsConfig } from '../../config/contacts-env.js';
import { isSpreadsheetZip, sniffImportHead, zipDirectoryFromTail, type SniffedImport, type ZipEntry } from '../parsing/import-file-sniffer.js';
import { assertXlsxWithinLimits, declaredTooLarge, XlsxDamagedError, XlsxLimitError, type XlsxLimits } from '../parsing/xlsx-expansion-guard.js';
import { ImportFileStore } from '../jobs/import-file-store.js';

const SNIFF_BYTES = 64 * 1024;
/** Enough for the central directory of any workbook we accept. */
const TAIL_BYTES = 256 * 1024;

export interface ReceivedUpload {
  fileName: string;
  /** For an XLSX: its ZIP directory (checked against the expansion limits before a job exists). */
  zipEntries?: ZipEntry[];
  sniffed: SniffedImport;
  sizeBytes: number;
  objectKeys: string[];
  /** The raw JSON of the `options` field, if sent (before or after the file). */
  optionsJson: string | undefined;
}

const UNSUPPORTED = 'Tipo de archivo no soportado: envíe un CSV (UTF-8 o Windows-1252) o un libro de Excel .xlsx sin macros.';

/**
 * Streams the multipart upload of POST /contacts/imports to S3 in bounded parts while judging
 * its type from the bytes: never more than one part in memory, whatever the file size.
 */
@Injectable()
export class ImportUploadReceiver {
  constructor(
    private readonly files: ImportFileStore,
    @Inject(CONTACTS_CONFIG) private readonly config: ContactsConfig,
  ) {}

  async receive(request: FastifyRequest, tenantId: string): Promise<ReceivedUpload> {
    if (!request.isMultipart()) throw Problems.unsupportedMediaType('Envíe el archivo como multipart/form-data en el campo "file" (y las opciones en el campo "options").');
    const { maxBytes, partBytes } = this.config.imports;
    const keys: string[] = [];
    try {
      let upload: Omit<ReceivedUpload, 'optionsJson'> | undefined;
      let optionsJson: string | undefined;
      for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 1, fieldSize: 256 * 1024 } })) {
        if (part.type === 'field') {
          if (part.fieldname !== 'options') throw Problems.invalid([{ field: part.fieldname, message: `El campo "${part.fieldname}" no está permitido; envíe "file" y "options".` }]);
          optionsJson = String(part.value);
          continue;
        }
        if (part.fieldname !== 'file') throw Problems.invalid([{ field: part.fieldname, message: 'El archivo va en el campo "file".' }]);
        upload = await this.store(part.file, part.filename, tenantId, keys, maxBytes, partBytes);
      }
      if (!upload) throw Problems.invalid([{ field: 'file', message: 'Falta el archivo (campo "file").' }]);
      if (upload.zipEntries) await this.assertExpandable(upload.objectKeys, upload.zipEntries);
      return { ...upload, optionsJson };
    } catch (error) {
      await this.files.removeAll(keys);
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(maxBytes);
      if ((error as { code?: string }).code === 'FST_FILES_LIMIT') throw Problems.invalid([{ field: 'file', message: 'Envíe un solo archivo.' }]);
      throw error;
    }
  }

  private async store(
    stream: AsyncIterable<Buffer> & { truncated?: boolean },
    rawName: string,
    tenantId: string,
    keys: string[],
    maxBytes: number,
    partBytes: number,
  ): Promise<Omit<ReceivedUpload, 'optionsJson'>> {
    const fileName = safeFileName(rawName || 'importacion.csv');
    const prefix = this.files.newKeyPrefix(tenantId);
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let size = 0;
    let sniffed: SniffedImport | null | undefined;
    let tail: Buffer = Buffer.alloc(0);
    const flush = async () => {
      if (pendingBytes === 0) return;
      const key = `${prefix}.part-${String(keys.length + 1).padStart(5, '0')}`;
      keys.push(key);
      await this.files.putPart(key, Buffer.concat(pending, pendingBytes), fileName).catch(() => {
        throw Problems.unavailable('El almacenamiento de archivos no está disponible; intente de nuevo en unos minutos.');
      });
      pending = [];
      pendingBytes = 0;
    };
    for await (const chunk of stream) {
      size += chunk.length;
      if (size > maxBytes) throw tooLarge(maxBytes);
      if (sniffed === null) continue; // refused: read the rest so the client gets our answer, store nothing
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (sniffed === undefined && pendingBytes >= SNIFF_BYTES) sniffed = sniffImportHead(Buffer.concat(pending, pendingBytes).subarray(0, SNIFF_BYTES));
      tail = keepTail(tail, chunk);
      if (sniffed && pendingBytes >= partBytes) await flush();
    }
    if (stream.truncated) throw tooLarge(maxBytes);
    if (size === 0) throw Problems.invalid([{ field: 'file', message: 'El archivo está vacío.' }]);
    if (sniffed === undefined) sniffed = sniffImportHead(Buffer.concat(pending, pendingBytes));
    if (!sniffed) throw Problems.unsupportedMediaType(UNSUPPORTED);
    const zipEntries = sniffed.format === 'xlsx' ? zipDirectoryFromTail(tail, size) : undefined;
    if (zipEntries !== undefined && !isSpreadsheetZip(zipEntries?.map((entry) => entry.name) ?? null)) throw Problems.unsupportedMediaType(UNSUPPORTED);
    await flush();
    return { fileName, sniffed, sizeBytes: size, objectKeys: [...keys], zipEntries: zipEntries ?? undefined };
  }

  /**
   * A zip bomb is refused here, before any job exists: first on the sizes the ZIP declares, then
   * by expanding the stored file once, streaming, counting the real bytes and the sheet's rows
   * (the worker's parser would otherwise hold what it expands in memory).
   */
  private async assertExpandable(objectKeys: string[], entries: ZipEntry[]): Promise<void> {
    const limits: XlsxLimits = { maxExpandedBytes: this.config.imports.xlsxMaxExpandedBytes, maxRows: this.config.imports.xlsxMaxRows };
    try {
      if (declaredTooLarge(entries, limits)) throw new XlsxLimitError('expandedBytes');
      await assertXlsxWithinLimits(this.files.open(objectKeys), entries, limits);
    } catch (error) {
      if (error instanceof XlsxLimitError) throw xlsxTooLarge(error.limit, limits);
      if (error instanceof XlsxDamagedError) throw Problems.unsupportedMediaType(`El libro de Excel está dañado: ${error.message}.`);
      // The only other failure here is reading the stored parts back.
      throw Problems.unavailable('El almacenamiento de archivos no está disponible; intente de nuevo en unos minutos.');
    }
  }
}

function xlsxTooLarge(limit: XlsxLimitError['limit'], limits: XlsxLimits) {
  const detail =
    limit === 'rows'
      ? `El libro de Excel tiene más de ${limits.maxRows.toLocaleString('es-CO')} filas en una hoja, el máximo para una importación. Divídalo en varios archivos.`
      : `El libro de Excel ocupa más de ${Math.round(limits.maxExpandedBytes / 1024 / 1024)} MB al descomprimirlo, el máximo para una importación. Divídalo en varios archivos o guárdelo como CSV.`;
  return new ProblemException(413, detail, { limit: limit === 'rows' ? { maxRows: limits.maxRows } : { maxExpandedBytes: limits.maxExpandedBytes } });
}

function keepTail(tail: Buffer, chunk: Buffer): Buffer {
  if (chunk.length >= TAIL_BYTES) return Buffer.from(chunk.subarray(chunk.length - TAIL_BYTES));
  const joined = Buffer.concat([tail, chunk]);
  return joined.length > TAIL_BYTES ? Buffer.from(joined.subarray(joined.length - TAIL_BYTES)) : joined;
}

function tooLarge(maxBytes: number) {
  return Problems.tooLarge(`El archivo supera el máximo de ${Math.round(maxBytes / 1024 / 1024)} MB para una importación.`);
}

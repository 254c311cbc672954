import { describe, expect, it } from '@jest/globals';
import { Readable } from 'node:stream';
import type { DocumentStorage, StoredObjectMeta } from '../document-storage.js';
import { commitOrDiscard, storeUpload, storeUploads } from '../store-upload.js';
import { ELF_HEADER, MINIMAL_PDF, PNG_HEADER } from './fixtures.js';

const TENANT = '0b6f6c2e-4a8e-4f7e-9a61-2b1f0c9d7e11';

/** An in-memory bucket; `failPutAfter` makes the put after that many succeed fail (S3 going away mid-request). */
function memoryStorage(failPutAfter = Number.POSITIVE_INFINITY) {
  const objects = new Map<string, { body: Buffer; meta: StoredObjectMeta }>();
  let puts = 0;
  const storage: DocumentStorage = {
    ensureBucket: async () => undefined,
    put: async (key, body, meta) => {
      if (puts++ >= failPutAfter) throw new Error('connect ECONNREFUSED');
      objects.set(key, { body, meta });
    },
    presignGet: async (key) => `http://s3.test/${key}`,
    get: async (key) => Readable.from(objects.get(key)?.body ?? Buffer.alloc(0)),
    remove: async (key) => void objects.delete(key),
    exists: async (key) => objects.has(key),
    ping: async () => true,
  };
  return { storage, objects };
}

async function problemOf(promise: Promise<unknown>): Promise<{ status: number; detail: string }> {
  const error = (await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )) as { getStatus(): number; detail: string } | undefined;
  if (!error) throw new Error('expected a problem');
  return { status: error.getStatus(), detail: error.detail };
}

describe('storeUpload / storeUploads', () => {
  it('puts the file under <tenant>/<folder>/ with the type read from its bytes and a cleaned name', async () => {
    const { storage, objects } = memoryStorage();
    const stored = await storeUpload(storage, { fileName: '../../informe\u202Efinal.pdf', bytes: MINIMAL_PDF }, { tenantId: TENANT, folder: 'contact-documents', noun: 'documentos' });
    expect(stored).toMatchObject({ fileName: 'informefinal.pdf', contentType: 'application/pdf', sizeBytes: MINIMAL_PDF.length });
    expect(stored.objectKey.startsWith(`${TENANT}/contact-documents/`)).toBe(true);
    expect(objects.get(stored.objectKey)?.meta).toEqual({ contentType: 'application/pdf', fileName: stored.fileName });
  });

  it('refuses a type not allowed with 415 and stores none of the files; with several files it names the refused one', async () => {
    const { storage, objects } = memoryStorage();
    const single = await problemOf(storeUpload(storage, { fileName: 'tool.pdf', bytes: ELF_HEADER }, { tenantId: TENANT, folder: 'contact-documents', noun: 'documentos' }));
    expect(single).toEqual({ status: 415, detail: 'Tipo de archivo no permitido: se aceptan PDF, imágenes (PNG, JPEG, GIF, WEBP), documentos de Office y texto/CSV.' });
    const several = await problemOf(
      storeUploads(
        storage,
        [
          { fileName: 'foto.png', bytes: PNG_HEADER },
          { fileName: 'tool.pdf', bytes: ELF_HEADER },
        ],
        { tenantId: TENANT, folder: 'ticket-attachments', noun: 'archivos' },
      ),
    );
    expect(several).toEqual({ status: 415, detail: 'Tipo de archivo no permitido (tool.pdf): se aceptan PDF, imágenes (PNG, JPEG, GIF, WEBP), documentos de Office y texto/CSV.' });
    expect(objects.size).toBe(0);
  });

  it('answers 503 when S3 fails and removes what it had already put', async () => {
    const { storage, objects } = memoryStorage(1);
    const files = [
      { fileName: 'a.pdf', bytes: MINIMAL_PDF },
      { fileName: 'b.png', bytes: PNG_HEADER },
    ];
    const problem = await problemOf(storeUploads(storage, files, { tenantId: TENANT, folder: 'ticket-attachments', noun: 'archivos' }));
    expect(problem).toEqual({ status: 503, detail: 'El almacenamiento de archivos no está disponible; intente de nuevo en unos minutos.' });
    expect(objects.size).toBe(0);
  });
});

describe('commitOrDiscard', () => {
  it('keeps the objects when the commit succeeds and removes them when it fails', async () => {
    const { storage, objects } = memoryStorage();
    const options = { tenantId: TENANT, folder: 'opportunity-documents', noun: 'documentos' } as const;
    const kept = await storeUpload(storage, { fileName: 'a.pdf', bytes: MINIMAL_PDF }, options);
    await expect(commitOrDiscard(storage, kept, async () => 'row')).resolves.toBe('row');
    expect(objects.has(kept.objectKey)).toBe(true);
    const dropped = await storeUploads(storage, [{ fileName: 'b.pdf', bytes: MINIMAL_PDF }], options);
    await expect(
      commitOrDiscard(storage, dropped, async () => {
        throw new Error('serialization failure');
      }),
    ).rejects.toThrow('serialization failure');
    expect(objects.has(dropped[0]!.objectKey)).toBe(false);
    expect(objects.size).toBe(1);
  });
});

import { afterAll, describe, expect, it } from '@jest/globals';
import { type LoggerService, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { startS3Server, waitFor } from '@crm/testing';
import { DOCUMENT_STORAGE, type DocumentStorage, newObjectKey, StorageModule } from '@crm/storage';

class CapturingLogger implements LoggerService {
  readonly warnings: string[] = [];
  log(): void {}
  error(): void {}
  warn(message: unknown): void {
    this.warnings.push(String(message));
  }
}

describe('StorageModule', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('boots while S3 is down, logs it, and creates the bucket on first use once S3 is back', async () => {
    // Learn a free port, then leave it closed: S3 is "down".
    const probe = await startS3Server();
    const port = probe.port;
    await probe.stop();

    const env = { S3_ENDPOINT: `http://127.0.0.1:${port}`, S3_ACCESS_KEY: 'S3RVER', S3_SECRET_KEY: 'S3RVER', S3_BUCKET: 'late-bucket' };
    @Module({ imports: [StorageModule.forRoot({ env })] })
    class AppModule {}

    const logger = new CapturingLogger();
    const app = await NestFactory.createApplicationContext(AppModule, { logger });
    cleanups.push(() => app.close());
    const storage = app.get<DocumentStorage>(DOCUMENT_STORAGE);

    await waitFor(async () => logger.warnings.some((w) => w.includes('S3 not available at startup')), { description: 'the startup warning' });
    expect(await storage.ping()).toBe(false);

    const s3 = await startS3Server({ port });
    cleanups.push(() => s3.stop());
    const key = newObjectKey('tenant-a', 'contacts');
    await storage.put(key, Buffer.from('hola'), { contentType: 'text/plain', fileName: 'hola.txt' });
    expect(await storage.exists(key)).toBe(true);
  });

  it('uses the storage it is given instead of building one from the environment', async () => {
    const given = { ensureBucket: async () => undefined } as unknown as DocumentStorage;
    @Module({ imports: [StorageModule.forRoot({ storage: given })] })
    class AppModule {}
    const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
    cleanups.push(() => app.close());
    expect(app.get(DOCUMENT_STORAGE)).toBe(given);
  });
});

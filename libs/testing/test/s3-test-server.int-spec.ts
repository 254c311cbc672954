import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { startEmbeddedS3, startS3Server } from '@crm/testing';
import { MinioDocumentStorage } from '@crm/storage';

describe('S3 stand-ins', () => {
  it('startS3Server listens on loopback with the bucket already created', async () => {
    const s3 = await startS3Server({ bucket: 'test-bucket' });
    try {
      expect(s3.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${s3.endpoint}/test-bucket`, { method: 'HEAD' });
      // Unsigned request: s3rver answers (403 or 200) rather than 404, so the bucket exists.
      expect(response.status).not.toBe(404);
      expect(await MinioDocumentStorage.fromEnv(s3.env).ping()).toBe(true);
    } finally {
      await s3.stop();
    }
  });

  it('startS3Server rejects (rather than crashing the process) when the port is taken', async () => {
    const first = await startS3Server();
    try {
      await expect(startS3Server({ port: first.port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.stop();
    }
  });

  it('startEmbeddedS3 keeps documents across restarts', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'crm-embedded-s3-'));
    try {
      const first = await startEmbeddedS3({ port: 0, directory });
      await MinioDocumentStorage.fromEnv(first.env).put('t1/contacts/2026/01/doc', Buffer.from('hola'), { contentType: 'text/plain', fileName: 'hola.txt' });
      await first.stop();

      const second = await startEmbeddedS3({ port: 0, directory });
      try {
        expect(await MinioDocumentStorage.fromEnv(second.env).exists('t1/contacts/2026/01/doc')).toBe(true);
      } finally {
        await second.stop();
      }
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

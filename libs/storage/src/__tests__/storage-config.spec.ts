import { describe, expect, it } from '@jest/globals';
import { newObjectKey } from '../object-key.js';
import { storageConfigFromEnv } from '../storage-config.js';
import { DEFAULT_UPLOAD_MAX_BYTES, uploadMaxBytes } from '../upload-limits.js';

describe('storageConfigFromEnv', () => {
  const env = { S3_ENDPOINT: 'http://127.0.0.1:9000', S3_ACCESS_KEY: 'key', S3_SECRET_KEY: 'secret' };

  it('reads the endpoint URL and applies defaults', () => {
    expect(storageConfigFromEnv(env)).toEqual({
      endPoint: '127.0.0.1',
      port: 9000,
      useSSL: false,
      accessKey: 'key',
      secretKey: 'secret',
      bucket: 'crm-documents',
      region: 'us-east-1',
      timeoutMs: 5000,
    });
    expect(storageConfigFromEnv({ ...env, S3_ENDPOINT: 'https://s3.example.com', S3_BUCKET: 'docs' })).toMatchObject({ port: 443, useSSL: true, bucket: 'docs' });
  });

  it('reads a separate public endpoint for download links', () => {
    expect(storageConfigFromEnv({ ...env, S3_ENDPOINT: 'http://minio:9000', S3_PUBLIC_ENDPOINT: 'https://files.example.com' }).publicEndpoint).toEqual({
      endPoint: 'files.example.com',
      port: 443,
      useSSL: true,
    });
    expect(() => storageConfigFromEnv({ ...env, S3_PUBLIC_ENDPOINT: 'files.example.com' })).toThrow(/S3_PUBLIC_ENDPOINT/);
  });

  it('names the missing or malformed variable', () => {
    expect(() => storageConfigFromEnv({ ...env, S3_ENDPOINT: '' })).toThrow(/S3_ENDPOINT/);
    expect(() => storageConfigFromEnv({ ...env, S3_ENDPOINT: '127.0.0.1:9000' })).toThrow(/S3_ENDPOINT/);
    expect(() => storageConfigFromEnv({ ...env, S3_SECRET_KEY: undefined })).toThrow(/S3_SECRET_KEY/);
    expect(() => storageConfigFromEnv({ ...env, S3_TIMEOUT_MS: 'soon' })).toThrow(/S3_TIMEOUT_MS/);
  });
});

describe('uploadMaxBytes', () => {
  it('defaults to 25 MiB and reads UPLOAD_MAX_BYTES', () => {
    expect(uploadMaxBytes({})).toBe(DEFAULT_UPLOAD_MAX_BYTES);
    expect(DEFAULT_UPLOAD_MAX_BYTES).toBe(25 * 1024 * 1024);
    expect(uploadMaxBytes({ UPLOAD_MAX_BYTES: '1048576' })).toBe(1048576);
    expect(() => uploadMaxBytes({ UPLOAD_MAX_BYTES: '-1' })).toThrow(/UPLOAD_MAX_BYTES/);
  });
});

describe('newObjectKey', () => {
  it('is <tenant>/<folder>/<yyyy>/<mm>/<uuid> and different every time', () => {
    const key = newObjectKey('7f1c2b9e-tenant', 'contacts', new Date(Date.UTC(2026, 0, 5)));
    expect(key).toMatch(/^7f1c2b9e-tenant\/contacts\/2026\/01\/[0-9a-f-]{36}$/);
    expect(newObjectKey('t1', 'tickets')).not.toBe(newObjectKey('t1', 'tickets'));
  });

  it('refuses segments that could escape the tenant prefix', () => {
    expect(() => newObjectKey('../other', 'contacts')).toThrow();
    expect(() => newObjectKey('t1', 'a/b')).toThrow();
    expect(() => newObjectKey('', 'contacts')).toThrow();
  });
});

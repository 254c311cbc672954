import { PassThrough } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { bodyLimitFor, DRAIN_FACTOR, isBodyTooLarge, limitedBody } from '../body-limits.js';

const limits = { json: 1024 * 1024, upload: 26 * 1024 * 1024 };

describe('bodyLimitFor', () => {
  it('gives upload collections the upload limit and everything else the JSON limit', () => {
    expect(bodyLimitFor('/api/v1/contacts/6f1d/documents', limits)).toBe(limits.upload);
    expect(bodyLimitFor('/api/v1/contacts/imports?dryRun=true', limits)).toBe(limits.upload);
    expect(bodyLimitFor('/api/v1/tickets/abc/attachments/', limits)).toBe(limits.upload);
    expect(bodyLimitFor('/api/v1/contacts', limits)).toBe(limits.json);
    expect(bodyLimitFor('/api/v1/contacts?q=documents', limits)).toBe(limits.json);
    expect(bodyLimitFor('/api/v1/public/forms/abc/submissions', limits)).toBe(limits.json);
    expect(bodyLimitFor('/api/v1/contacts/documents-archive', limits)).toBe(limits.json);
  });
});

describe('limitedBody (chunked bodies)', () => {
  it('fails past the limit, then reads and drops the rest, up to DRAIN_FACTOR × the limit more', async () => {
    const source = new PassThrough();
    const limited = limitedBody(source, 10);
    const failed = new Promise<unknown>((resolve) => limited.on('error', resolve));
    limited.resume();
    source.write(Buffer.alloc(8));
    source.write(Buffer.alloc(8));
    expect(isBodyTooLarge(await failed)).toBe(true);
    // Still being drained: the client can finish sending and read the 413.
    source.write(Buffer.alloc(10 * DRAIN_FACTOR - 6));
    expect(source.destroyed).toBe(false);
    // An endless body is cut off.
    source.write(Buffer.alloc(1));
    await new Promise((resolve) => setImmediate(resolve));
    expect(source.destroyed).toBe(true);
  });
});

import { describe, expect, it } from '@jest/globals';
import { bodyLimitFor } from '../body-limits.js';

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

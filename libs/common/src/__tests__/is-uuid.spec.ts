import { describe, expect, it } from '@jest/globals';
import { isUuid } from '../validation/is-uuid.js';

describe('isUuid', () => {
  it('accepts canonical UUIDs of any version and case', () => {
    expect(isUuid('0190f5c4-8a2b-7c3d-9e4f-0a1b2c3d4e5f')).toBe(true);
    expect(isUuid('D3B07384-D9A7-4F3B-8A1C-2E4F6A8B0C1D')).toBe(true);
  });

  it('refuses anything else, including non-strings and UUIDs with extra text', () => {
    for (const value of ['', 'not-a-uuid', '0190f5c4-8a2b-7c3d-9e4f-0a1b2c3d4e5', '{0190f5c4-8a2b-7c3d-9e4f-0a1b2c3d4e5f}', '0190f5c4-8a2b-7c3d-9e4f-0a1b2c3d4e5f\n', 42, null, undefined]) {
      expect(isUuid(value)).toBe(false);
    }
  });
});

import { describe, expect, it } from '@jest/globals';
import { decodeKeysetCursor, encodeCursor } from '../pagination/cursor.js';
import { ProblemException } from '../errors/problem.exception.js';

const id = '6f1d7a3e-8a7c-4d6b-9f7e-1b2c3d4e5f60';

describe('decodeKeysetCursor', () => {
  it('returns the values of a well-formed cursor, and nothing without one', () => {
    expect(decodeKeysetCursor(encodeCursor(['2026-03-01T10:00:00.123456Z', id]), ['time', 'uuid'])).toEqual(['2026-03-01T10:00:00.123456Z', id]);
    expect(decodeKeysetCursor(encodeCursor(['2026-03-01T10:00:00.000Z', 'msg-1']), ['time', 'key'])).toEqual(['2026-03-01T10:00:00.000Z', 'msg-1']);
    expect(decodeKeysetCursor(undefined, ['time', 'uuid'])).toBeUndefined();
  });

  it('answers 400 naming the cursor for a forged value of any kind', () => {
    for (const forged of [
      ['yesterday', id],
      ['2026-03-01T10:00:00Z', 'not-a-uuid'],
      ['2026-03-01T10:00:00Z', 42],
    ]) {
      expect(() => decodeKeysetCursor(encodeCursor(forged), ['time', 'uuid'])).toThrow(ProblemException);
    }
    expect(() => decodeKeysetCursor(encodeCursor(['2026-03-01T10:00:00Z', 'x'.repeat(201)]), ['time', 'key'])).toThrow(ProblemException);
    expect(() => decodeKeysetCursor(encodeCursor([id]), ['time', 'uuid'])).toThrow(ProblemException);
  });
});

describe('decodeKeysetCursor text parts', () => {
  it('accepts any string up to 1000 characters, empty included, and nothing else', () => {
    expect(decodeKeysetCursor(encodeCursor(['', 'Ana María']), ['text', 'text'])).toEqual(['', 'Ana María']);
    expect(() => decodeKeysetCursor(encodeCursor([7, 'x']), ['text', 'text'])).toThrow(ProblemException);
    expect(() => decodeKeysetCursor(encodeCursor(['x'.repeat(1001), 'x']), ['text', 'text'])).toThrow(ProblemException);
    expect(() => decodeKeysetCursor(encodeCursor(['2026-13-45T10:00:00Z', id]), ['time', 'uuid'])).toThrow(ProblemException);
  });
});

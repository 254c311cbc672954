import { createHash, timingSafeEqual } from 'node:crypto';

/** Constant-time comparison of the operator key (hashing first evens out the lengths). */
export function platformKeyMatches(presented: string | string[] | undefined, expected: string): boolean {
  const value = Array.isArray(presented) ? presented[0] : presented;
  if (!value) return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(value), digest(expected));
}

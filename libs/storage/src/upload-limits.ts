export const DEFAULT_UPLOAD_MAX_BYTES = 25 * 1024 * 1024;

/**
 * Largest accepted upload, from UPLOAD_MAX_BYTES (default 25 MiB). Read on each call so tests
 * can change it; a malformed value is a configuration error, not a silent default.
 */
export function uploadMaxBytes(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.UPLOAD_MAX_BYTES?.trim();
  if (!raw) return DEFAULT_UPLOAD_MAX_BYTES;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new Error(`Environment variable UPLOAD_MAX_BYTES must be a positive integer (bytes), got "${raw}"`);
  }
  return value;
}

export const DEFAULT_EXPORT_MAX_ROWS = 200_000;
/** Rows read per page of the list while exporting. */
export const EXPORT_PAGE_SIZE = 1000;

/** EXPORT_MAX_ROWS: the most rows one export carries (default 200,000). */
export function exportMaxRows(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.EXPORT_MAX_ROWS?.trim();
  if (!raw) return DEFAULT_EXPORT_MAX_ROWS;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`Environment variable EXPORT_MAX_ROWS must be a positive integer, got "${raw}"`);
  return value;
}

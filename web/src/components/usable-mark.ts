/**
 * `performance.mark('crm:usable:<page>')` the first time a page shows its content (login form,
 * dashboard with its numbers): bench/web-first-load.bench.mjs reads it as "first page usable".
 */
const marked = new Set<string>();

export function markUsable(page: string): void {
  if (marked.has(page)) return;
  marked.add(page);
  performance.mark(`crm:usable:${page}`);
}

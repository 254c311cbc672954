export type ExportCell = string | number | null;

export interface ExportRows {
  cap: number;
  /** Known once `pages` is exhausted: the list had more rows than the cap. */
  truncated: boolean;
  pages: AsyncGenerator<ExportCell[][]>;
}

/** One page of a keyset-paginated list, as the list services return it. */
export interface ExportListPage<T> {
  items: T[];
  nextCursor?: string | null;
}

/**
 * Walks a list with its keyset cursor, one page in memory at a time, up to `cap` rows. The first
 * page is read by the caller before anything is sent, so a bad filter still gets a proper error.
 */
export function exportRows<T>(first: ExportListPage<T>, pageOf: (cursor: string) => Promise<ExportListPage<T>>, rowsOf: (items: T[]) => Promise<ExportCell[][]>, cap: number): ExportRows {
  const result: ExportRows = { cap, truncated: false, pages: walk() };
  return result;

  async function* walk(): AsyncGenerator<ExportCell[][]> {
    let page = first;
    let sent = 0;
    for (;;) {
      const items = page.items.slice(0, cap - sent);
      if (items.length > 0) yield await rowsOf(items);
      sent += items.length;
      if (!page.nextCursor) return;
      if (sent >= cap) {
        result.truncated = true;
        return;
      }
      page = await pageOf(page.nextCursor);
    }
  }
}

/**
 * Readers for the reporting API's answers. The reports are young (issue 10), so the dashboard
 * reads them tolerantly: the list under the usual names, the label and the number under the
 * usual keys; anything missing shows as an empty state instead of breaking the page.
 */
import type { Datum } from '../components/charts/charts';
import type { Money } from '../i18n/format';

type Row = Record<string, unknown>;
const isRow = (value: unknown): value is Row => typeof value === 'object' && value !== null && !Array.isArray(value);

export function listOf(answer: unknown, ...names: string[]): Row[] {
  if (Array.isArray(answer)) return answer.filter(isRow);
  if (!isRow(answer)) return [];
  for (const name of [...names, 'items', 'stages', 'rows', 'sellers', 'series', 'points', 'buckets', 'data']) {
    const value = answer[name];
    if (Array.isArray(value)) return value.filter(isRow);
  }
  return [];
}

export function labelOf(row: Row): string {
  for (const key of ['stageName', 'name', 'label', 'sellerName', 'ownerName', 'userName', 'period', 'week', 'month', 'date', 'bucket']) {
    const value = row[key];
    if (typeof value === 'string' && value) return value;
  }
  if (isRow(row.stage) && typeof row.stage.name === 'string') return row.stage.name;
  if (isRow(row.owner) && typeof row.owner.name === 'string') return row.owner.name;
  return '—';
}

export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  if (isRow(value) && 'amount' in value) return numberOf(value.amount);
  if (isRow(value) && 'value' in value) return numberOf(value.value);
  if (Array.isArray(value) && value.length > 0) return numberOf(value[0]);
  return undefined;
}

export function pick(row: Row | undefined, ...keys: string[]): number | undefined {
  if (!row) return undefined;
  for (const key of keys) {
    const found = numberOf(row[key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Money under one of the keys: `{amount, currency}`, a list per currency (COP first), or a number. */
export function moneyOf(row: Row | undefined, ...keys: string[]): Money | undefined {
  if (!row) return undefined;
  for (const key of keys) {
    const value = row[key];
    if (isRow(value) && 'amount' in value) return { amount: String(value.amount), currency: String(value.currency ?? 'COP') };
    if (Array.isArray(value)) {
      const rows = value.filter(isRow);
      const chosen = rows.find((item) => item.currency === 'COP') ?? rows[0];
      if (chosen) return moneyOf(chosen, 'value', 'amount', 'total') ?? { amount: String(chosen.amount ?? 0), currency: String(chosen.currency ?? 'COP') };
    }
    const amount = numberOf(value);
    if (amount !== undefined) return { amount: String(amount), currency: 'COP' };
  }
  return undefined;
}

export function toData(rows: Row[], keys: string[], display?: (value: number, row: Row) => string): Datum[] {
  return rows.map((row) => {
    const value = pick(row, ...keys) ?? 0;
    return { label: labelOf(row), value, display: display?.(value, row) };
  });
}

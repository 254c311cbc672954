import { currentLocale } from './locale-store';

/** Formatting follows Colombia (es-CO): COP without decimals, dd/mm/yyyy, America/Bogota. */
const TIME_ZONE = 'America/Bogota';
const tag = () => (currentLocale() === 'en' ? 'en-CO' : 'es-CO');

export interface Money {
  amount: string;
  currency: string;
}

export function formatMoney(money: Money | null | undefined): string {
  if (!money) return '—';
  return formatAmount(Number(money.amount), money.currency);
}

export function formatAmount(amount: number, currency = 'COP'): string {
  return new Intl.NumberFormat(tag(), { style: 'currency', currency, maximumFractionDigits: currency === 'COP' ? 0 : 2 }).format(amount);
}

export function formatCompactAmount(amount: number, currency = 'COP'): string {
  return new Intl.NumberFormat(tag(), { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(amount);
}

export const formatNumber = (value: number, digits = 0): string => new Intl.NumberFormat(tag(), { maximumFractionDigits: digits }).format(value);
export const formatPercent = (ratio: number): string => new Intl.NumberFormat(tag(), { style: 'percent', maximumFractionDigits: 1 }).format(ratio);

export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return new Intl.DateTimeFormat(tag(), { dateStyle: 'medium', timeZone: TIME_ZONE }).format(date);
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  return new Intl.DateTimeFormat(tag(), { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE }).format(new Date(value));
}

export function formatRelative(value: string): string {
  const seconds = (new Date(value).getTime() - Date.now()) / 1000;
  const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  const format = new Intl.RelativeTimeFormat(tag(), { numeric: 'auto' });
  for (const [unit, size] of units) if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  return format.format(Math.round(seconds), 'second');
}

/** A date as YYYY-MM-DD in Bogotá (for API filters and date inputs). */
export function isoDay(date: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

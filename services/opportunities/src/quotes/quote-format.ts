/**
 * es-CO presentation of decimal strings without converting them to JS numbers: thousands with
 * ".", decimals with ",", e.g. "6819294.98" → "6.819.294,98".
 */
export function formatDecimalEsCo(value: string, decimals = 2): string {
  const negative = value.startsWith('-');
  const [whole, fraction = ''] = (negative ? value.slice(1) : value).split('.');
  const grouped = whole.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const text = decimals > 0 ? `${grouped},${fraction.padEnd(decimals, '0').slice(0, decimals)}` : grouped;
  return negative ? `-${text}` : text;
}

/** "$ 6.819.294,98" for COP, "USD 1.200,00" for others. */
export function formatMoneyEsCo(amount: string, currency: string): string {
  return `${currency === 'COP' ? '$' : currency} ${formatDecimalEsCo(amount)}`;
}

/** Quantities and percentages: as few decimals as needed ("1,5", "12,5", "19"). */
export function formatQuantityEsCo(value: string): string {
  const [whole, fraction = ''] = value.split('.');
  const trimmed = fraction.replace(/0+$/, '');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return trimmed ? `${grouped},${trimmed}` : grouped;
}

const MONTHS = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];

/** "2099-12-31" → "31 de diciembre de 2099". */
export function formatDateEsCo(isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-');
  return `${Number(day)} de ${MONTHS[Number(month) - 1]} de ${year}`;
}

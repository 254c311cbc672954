import type { ErpMoney } from '@crm/contracts';

/** "1250000.5" COP → "COP 1.250.000,50" (Spanish grouping), exact: the decimal string is never a float. */
export function formatMoney(money: ErpMoney): string {
  const negative = money.amount.startsWith('-');
  const [whole = '0', fraction = ''] = money.amount.replace(/^-/, '').split('.');
  const grouped = whole.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const cents = fraction.length === 0 ? '' : `,${fraction.padEnd(2, '0')}`;
  return `${money.currency} ${negative ? '-' : ''}${grouped}${cents}`;
}

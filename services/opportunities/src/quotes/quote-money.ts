/**
 * Exact decimal arithmetic for quotes: every amount is a BigInt of a fixed scale (cents for money,
 * hundredths for percentages, ten-thousandths for quantities and unit prices). No JS number ever
 * holds money. Rounding is half-up (away from zero on .5), to 2 decimals, once per line step:
 *
 *   gross    = round2(quantity × unitPrice)
 *   discount = round2(gross × discount% / 100)
 *   net      = gross − discount
 *   tax      = round2(net × tax% / 100)
 *   total    = net + tax
 *
 * Quote totals are sums of the rounded line figures, so the lines always add up to the total.
 */

export const QUANTITY_SCALE = 4;
export const PRICE_SCALE = 4;
export const PERCENT_SCALE = 2;
export const MONEY_SCALE = 2;

/** A decimal string with at most `scale` decimals as a BigInt × 10^scale; null when malformed. */
export function parseScaled(value: string, scale: number): bigint | null {
  const match = /^(-)?(\d{1,15})(?:\.(\d+))?$/.exec(value);
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > scale) return null;
  const units = BigInt(whole + fraction.padEnd(scale, '0'));
  return sign ? -units : units;
}

/** `numerator / denominator` rounded half-up (away from zero on ties). */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const rounded = (n * 2n + d) / (d * 2n);
  return negative ? -rounded : rounded;
}

/** A scaled BigInt back to its decimal string, e.g. (123456n, 2) → "1234.56". */
export function formatScaled(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

export interface LineInput {
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  taxPercent: string;
}

export interface LineAmounts {
  gross: string;
  discount: string;
  net: string;
  tax: string;
  total: string;
}

export interface QuoteAmounts {
  lines: LineAmounts[];
  subtotal: string;
  discountTotal: string;
  taxableTotal: string;
  taxTotal: string;
  total: string;
  /** Tax per rate (what the ERP books): rate, taxable base and tax, ordered by rate. */
  taxes: { ratePercent: string; base: string; tax: string }[];
}

const POW = (scale: number) => 10n ** BigInt(scale);

interface LineCents {
  gross: bigint;
  discount: bigint;
  net: bigint;
  tax: bigint;
  total: bigint;
}

function lineCents(line: LineInput): LineCents {
  const quantity = must(parseScaled(line.quantity, QUANTITY_SCALE));
  const price = must(parseScaled(line.unitPrice, PRICE_SCALE));
  const discountPct = must(parseScaled(line.discountPercent, PERCENT_SCALE));
  const taxPct = must(parseScaled(line.taxPercent, PERCENT_SCALE));
  const gross = divideHalfUp(quantity * price, POW(QUANTITY_SCALE + PRICE_SCALE - MONEY_SCALE));
  // percent has PERCENT_SCALE decimals and is a percentage (/100).
  const percentDivisor = POW(PERCENT_SCALE) * 100n;
  const discount = divideHalfUp(gross * discountPct, percentDivisor);
  const net = gross - discount;
  const tax = divideHalfUp(net * taxPct, percentDivisor);
  return { gross, discount, net, tax, total: net + tax };
}

/** Every line's figures and the quote's totals, as 2-decimal strings. Inputs must be validated. */
export function computeQuoteAmounts(lines: readonly LineInput[]): QuoteAmounts {
  const cents = lines.map(lineCents);
  const sum = (pick: (c: LineCents) => bigint) => cents.reduce((acc, c) => acc + pick(c), 0n);
  const byRate = new Map<bigint, { base: bigint; tax: bigint }>();
  lines.forEach((line, index) => {
    const rate = must(parseScaled(line.taxPercent, PERCENT_SCALE));
    const entry = byRate.get(rate) ?? { base: 0n, tax: 0n };
    entry.base += cents[index].net;
    entry.tax += cents[index].tax;
    byRate.set(rate, entry);
  });
  const money = (v: bigint) => formatScaled(v, MONEY_SCALE);
  return {
    lines: cents.map((c) => ({ gross: money(c.gross), discount: money(c.discount), net: money(c.net), tax: money(c.tax), total: money(c.total) })),
    subtotal: money(sum((c) => c.gross)),
    discountTotal: money(sum((c) => c.discount)),
    taxableTotal: money(sum((c) => c.net)),
    taxTotal: money(sum((c) => c.tax)),
    total: money(sum((c) => c.total)),
    taxes: [...byRate.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([rate, v]) => ({ ratePercent: formatScaled(rate, PERCENT_SCALE), base: money(v.base), tax: money(v.tax) })),
  };
}

function must(value: bigint | null): bigint {
  if (value === null) throw new Error('Unvalidated decimal reached quote arithmetic');
  return value;
}

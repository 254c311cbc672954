import { useId } from 'react';
import { formatAmount, formatDate, formatDateTime, formatNumber } from '../../i18n/format';
import { labelFor, useT } from '../../i18n/use-t';
import { trimZeros, type QuoteView } from './quote-types';

const num = (value: string) => Number(value);

/** A quote's lines and totals exactly as the API computed them (subtotal, discount, base, IVA by rate, total). */
export function QuoteDetails({ quote, caption }: { quote: QuoteView; caption?: string }) {
  const t = useT();
  const id = useId();
  const money = (value: string) => formatAmount(num(value), quote.currency);
  return (
    <div className="stack" data-testid={`quote-details-${quote.revision}`}>
      <div className="table-wrap">
        <table className="table quote-table" aria-labelledby={id}>
          <caption id={id}>{caption ?? t('quotes.linesOf', { number: quote.number, revision: quote.revision })}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('quotes.description')}</th>
              <th scope="col" className="num">
                {t('quotes.quantity')}
              </th>
              <th scope="col" className="num">
                {t('quotes.unitPrice')}
              </th>
              <th scope="col" className="num">
                {t('quotes.discount')}
              </th>
              <th scope="col" className="num">
                {t('quotes.tax')}
              </th>
              <th scope="col" className="num">
                {t('quotes.lineTotal')}
              </th>
            </tr>
          </thead>
          <tbody>
            {quote.lines.map((line) => (
              <tr key={line.position}>
                <td>{line.position}</td>
                <td>{line.description}</td>
                <td className="num">{formatNumber(num(line.quantity), 4)}</td>
                <td className="num">{money(line.unitPrice)}</td>
                <td className="num">{trimZeros(line.discountPercent)} %</td>
                <td className="num">{trimZeros(line.taxPercent)} %</td>
                <td className="num">{money(line.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl className="facts quote-totals" data-testid="quote-totals">
        <dt>{t('quotes.subtotal')}</dt>
        <dd data-testid="quote-subtotal">{money(quote.subtotal)}</dd>
        <dt>{t('quotes.discountTotal')}</dt>
        <dd data-testid="quote-discount">− {money(quote.discountTotal)}</dd>
        <dt>{t('quotes.taxable')}</dt>
        <dd>{money(quote.taxableTotal)}</dd>
        {quote.taxes.map((tax) => (
          <FragmentTax key={tax.ratePercent} label={t('quotes.taxAt', { rate: trimZeros(tax.ratePercent), base: money(tax.base) })} value={money(tax.tax)} />
        ))}
        <dt>
          <strong>{t('quotes.total')}</strong>
        </dt>
        <dd data-testid="quote-total">
          <strong>{money(quote.total)}</strong>
        </dd>
      </dl>
      <p className="muted">
        {labelFor(t, 'quote.status.', quote.status)} · {t('quotes.validUntil')}: {formatDate(quote.validUntil)}
        {quote.sentAt && ` · ${t('quote.status.sent')} ${formatDateTime(quote.sentAt)}`}
        {quote.acceptedAt && ` · ${t('quote.status.accepted')} ${formatDateTime(quote.acceptedAt)}`}
        {quote.rejectedAt && ` · ${t('quote.status.rejected')} ${formatDateTime(quote.rejectedAt)} ${quote.rejectionReason ?? ''}`}
      </p>
      {quote.terms && <p className="pre">{quote.terms}</p>}
    </div>
  );
}

function FragmentTax({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}

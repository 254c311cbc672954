import type { ReactNode } from 'react';
import { formatMoney, formatNumber, formatPercent, type Money } from '../../i18n/format';

/** One visible table of a report: the same numbers the chart draws, a row header per row. */
export function ReportTable({ caption, headers, rows, testId }: { caption: string; headers: string[]; rows: ReactNode[][]; testId: string }) {
  return (
    <div className="table-wrap">
      <table className="table small" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {headers.map((header, index) => (
              <th key={index} scope="col" className={index === 0 ? undefined : 'num'}>
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, rowIndex) => (
            <tr key={rowIndex}>
              {row.map((cell, index) =>
                index === 0 ? (
                  <th key={index} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={index} className="num">
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A per-currency list as the console shows money: each currency formatted (COP without decimals), "—" when empty. */
export const moneyList = (list: Money[] | undefined): string => (list && list.length > 0 ? list.map(formatMoney).join(' · ') : '—');
export const ratioText = (value: number | null | undefined): string => (value === null || value === undefined ? '—' : formatPercent(value));
export const numberText = (value: number | null | undefined, digits = 2): string => (value === null || value === undefined ? '—' : formatNumber(value, digits));

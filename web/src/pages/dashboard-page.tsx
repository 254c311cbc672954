import { useEffect, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { api, download } from '../api/client';
import { BarChart, DonutChart, FunnelChart, LineChart } from '../components/charts/charts';
import { ErrorNotice, useLoad } from '../components/ui';
import { markUsable } from '../components/usable-mark';
import { formatAmount, formatCompactAmount, formatMoney, formatNumber, formatPercent, isoDay } from '../i18n/format';
import { useT } from '../i18n/use-t';
import { ReportFilters, useReportFilters } from './report-filters';
import { amountIn, type DashboardReport, type FunnelReport, type SellersReport, type StageDistributionReport, type TrendsReport } from './report-types';

/** The reporting API's default period: the first day of the current month to today (docs/reporting.md). */
function monthStart(): string {
  const today = isoDay(new Date());
  return `${today.slice(0, 8)}01`;
}

/**
 * Panel principal on the reporting API (`/reports/dashboard`, `funnel`, `stage-distribution`,
 * `sellers`, `trends`): period, team and owner filters kept in the URL, every report exportable as
 * CSV or XLSX with the same filters (`/reports/{name}/export`). Visibility is the API's.
 */
export default function DashboardPage() {
  const t = useT();
  const filters = useReportFilters({ from: monthStart(), to: isoDay(new Date()) });
  const { params, query, key, setFilter } = filters;
  const granularity = params.get('granularity') === 'week' ? 'week' : 'month';

  const data = useLoad(
    async (signal) => {
      const get = <T,>(name: string, extra: Record<string, string> = {}) => api<T>(`/reports/${name}`, { query: { ...query, ...extra }, signal });
      const [dashboard, funnel, stages, sellers, trends] = await Promise.all([
        get<DashboardReport>('dashboard'),
        get<FunnelReport>('funnel'),
        get<StageDistributionReport>('stage-distribution'),
        get<SellersReport>('sellers'),
        get<TrendsReport>('trends', { granularity }),
      ]);
      return { dashboard, funnel, stages, sellers, trends };
    },
    [key, granularity],
  );
  useEffect(() => {
    if (data.data) markUsable('dashboard');
  }, [data.data]);

  const report = data.data;
  const kpi = report?.dashboard;
  const potential = kpi?.potentialValue.find((money) => money.currency === 'COP') ?? kpi?.potentialValue[0];
  const weighted = kpi?.weightedValue.find((money) => money.currency === 'COP') ?? kpi?.weightedValue[0];
  const conversion = kpi?.conversionRate.opportunities;
  const stageName = (name: string | null) => name ?? t('dash.unnamedStage');
  const empty = <p className="empty">{t('dash.noData')}</p>;
  const exportQuery = (name: string) => (name === 'trends' ? { ...query, granularity } : query);

  return (
    <section className="page" aria-labelledby="dash-title">
      <div className="row between wrap">
        <h1 id="dash-title">{t('dash.title')}</h1>
        <div className="quick-actions" role="group" aria-label={t('dash.quick')}>
          <Link className="btn btn-primary" to="/clientes/nuevo">
            {t('dash.newContact')}
          </Link>
          <Link className="btn" to="/crm?nueva=1">
            {t('dash.newOpportunity')}
          </Link>
          <Link className="btn" to="/tickets?nuevo=1">
            {t('dash.newTicket')}
          </Link>
          <button type="button" className="btn" onClick={() => void download('/contacts/export', { format: 'xlsx' }, 'contactos.xlsx')}>
            {t('dash.export')}
          </button>
        </div>
      </div>
      <ReportFilters filters={filters} />
      <ErrorNotice error={data.error} onRetry={data.reload} />
      <div className="kpis" aria-live="polite">
        <Kpi
          label={t('dash.kpi.contacts')}
          value={kpi ? formatNumber(kpi.totalContacts) : '—'}
          testId="kpi-contacts"
          note={kpi && t('dash.kpi.contactsNote', { count: kpi.contactsCreatedLast30Days })}
        />
        <Kpi label={t('dash.kpi.openOpps')} value={kpi ? formatNumber(kpi.activeOpportunities) : '—'} testId="kpi-open" />
        <Kpi
          label={t('dash.kpi.pipelineValue')}
          value={kpi ? formatMoney(potential ?? { amount: '0', currency: 'COP' }) : '—'}
          testId="kpi-value"
          note={weighted && t('dash.kpi.weighted', { value: formatMoney(weighted) })}
        />
        <Kpi
          label={t('dash.kpi.conversion')}
          value={conversion ? (conversion.rate === null ? '—' : formatPercent(conversion.rate)) : '—'}
          testId="kpi-conversion"
          note={conversion && t('dash.kpi.conversionNote', { won: conversion.won, closed: conversion.closed })}
        />
      </div>
      {report && (
        <div className="grid-2">
          <ReportCard id="funnel" title={t('dash.funnel')} note={t('dash.funnelNote')} exportQuery={exportQuery('funnel')}>
            {report.funnel.byStage.length === 0 ? (
              empty
            ) : (
              <FunnelChart
                title={t('dash.funnel')}
                data={report.funnel.byStage.map((stage) => ({
                  label: stageName(stage.name),
                  value: stage.reached,
                  display: stage.conversionToNext === null ? String(stage.reached) : `${stage.reached} (→ ${formatPercent(stage.conversionToNext)})`,
                }))}
              />
            )}
          </ReportCard>
          <ReportCard id="stage-distribution" title={t('dash.stages')} note={t('dash.stagesNote', { count: report.stages.total })} exportQuery={exportQuery('stage-distribution')}>
            {report.stages.stages.length === 0 ? (
              empty
            ) : (
              <DonutChart
                title={t('dash.stages')}
                data={report.stages.stages.map((stage) => ({ label: stageName(stage.name), value: stage.count, display: `${stage.count} · ${formatCompactAmount(amountIn(stage.value))}` }))}
              />
            )}
          </ReportCard>
          <ReportCard id="sellers" title={t('dash.sellers')} note={t('dash.sellersNote')} exportQuery={exportQuery('sellers')}>
            {report.sellers.sellers.length === 0 ? (
              empty
            ) : (
              <>
                <BarChart
                  title={t('dash.sellers')}
                  data={report.sellers.sellers.map((seller) => ({
                    label: seller.name ?? '—',
                    value: amountIn(seller.wonValue, report.sellers.rankedBy.currency),
                    display: formatCompactAmount(amountIn(seller.wonValue)),
                  }))}
                />
                <div className="table-wrap">
                  <table className="table small" data-testid="sellers-table">
                    <caption className="sr-only">{t('dash.sellers')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">#</th>
                        <th scope="col">{t('dash.owner')}</th>
                        <th scope="col" className="num">
                          {t('dash.won')}
                        </th>
                        <th scope="col" className="num">
                          {t('dash.lost')}
                        </th>
                        <th scope="col" className="num">
                          {t('dash.winRate')}
                        </th>
                        <th scope="col" className="num">
                          {t('dash.wonValue')}
                        </th>
                        <th scope="col" className="num">
                          {t('dash.activitiesDone')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {report.sellers.sellers.map((seller) => (
                        <tr key={seller.ownerId}>
                          <td>{seller.rank}</td>
                          <th scope="row">{seller.name ?? '—'}</th>
                          <td className="num">{seller.won}</td>
                          <td className="num">{seller.lost}</td>
                          <td className="num">{seller.winRate === null ? '—' : formatPercent(seller.winRate)}</td>
                          <td className="num">{formatAmount(amountIn(seller.wonValue, report.sellers.rankedBy.currency), report.sellers.rankedBy.currency)}</td>
                          <td className="num">{seller.activitiesDone}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            )}
          </ReportCard>
          <ReportCard
            id="trends"
            title={t('dash.trends')}
            exportQuery={exportQuery('trends')}
            extra={
              <label className="inline">
                {t('dash.granularity')}{' '}
                <select value={granularity} onChange={(event) => setFilter('granularity', event.target.value === 'week' ? 'week' : '')}>
                  <option value="month">{t('dash.byMonth')}</option>
                  <option value="week">{t('dash.byWeek')}</option>
                </select>
              </label>
            }
          >
            {report.trends.series.length === 0 ? (
              empty
            ) : (
              <LineChart
                title={t('dash.trends')}
                labels={report.trends.series.map((bucket) => (granularity === 'month' ? bucket.period.slice(0, 7) : bucket.period))}
                series={[
                  { name: t('dash.created'), values: report.trends.series.map((bucket) => bucket.created) },
                  { name: t('dash.won'), values: report.trends.series.map((bucket) => bucket.won) },
                  { name: t('dash.lost'), values: report.trends.series.map((bucket) => bucket.lost) },
                ]}
              />
            )}
          </ReportCard>
        </div>
      )}
    </section>
  );
}

/** A report's card: title, chart, and its CSV/XLSX export with the dashboard's filters. */
function ReportCard({
  id,
  title,
  note,
  exportQuery,
  extra,
  children,
}: {
  id: string;
  title: string;
  note?: string;
  exportQuery: Record<string, string>;
  extra?: ReactNode;
  children: ReactNode;
}) {
  const t = useT();
  const [error, setError] = useState<unknown>(null);
  const save = (format: 'csv' | 'xlsx') => {
    setError(null);
    download(`/reports/${id}/export`, { ...exportQuery, format }, `${id}.${format}`).catch(setError);
  };
  return (
    <article className="card" aria-labelledby={`chart-${id}`} data-testid={`report-${id}`}>
      <div className="row between wrap">
        <h2 id={`chart-${id}`}>{title}</h2>
        <div className="row wrap" role="group" aria-label={t('dash.exportReport', { name: title })}>
          {extra}
          <button type="button" className="btn btn-small" onClick={() => save('csv')} aria-label={t('dash.exportAs', { name: title, format: 'CSV' })}>
            CSV
          </button>
          <button type="button" className="btn btn-small" onClick={() => save('xlsx')} aria-label={t('dash.exportAs', { name: title, format: 'XLSX' })}>
            XLSX
          </button>
        </div>
      </div>
      <ErrorNotice error={error} />
      {children}
      {note && <p className="muted small">{note}</p>}
    </article>
  );
}

function Kpi({ label, value, testId, note }: { label: string; value: string; testId: string; note?: string }) {
  return (
    <div className="kpi card" data-testid={testId}>
      <span className="kpi-label">{label}</span>
      <strong className="kpi-value">{value}</strong>
      {note && <small className="muted">{note}</small>}
    </div>
  );
}

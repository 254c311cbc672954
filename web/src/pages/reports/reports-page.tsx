import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, download } from '../../api/client';
import { ErrorNotice, Loading, useLoad } from '../../components/ui';
import { markUsable } from '../../components/usable-mark';
import { isoDay } from '../../i18n/format';
import type { MessageKey } from '../../i18n/messages';
import { useT } from '../../i18n/use-t';
import { ReportFilters, useReportFilters } from '../report-filters';
import type { ActivitiesReport, CustomersValueReport, ForecastReport, SalesCycleReport, SourcesReport, TicketsReport } from '../report-types';
import { ActivitiesView, CustomersValueView, ForecastView, SalesCycleView, SourcesView, TicketsView } from './report-views';

/** Each report of the reporting API the dashboard does not draw: its URL slug, API path and export name. */
const REPORTS = [
  { slug: 'ciclo-de-ventas', path: '/reports/sales-cycle', exportName: 'sales-cycle', label: 'reports.tab.cycle' },
  { slug: 'fuentes', path: '/reports/sources', exportName: 'sources', label: 'reports.tab.sources' },
  { slug: 'valor-del-cliente', path: '/reports/customers/value', exportName: 'customers-value', label: 'reports.tab.customers' },
  { slug: 'pronostico', path: '/reports/forecast', exportName: 'forecast', label: 'reports.tab.forecast' },
  { slug: 'pqr', path: '/reports/tickets', exportName: 'tickets', label: 'reports.tab.tickets' },
  { slug: 'actividades', path: '/reports/activities', exportName: 'activities', label: 'reports.tab.activities' },
] as const satisfies ReadonlyArray<{ slug: string; path: string; exportName: string; label: MessageKey }>;

type Slug = (typeof REPORTS)[number]['slug'];

type Loaded =
  | { slug: 'ciclo-de-ventas'; report: SalesCycleReport }
  | { slug: 'fuentes'; report: SourcesReport }
  | { slug: 'valor-del-cliente'; report: CustomersValueReport }
  | { slug: 'pronostico'; report: ForecastReport }
  | { slug: 'pqr'; report: TicketsReport }
  | { slug: 'actividades'; report: ActivitiesReport };

/** The forecast looks ahead: by default this month and the next two (the others: the API's default, month start to today). */
function defaultPeriod(slug: Slug): { from: string; to: string } {
  const today = isoDay(new Date());
  const from = `${today.slice(0, 8)}01`;
  if (slug !== 'pronostico') return { from, to: today };
  const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const end = new Date(Date.UTC(year, month + 2, 0));
  return { from, to: end.toISOString().slice(0, 10) };
}

/**
 * Reportes: the reporting API's other reports (sales cycle, sources and CAC, customer value,
 * forecast, PQR, activities), one tab each, drawn with the console's SVG charts plus a table with
 * the same numbers. Period, team and owner in the URL (kept across tabs); CSV/XLSX export with
 * the same filters (`/reports/{name}/export`); the API's message with "Reintentar" on failure.
 */
export default function ReportsPage() {
  const t = useT();
  const { report: slugParam } = useParams();
  const current = REPORTS.find((item) => item.slug === slugParam) ?? REPORTS[0];
  const filters = useReportFilters(defaultPeriod(current.slug));
  const { params, query, key } = filters;

  const data = useLoad(async (signal) => ({ slug: current.slug, report: await api<unknown>(current.path, { query, signal }) }) as Loaded, [current.slug, key]);
  const categories = useLoad(
    (signal) =>
      current.slug === 'pqr'
        ? api<{ items: Array<{ id: string; name: string }> }>('/ticket-categories', { query: { limit: 100 }, signal }).catch(() => ({ items: [] }))
        : Promise.resolve({ items: [] }),
    [current.slug],
  );
  // Reporting learns a stage's name from stage changes only: the first stage of a pipeline may come without one, so the pipelines name it.
  const stageNames = useLoad(
    (signal) =>
      current.slug === 'ciclo-de-ventas'
        ? api<{ items: Array<{ stages?: Array<{ id: string; name: string }> }> }>('/pipelines', { signal })
            .then((answer) => new Map(answer.items.flatMap((pipeline) => (pipeline.stages ?? []).map((stage): [string, string] => [stage.id, stage.name]))))
            .catch(() => new Map<string, string>())
        : Promise.resolve(new Map<string, string>()),
    [current.slug],
  );
  const [exportError, setExportError] = useState<unknown>(null);

  const save = (format: 'csv' | 'xlsx') => {
    setExportError(null);
    download(`/reports/${current.exportName}/export`, { ...query, format }, `${current.exportName}.${format}`).catch(setExportError);
  };
  useEffect(() => {
    if (data.data) markUsable('reports');
  }, [data.data]);

  const title = t(current.label);
  const loaded = data.data?.slug === current.slug ? data.data : null;
  const search = params.toString();

  return (
    <section className="page page-wide" aria-labelledby="reports-title">
      <h1 id="reports-title">{t('reports.title')}</h1>
      <nav aria-label={t('reports.tabs')}>
        <ul className="report-tabs">
          {REPORTS.map((item) => (
            <li key={item.slug}>
              <Link
                to={{ pathname: `/reportes/${item.slug}`, search: search ? `?${search}` : '' }}
                className={item.slug === current.slug ? 'btn btn-primary' : 'btn'}
                aria-current={item.slug === current.slug ? 'page' : undefined}
              >
                {t(item.label)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <ReportFilters filters={filters} />
      <div className="row between wrap">
        <h2 id="report-title">{title}</h2>
        <div className="row wrap" role="group" aria-label={t('dash.exportReport', { name: title })}>
          <button type="button" className="btn btn-small" onClick={() => save('csv')} aria-label={t('dash.exportAs', { name: title, format: 'CSV' })}>
            CSV
          </button>
          <button type="button" className="btn btn-small" onClick={() => save('xlsx')} aria-label={t('dash.exportAs', { name: title, format: 'XLSX' })}>
            XLSX
          </button>
        </div>
      </div>
      <p className="muted small">{t(`${current.label}.note` as MessageKey)}</p>
      <ErrorNotice error={exportError} />
      <ErrorNotice error={data.error} onRetry={data.reload} />
      {!loaded && !data.error && <Loading />}
      <div aria-live="polite" aria-labelledby="report-title" data-testid={`report-${current.slug}`} hidden={Boolean(data.error)}>
        {loaded?.slug === 'ciclo-de-ventas' && <SalesCycleView report={loaded.report} stageNames={stageNames.data ?? new Map<string, string>()} />}
        {loaded?.slug === 'fuentes' && <SourcesView report={loaded.report} />}
        {loaded?.slug === 'valor-del-cliente' && <CustomersValueView report={loaded.report} />}
        {loaded?.slug === 'pronostico' && <ForecastView report={loaded.report} />}
        {loaded?.slug === 'pqr' && <TicketsView report={loaded.report} categories={new Map((categories.data?.items ?? []).map((item) => [item.id, item.name]))} />}
        {loaded?.slug === 'actividades' && <ActivitiesView report={loaded.report} />}
      </div>
    </section>
  );
}

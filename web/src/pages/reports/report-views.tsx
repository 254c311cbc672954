import type { ReactNode } from 'react';
import { BarChart, DonutChart, GroupedBarChart } from '../../components/charts/charts';
import { formatCompactAmount, formatMoney, formatNumber } from '../../i18n/format';
import { labelFor, useT } from '../../i18n/use-t';
import type { MessageKey } from '../../i18n/messages';
import {
  amountIn,
  type ActivitiesReport,
  type CustomersValueReport,
  type ForecastReport,
  type LegalOutcome,
  type SalesCycleReport,
  type SourcesReport,
  type TicketsReport,
} from '../report-types';
import { moneyList, numberText, ratioText, ReportTable } from './report-table';

function Kpi({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="kpi card" data-testid={testId}>
      <span className="kpi-label">{label}</span>
      <strong className="kpi-value">{value}</strong>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <article className="card">
      <h2>{title}</h2>
      {children}
    </article>
  );
}

function NoData() {
  const t = useT();
  return <p className="empty">{t('dash.noData')}</p>;
}

/** Ciclo de ventas: deals closed in the period (days from creation to close) and time in each stage. */
export function SalesCycleView({ report, stageNames }: { report: SalesCycleReport; stageNames: Map<string, string> }) {
  const t = useT();
  const stage = (row: { stageId: string; name: string | null }) => row.name ?? stageNames.get(row.stageId) ?? t('dash.unnamedStage');
  return (
    <>
      <div className="kpis">
        <Kpi label={t('dash.won')} value={formatNumber(report.won)} testId="kpi-won" />
        <Kpi label={t('dash.lost')} value={formatNumber(report.lost)} testId="kpi-lost" />
        <Kpi label={t('dash.winRate')} value={ratioText(report.winRate)} testId="kpi-win-rate" />
        <Kpi label={t('reports.avgDaysToWin')} value={numberText(report.averageDaysToWin)} testId="kpi-days-to-win" />
      </div>
      <div className="grid-2">
        <Section title={t('reports.cycle.closed')}>
          <ReportTable
            testId="table-sales-cycle"
            caption={t('reports.cycle.closed')}
            headers={[t('reports.concept'), t('reports.count'), t('reports.avgDays'), t('reports.medianDays')]}
            rows={[
              [t('dash.won'), report.won, numberText(report.averageDaysToWin), numberText(report.medianDaysToWin)],
              [t('dash.lost'), report.lost, numberText(report.averageDaysToLose), numberText(report.medianDaysToLose)],
            ]}
          />
        </Section>
        <Section title={t('reports.cycle.timeInStage')}>
          {report.timeInStage.length === 0 ? (
            <NoData />
          ) : (
            <>
              <BarChart
                title={t('reports.cycle.timeInStage')}
                data={report.timeInStage.map((row) => ({ label: stage(row), value: row.averageDays ?? 0, display: t('reports.days', { n: numberText(row.averageDays) }) }))}
              />
              <ReportTable
                testId="table-time-in-stage"
                caption={t('reports.cycle.timeInStage')}
                headers={[t('reports.stage'), t('reports.exits'), t('reports.avgDays'), t('reports.medianDays')]}
                rows={report.timeInStage.map((row) => [stage(row), row.exits, numberText(row.averageDays), numberText(row.medianDays)])}
              />
            </>
          )}
          <p className="muted small">{t('reports.cycle.note')}</p>
        </Section>
      </div>
    </>
  );
}

/** Fuentes y CAC: leads, customers acquired, won value, cost and CAC per source. */
export function SourcesView({ report }: { report: SourcesReport }) {
  const t = useT();
  if (report.sources.length === 0) return <NoData />;
  const name = (row: SourcesReport['sources'][number]) => row.name ?? row.sourceId;
  return (
    <div className="stack">
      <Section title={t('reports.sources.leads')}>
        <BarChart title={t('reports.sources.leads')} data={report.sources.map((row) => ({ label: name(row), value: row.leads, display: `${row.leads} · ${row.customers}` }))} />
        <p className="muted small">{t('reports.sources.chartNote')}</p>
      </Section>
      <Section title={t('reports.tab.sources')}>
        <ReportTable
          testId="table-sources"
          caption={t('reports.tab.sources')}
          headers={[t('reports.source'), t('reports.channel'), t('reports.leads'), t('reports.customers'), t('dash.won'), t('dash.wonValue'), t('reports.cost'), 'CAC']}
          rows={report.sources.map((row) => [
            name(row),
            row.channel ? labelFor(t, 'reports.sourceChannel.', row.channel) : '—',
            row.leads,
            row.customers,
            row.won,
            moneyList(row.wonValue),
            moneyList(row.cost),
            moneyList(row.cac),
          ])}
        />
        <p className="muted small">{t('reports.sources.note')}</p>
      </Section>
    </div>
  );
}

/** Valor del cliente: CLTV per customer from the ERP's invoices. */
export function CustomersValueView({ report }: { report: CustomersValueReport }) {
  const t = useT();
  if (report.customers.length === 0) return <NoData />;
  const name = (row: CustomersValueReport['customers'][number]) => row.name ?? row.contactId;
  const top = report.customers.filter((row) => row.currency === 'COP').slice(0, 10);
  return (
    <div className="stack">
      {top.length > 0 && (
        <Section title={t('reports.customers.top')}>
          <BarChart
            title={t('reports.customers.top')}
            data={top.map((row) => ({ label: name(row), value: Number(row.projectedCltv.amount), display: formatCompactAmount(Number(row.projectedCltv.amount), row.currency) }))}
          />
        </Section>
      )}
      <Section title={t('reports.tab.customers')}>
        <ReportTable
          testId="table-customers-value"
          caption={t('reports.tab.customers')}
          headers={[
            t('reports.customer'),
            t('reports.invoices'),
            t('reports.revenue'),
            t('reports.paid'),
            t('reports.averageOrder'),
            t('reports.monthsActive'),
            t('reports.frequency'),
            t('reports.cltv'),
          ]}
          rows={report.customers.map((row) => [
            name(row),
            row.invoices,
            formatMoney(row.revenueToDate),
            formatMoney(row.paidToDate),
            formatMoney(row.averageOrder),
            row.monthsActive,
            numberText(row.purchaseFrequencyPerMonth, 4),
            formatMoney(row.projectedCltv),
          ])}
        />
        <p className="muted small">{t('reports.customers.note', { months: report.horizonMonths })}</p>
      </Section>
    </div>
  );
}

/** Pronóstico: open deals by expected close month, value and value weighted by probability. */
export function ForecastView({ report }: { report: ForecastReport }) {
  const t = useT();
  if (report.months.length === 0) return <NoData />;
  return (
    <div className="stack">
      <Section title={t('reports.forecast.chart')}>
        <GroupedBarChart
          title={t('reports.forecast.chart')}
          labels={report.months.map((row) => row.month)}
          series={[
            { name: t('reports.value'), values: report.months.map((row) => amountIn(row.value)) },
            { name: t('reports.weighted'), values: report.months.map((row) => amountIn(row.weightedValue)) },
          ]}
          format={(value) => formatCompactAmount(value)}
        />
        <p className="muted small">{t('reports.forecast.chartNote')}</p>
      </Section>
      <Section title={t('reports.tab.forecast')}>
        <ReportTable
          testId="table-forecast"
          caption={t('reports.tab.forecast')}
          headers={[t('reports.month'), t('reports.count'), t('reports.value'), t('reports.weighted')]}
          rows={report.months.map((row) => [row.month, row.count, moneyList(row.value), moneyList(row.weightedValue)])}
        />
      </Section>
    </div>
  );
}

const LEGAL: LegalOutcome[] = ['on_time', 'extended', 'late', 'overdue', 'pending'];
const words = (key: string | null) => (key === null ? '—' : key.replace(/_/g, ' ').replace(/^./, (letter) => letter.toUpperCase()));

/** PQR: volume, business-minute times, SLA and legal compliance, CSAT. */
export function TicketsView({ report, categories }: { report: TicketsReport; categories: Map<string, string> }) {
  const t = useT();
  const count = (rows: TicketsReport['byClass'], label: (key: string | null) => string) => rows.map((row) => [label(row.key), row.count]);
  const legalLabel = (key: LegalOutcome) => t(`reports.legal.${key}` as MessageKey);
  return (
    <>
      <div className="kpis">
        <Kpi label={t('reports.tickets.total')} value={formatNumber(report.total)} testId="kpi-tickets-total" />
        <Kpi label={t('reports.tickets.closed')} value={formatNumber(report.closed)} testId="kpi-tickets-closed" />
        <Kpi label={t('reports.tickets.sla')} value={ratioText(report.slaCompliance.rate)} testId="kpi-sla" />
        <Kpi label={t('reports.tickets.legal')} value={ratioText(report.legalCompliance.rate)} testId="kpi-legal" />
        <Kpi label={t('reports.tickets.csat')} value={numberText(report.csat.average)} testId="kpi-csat" />
      </div>
      <div className="grid-2">
        <Section title={t('reports.tickets.byClass')}>
          {report.total === 0 ? <NoData /> : <DonutChart title={t('reports.tickets.byClass')} data={report.byClass.map((row) => ({ label: words(row.key), value: row.count }))} />}
          <ReportTable testId="table-tickets-class" caption={t('reports.tickets.byClass')} headers={[t('tickets.class'), t('reports.count')]} rows={count(report.byClass, words)} />
        </Section>
        <Section title={t('reports.tickets.legalTitle')}>
          <BarChart title={t('reports.tickets.legalTitle')} data={LEGAL.map((key) => ({ label: legalLabel(key), value: report.legalCompliance[key] }))} />
          <ReportTable
            testId="table-tickets-legal"
            caption={t('reports.tickets.legalTitle')}
            headers={[t('reports.outcome'), t('reports.count')]}
            rows={[...LEGAL.map((key) => [legalLabel(key), report.legalCompliance[key]]), [t('reports.tickets.legal'), ratioText(report.legalCompliance.rate)]]}
          />
        </Section>
        <Section title={t('reports.tickets.times')}>
          <ReportTable
            testId="table-tickets-times"
            caption={t('reports.tickets.times')}
            headers={[t('reports.concept'), t('reports.count'), t('reports.average'), t('reports.median')]}
            rows={[
              [
                t('reports.tickets.firstResponse'),
                report.firstResponseBusinessMinutes.answered,
                numberText(report.firstResponseBusinessMinutes.average),
                numberText(report.firstResponseBusinessMinutes.median),
              ],
              [
                t('reports.tickets.resolution'),
                report.resolutionBusinessMinutes.resolved,
                numberText(report.resolutionBusinessMinutes.average),
                numberText(report.resolutionBusinessMinutes.median),
              ],
              [t('reports.tickets.slaMet'), report.slaCompliance.met, ratioText(report.slaCompliance.rate), '—'],
            ]}
          />
          <p className="muted small">{t('reports.tickets.timesNote')}</p>
        </Section>
        <Section title={t('reports.tickets.breakdown')}>
          <ReportTable
            testId="table-tickets-breakdown"
            caption={t('reports.tickets.breakdown')}
            headers={[t('reports.dimension'), t('reports.count')]}
            rows={[
              ...count(report.byChannel, (key) => `${t('tickets.channel')}: ${words(key)}`),
              ...count(report.byPriority, (key) => `${t('tickets.priority')}: ${words(key)}`),
              ...count(report.byCategory, (key) => `${t('pqr.category')}: ${key === null ? '—' : (categories.get(key) ?? key)}`),
              ...(['1', '2', '3', '4', '5'] as const).map((stars) => [t('reports.tickets.stars', { n: stars }), report.csat.distribution[stars]]),
            ]}
          />
        </Section>
      </div>
    </>
  );
}

/** Actividades: per seller and type, created and done in the period. */
export function ActivitiesView({ report }: { report: ActivitiesReport }) {
  const t = useT();
  if (report.rows.length === 0) return <NoData />;
  const typeLabel = (type: string) => labelFor(t, 'agenda.type.', type);
  const perSeller = new Map<string, { name: string; created: number; done: number }>();
  for (const row of report.rows) {
    const seller = perSeller.get(row.userId) ?? { name: row.name ?? row.userId, created: 0, done: 0 };
    seller.created += row.created;
    seller.done += row.done;
    perSeller.set(row.userId, seller);
  }
  const sellers = [...perSeller.values()];
  return (
    <div className="stack">
      <Section title={t('reports.activities.chart')}>
        <GroupedBarChart
          title={t('reports.activities.chart')}
          labels={sellers.map((seller) => seller.name)}
          series={[
            { name: t('reports.created'), values: sellers.map((seller) => seller.created) },
            { name: t('reports.done'), values: sellers.map((seller) => seller.done) },
          ]}
        />
      </Section>
      <Section title={t('reports.tab.activities')}>
        <ReportTable
          testId="table-activities"
          caption={t('reports.tab.activities')}
          headers={[t('dash.owner'), t('agenda.type'), t('reports.created'), t('reports.done')]}
          rows={report.rows.map((row) => [row.name ?? row.userId, typeLabel(row.type), row.created, row.done])}
        />
      </Section>
    </div>
  );
}

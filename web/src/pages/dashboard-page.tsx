import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, download } from '../api/client';
import { ApiError } from '../api/problem';
import { BarChart, DonutChart, FunnelChart, LineChart } from '../components/charts/charts';
import { ErrorNotice, useLoad } from '../components/ui';
import { markUsable } from '../components/usable-mark';
import { formatCompactAmount, formatMoney, formatNumber, formatPercent, isoDay } from '../i18n/format';
import { useT } from '../i18n/use-t';
import type { Board } from './board-model';
import { labelOf, listOf, moneyOf, pick, toData } from './report-shapes';

/** A report that is not there yet (404/501) is an empty state, not an error. */
async function report(name: string, query: Record<string, string>, signal: AbortSignal): Promise<unknown> {
  try {
    return await api(`/reports/${name}`, { query, signal });
  } catch (error) {
    if (error instanceof ApiError && [404, 501, 502, 503].includes(error.status)) return null;
    throw error;
  }
}

interface BoardSummary {
  stages: Array<{ name: string; count: number; value: number; kind: string }>;
  openCount: number;
  openValue: number;
  /** Won ÷ (won + lost) of the opportunities on the board. */
  winRate?: number;
}

/**
 * Until the reporting API answers (issue #10), the funnel, the stage distribution and the open
 * KPIs come from the default pipeline's board: today's snapshot, labelled as such.
 */
async function boardSummary(signal: AbortSignal): Promise<BoardSummary | null> {
  const pipelines = await api<{ items: Array<{ id: string; isDefault: boolean }> }>('/pipelines', { signal }).catch(() => null);
  const pipeline = pipelines?.items.find((item) => item.isDefault) ?? pipelines?.items[0];
  if (!pipeline) return null;
  const board = await api<Board>('/opportunities/board', { query: { pipelineId: pipeline.id, limit: 1 }, signal }).catch(() => null);
  if (!board) return null;
  const cop = (column: Board['columns'][number]) => Number(column.totals.find((total) => total.currency === 'COP')?.value.amount ?? 0);
  const stages = board.columns.map((column) => ({ name: column.stage.name, count: column.count, value: cop(column), kind: column.stage.kind }));
  const open = stages.filter((stage) => stage.kind === 'open');
  const count = (kind: string) => stages.filter((stage) => stage.kind === kind).reduce((sum, stage) => sum + stage.count, 0);
  const closed = count('won') + count('lost');
  return {
    stages,
    openCount: open.reduce((sum, stage) => sum + stage.count, 0),
    openValue: open.reduce((sum, stage) => sum + stage.value, 0),
    winRate: closed > 0 ? count('won') / closed : undefined,
  };
}

function defaultFrom(): string {
  const date = new Date();
  date.setMonth(date.getMonth() - 3);
  return isoDay(date);
}

export default function DashboardPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? defaultFrom();
  const to = params.get('to') ?? isoDay(new Date());
  const teamId = params.get('teamId') ?? '';
  const ownerId = params.get('ownerId') ?? '';
  const query: Record<string, string> = { from, to, ...(teamId ? { teamId } : {}), ...(ownerId ? { ownerId } : {}) };
  const key = JSON.stringify(query);

  const data = useLoad(
    async (signal) => {
      const [dashboard, funnel, stages, sellers, trends] = await Promise.all(['dashboard', 'funnel', 'stage-distribution', 'sellers', 'trends'].map((name) => report(name, query, signal)));
      const board = funnel === null || stages === null ? await boardSummary(signal) : null;
      return { dashboard: dashboard as Record<string, unknown> | null, funnel, stages, sellers, trends, board };
    },
    [key],
  );
  const teams = useLoad((signal) => api<{ items: Array<{ id: string; name: string }> }>('/teams', { query: { limit: 100 }, signal }).catch(() => ({ items: [] })), []);
  const users = useLoad((signal) => api<{ items: Array<{ id: string; name: string }> }>('/users', { query: { limit: 200 }, signal }).catch(() => ({ items: [] })), []);

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  useEffect(() => {
    if (data.data) markUsable('dashboard');
  }, [data.data]);

  const dashboard = data.data?.dashboard ?? undefined;
  const kpi = dashboard ?? {};
  const totalContacts = pick(kpi, 'totalContacts', 'contacts');
  const board = data.data?.board ?? null;
  const openOpps = pick(kpi, 'activeOpportunities', 'openOpportunities', 'opportunitiesOpen') ?? board?.openCount;
  const potential = moneyOf(kpi, 'potentialValue', 'pipelineValue', 'openValue') ?? (board ? { amount: String(board.openValue), currency: 'COP' } : undefined);
  const conversionRaw = pick(kpi, 'conversionRate', 'winRate', 'conversion') ?? board?.winRate;
  const conversion = conversionRaw === undefined ? undefined : conversionRaw > 1 ? conversionRaw / 100 : conversionRaw;

  const boardRows = (board?.stages ?? []).map((stage) => ({ name: stage.name, count: stage.count, value: stage.value }));
  const funnelAnswer = data.data?.funnel ?? (board ? { stages: boardRows.filter((row) => board.stages.find((stage) => stage.name === row.name)?.kind === 'open') } : null);
  const stagesAnswer = data.data?.stages ?? (board ? { stages: boardRows.filter((row) => row.count > 0) } : null);
  const funnelRows = listOf(funnelAnswer, 'stages', 'byStage');
  const stageRows = listOf(stagesAnswer, 'stages', 'distribution');
  const fromBoard = board && (data.data?.funnel === null || data.data?.stages === null) ? <p className="muted small">{t('dash.fromBoard')}</p> : null;
  const sellerRows = listOf(data.data?.sellers, 'sellers', 'ranking');
  const trendRows = listOf(data.data?.trends, 'series', 'periods', 'points');

  const unavailable = <p className="empty">{t('dash.unavailable')}</p>;
  const empty = <p className="empty">{t('dash.noData')}</p>;
  const section = (answer: unknown, rows: unknown[], chart: React.ReactNode) => (answer === null || answer === undefined ? unavailable : rows.length === 0 ? empty : chart);

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
      <form className="filters" aria-label={t('common.filter')} onSubmit={(event) => event.preventDefault()}>
        <label>
          {t('dash.from')}
          <input type="date" value={from} onChange={(event) => setFilter('from', event.target.value)} />
        </label>
        <label>
          {t('dash.to')}
          <input type="date" value={to} onChange={(event) => setFilter('to', event.target.value)} />
        </label>
        <label>
          {t('dash.team')}
          <select value={teamId} onChange={(event) => setFilter('teamId', event.target.value)}>
            <option value="">{t('common.all')}</option>
            {(teams.data?.items ?? []).map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('dash.owner')}
          <select value={ownerId} onChange={(event) => setFilter('ownerId', event.target.value)}>
            <option value="">{t('common.all')}</option>
            {(users.data?.items ?? []).map((user) => (
              <option key={user.id} value={user.id}>
                {user.name}
              </option>
            ))}
          </select>
        </label>
      </form>
      <ErrorNotice error={data.error} onRetry={data.reload} />
      <div className="kpis" aria-live="polite">
        <Kpi label={t('dash.kpi.contacts')} value={totalContacts === undefined ? '—' : formatNumber(totalContacts)} testId="kpi-contacts" />
        <Kpi label={t('dash.kpi.openOpps')} value={openOpps === undefined ? '—' : formatNumber(openOpps)} testId="kpi-open" />
        <Kpi label={t('dash.kpi.pipelineValue')} value={potential ? formatMoney(potential) : '—'} testId="kpi-value" />
        <Kpi label={t('dash.kpi.conversion')} value={conversion === undefined ? '—' : formatPercent(conversion)} testId="kpi-conversion" />
      </div>
      <div className="grid-2">
        <article className="card" aria-labelledby="chart-funnel">
          <h2 id="chart-funnel">{t('dash.funnel')}</h2>
          {section(funnelAnswer, funnelRows, <FunnelChart title={t('dash.funnel')} data={toData(funnelRows, ['count', 'opportunities', 'entered', 'total'])} />)}
          {data.data?.funnel === null && fromBoard}
        </article>
        <article className="card" aria-labelledby="chart-stages">
          <h2 id="chart-stages">{t('dash.stages')}</h2>
          {section(stagesAnswer, stageRows, <DonutChart title={t('dash.stages')} data={toData(stageRows, ['count', 'opportunities', 'total'])} />)}
          {data.data?.stages === null && fromBoard}
        </article>
        <article className="card" aria-labelledby="chart-sellers">
          <h2 id="chart-sellers">{t('dash.sellers')}</h2>
          {section(
            data.data?.sellers,
            sellerRows,
            <BarChart title={t('dash.sellers')} data={toData(sellerRows, ['wonValue', 'wonAmount', 'value', 'won', 'count'], (value) => formatCompactAmount(value))} />,
          )}
        </article>
        <article className="card" aria-labelledby="chart-trends">
          <h2 id="chart-trends">{t('dash.trends')}</h2>
          {section(
            data.data?.trends,
            trendRows,
            <LineChart
              title={t('dash.trends')}
              labels={trendRows.map((row) => labelOf(row))}
              series={[
                { name: t('dash.created'), values: trendRows.map((row) => pick(row, 'created', 'createdCount') ?? 0) },
                { name: t('dash.won'), values: trendRows.map((row) => pick(row, 'won', 'wonCount') ?? 0) },
                { name: t('dash.lost'), values: trendRows.map((row) => pick(row, 'lost', 'lostCount') ?? 0) },
              ]}
            />,
          )}
        </article>
      </div>
    </section>
  );
}

function Kpi({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="kpi card" data-testid={testId}>
      <span className="kpi-label">{label}</span>
      <strong className="kpi-value">{value}</strong>
    </div>
  );
}

import { useSearchParams } from 'react-router';
import { api } from '../api/client';
import { useLoad } from '../components/ui';
import { useT } from '../i18n/use-t';

type Named = { items: Array<{ id: string; name: string }> };

/** The reports' filters as the URL keeps them: period (defaults per page), team and owner. */
export function useReportFilters(defaults: { from: string; to: string }) {
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? defaults.from;
  const to = params.get('to') ?? defaults.to;
  const teamId = params.get('teamId') ?? '';
  const ownerId = params.get('ownerId') ?? '';
  const query: Record<string, string> = { from, to, ...(teamId ? { teamId } : {}), ...(ownerId ? { ownerId } : {}) };
  /** Sets (or, empty, removes) one search parameter, replacing the history entry. */
  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  return { params, from, to, teamId, ownerId, query, key: JSON.stringify(query), setFilter };
}

/** Period, team and owner selectors of the dashboard and the Reportes tabs. */
export function ReportFilters({ filters }: { filters: ReturnType<typeof useReportFilters> }) {
  const t = useT();
  const { from, to, teamId, ownerId, setFilter } = filters;
  const teams = useLoad((signal) => api<Named>('/teams', { query: { limit: 100 }, signal }).catch(() => ({ items: [] })), []);
  const users = useLoad((signal) => api<Named>('/users', { query: { limit: 200 }, signal }).catch(() => ({ items: [] })), []);
  return (
    <form className="filters" aria-label={t('common.filter')} onSubmit={(event) => event.preventDefault()}>
      <label>
        {t('dash.from')}
        <input type="date" value={from} max={to} onChange={(event) => setFilter('from', event.target.value)} />
      </label>
      <label>
        {t('dash.to')}
        <input type="date" value={to} min={from} onChange={(event) => setFilter('to', event.target.value)} />
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
  );
}

import { useSearchParams } from 'react-router';
import { api, call } from '../api/client';
import { Badge, Empty, ErrorNotice, Loading, useLoad } from '../components/ui';
import { formatDateTime, isoDay } from '../i18n/format';
import { useT } from '../i18n/use-t';
import { ActivityForm } from './activity-form';
import type { Activity } from './contact-types';

/** My activities for a day or a week (Bogotá time), and the overdue ones. */
export default function AgendaPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const view = params.get('vista') === 'dia' ? 'dia' : 'semana';
  const day = params.get('fecha') ?? isoDay(new Date());
  const start = new Date(`${day}T00:00:00-05:00`);
  if (view === 'semana') start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  const end = new Date(start.getTime() + (view === 'dia' ? 1 : 7) * 86_400_000);
  const agenda = useLoad(
    (signal) => api<{ items: Activity[] }>('/activities/agenda', { query: { from: start.toISOString(), to: end.toISOString() }, signal }),
    [start.toISOString(), end.toISOString()],
  );
  const overdue = useLoad((signal) => api<{ items: Activity[] }>('/activities/overdue', { signal }), []);

  const shift = (days: number) => {
    const next = new Date(`${day}T12:00:00Z`);
    next.setUTCDate(next.getUTCDate() + days);
    setParams({ vista: view, fecha: next.toISOString().slice(0, 10) });
  };

  async function complete(activity: Activity) {
    await call('post', '/api/v1/activities/{id}/complete', { params: { id: activity.id }, body: { version: activity.version } }).catch(() => undefined);
    agenda.reload();
    overdue.reload();
  }

  const list = (items: Activity[]) =>
    items.length === 0 ? (
      <Empty />
    ) : (
      <ul className="list">
        {items.map((activity) => (
          <li key={activity.id} className={activity.overdue ? 'overdue' : undefined}>
            <Badge tone={activity.overdue ? 'danger' : 'neutral'}>{t(`agenda.type.${activity.type}`)}</Badge> <strong>{activity.subject}</strong> · {formatDateTime(activity.dueAt)}
            {activity.status === 'pending' && (
              <button type="button" className="link" onClick={() => void complete(activity)}>
                {t('agenda.complete')}
              </button>
            )}
          </li>
        ))}
      </ul>
    );

  return (
    <section className="page" aria-labelledby="agenda-title">
      <h1 id="agenda-title">{t('agenda.title')}</h1>
      <div className="row wrap">
        <div role="group" aria-label={t('agenda.title')} className="segmented">
          <button type="button" className="btn" aria-pressed={view === 'dia'} onClick={() => setParams({ vista: 'dia', fecha: day })}>
            {t('agenda.day')}
          </button>
          <button type="button" className="btn" aria-pressed={view === 'semana'} onClick={() => setParams({ vista: 'semana', fecha: day })}>
            {t('agenda.week')}
          </button>
        </div>
        <button type="button" className="btn" onClick={() => shift(view === 'dia' ? -1 : -7)} aria-label={t('agenda.previous')}>
          ‹
        </button>
        <input type="date" aria-label={t('agenda.due')} value={day} onChange={(event) => setParams({ vista: view, fecha: event.target.value })} />
        <button type="button" className="btn" onClick={() => shift(view === 'dia' ? 1 : 7)} aria-label={t('agenda.next')}>
          ›
        </button>
      </div>
      <div className="card">
        <ActivityForm onSaved={agenda.reload} />
      </div>
      <div className="grid-2">
        <article className="card" aria-labelledby="agenda-list">
          <h2 id="agenda-list">{view === 'dia' ? t('agenda.day') : t('agenda.week')}</h2>
          <ErrorNotice error={agenda.error} />
          {agenda.loading && !agenda.data ? <Loading /> : list(agenda.data?.items ?? [])}
        </article>
        <article className="card" aria-labelledby="agenda-overdue">
          <h2 id="agenda-overdue">{t('agenda.overdue')}</h2>
          {list(overdue.data?.items ?? [])}
        </article>
      </div>
    </section>
  );
}

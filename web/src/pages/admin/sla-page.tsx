import { useState, type FormEvent } from 'react';
import { api, call } from '../../api/client';
import { ApiError } from '../../api/problem';
import { Badge, ErrorNotice, SelectField, TextField, Toast, useLoad, useToast } from '../../components/ui';
import { useT } from '../../i18n/use-t';
import { CalendarsPanel, type Calendar } from './calendars-panel';

interface SlaPolicy {
  id: string;
  name: string;
  priority: 'alta' | 'media' | 'baja';
  categoryId: string | null;
  calendarId: string | null;
  firstResponseMinutes: number;
  resolutionMinutes: number;
  warningPercent: number;
  raisePriorityOnBreach: boolean;
  active: boolean;
  version: number;
}

const hours = (minutes: number) => `${Math.round((minutes / 60) * 10) / 10} h`;

/** SLA policies (per priority and category, in business minutes of a calendar) and the business calendars. */
export default function SlaPage() {
  const t = useT();
  const [toast, showToast] = useToast();
  const policies = useLoad((signal) => api<{ items: SlaPolicy[] }>('/sla-policies', { signal }), []);
  const calendars = useLoad((signal) => api<{ items: Calendar[] }>('/business-calendars', { signal }), []);
  const categories = useLoad((signal) => api<{ items: Array<{ id: string; nameEs?: string; name?: string }> }>('/ticket-categories', { signal }).catch(() => ({ items: [] })), []);
  const [form, setForm] = useState({ name: '', priority: 'media', categoryId: '', calendarId: '', firstResponseMinutes: '240', resolutionMinutes: '1440', warningPercent: '80' });
  const [error, setError] = useState<ApiError | null>(null);
  const set = (field: keyof typeof form, value: string) => setForm((current) => ({ ...current, [field]: value }));
  const calendarName = (id: string | null) => (id ? (calendars.data?.items.find((calendar) => calendar.id === id)?.name ?? '—') : t('sla.defaultCalendar'));
  const categoryName = (id: string | null) => (id ? (categories.data?.items.find((category) => category.id === id)?.nameEs ?? '—') : t('sla.anyCategory'));

  async function create(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await call('post', '/api/v1/sla-policies', {
        body: {
          name: form.name,
          priority: form.priority as SlaPolicy['priority'],
          categoryId: form.categoryId || null,
          calendarId: form.calendarId || null,
          firstResponseMinutes: Number(form.firstResponseMinutes),
          resolutionMinutes: Number(form.resolutionMinutes),
          warningPercent: Number(form.warningPercent),
        } as never,
      });
      set('name', '');
      policies.reload();
      showToast(t('common.saved'));
    } catch (caught) {
      setError(caught as ApiError);
    }
  }

  async function setActive(policy: SlaPolicy, active: boolean) {
    setError(null);
    try {
      await call('patch', '/api/v1/sla-policies/{id}', { params: { id: policy.id }, body: { active, version: policy.version } as never });
      policies.reload();
    } catch (caught) {
      setError(caught as ApiError);
      policies.reload();
    }
  }

  return (
    <section className="page" aria-labelledby="sla-title">
      <Toast message={toast} />
      <h1 id="sla-title">{t('nav.sla')}</h1>
      {error && <ErrorNotice error={error} />}
      <article className="card table-wrap" aria-labelledby="sla-list">
        <h2 id="sla-list">{t('sla.policies')}</h2>
        {policies.error && <ErrorNotice error={policies.error} onRetry={policies.reload} />}
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('common.name')}</th>
              <th scope="col">{t('tickets.priority')}</th>
              <th scope="col">{t('sla.category')}</th>
              <th scope="col">{t('sla.calendar')}</th>
              <th scope="col" className="num">
                {t('sla.firstResponse')}
              </th>
              <th scope="col" className="num">
                {t('sla.resolution')}
              </th>
              <th scope="col" className="num">
                {t('sla.warning')}
              </th>
              <th scope="col">{t('sla.state')}</th>
            </tr>
          </thead>
          <tbody>
            {(policies.data?.items ?? []).map((policy) => (
              <tr key={policy.id}>
                <th scope="row">{policy.name}</th>
                <td>{policy.priority}</td>
                <td>{categoryName(policy.categoryId)}</td>
                <td>{calendarName(policy.calendarId)}</td>
                <td className="num">{hours(policy.firstResponseMinutes)}</td>
                <td className="num">{hours(policy.resolutionMinutes)}</td>
                <td className="num">{policy.warningPercent} %</td>
                <td>
                  <Badge tone={policy.active ? 'ok' : 'neutral'}>{policy.active ? t('sla.active') : t('admin.inactive')}</Badge>{' '}
                  <button type="button" className="link" onClick={() => void setActive(policy, !policy.active)}>
                    {policy.active ? t('sla.retire') : t('sla.activate')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </article>
      <form className="card form-grid" onSubmit={(event) => void create(event)} aria-labelledby="sla-new">
        <h2 id="sla-new">{t('sla.new')}</h2>
        <TextField label={t('common.name')} required value={form.name} onChange={(event) => set('name', event.target.value)} error={error?.fieldMessage('name')} />
        <SelectField
          label={t('tickets.priority')}
          value={form.priority}
          onChange={(event) => set('priority', event.target.value)}
          options={['alta', 'media', 'baja'].map((value) => ({ value, label: value }))}
          error={error?.fieldMessage('priority')}
        />
        <SelectField
          label={t('sla.category')}
          value={form.categoryId}
          onChange={(event) => set('categoryId', event.target.value)}
          options={[
            { value: '', label: t('sla.anyCategory') },
            ...(categories.data?.items ?? []).map((category) => ({ value: category.id, label: category.nameEs ?? category.name ?? category.id })),
          ]}
        />
        <SelectField
          label={t('sla.calendar')}
          value={form.calendarId}
          onChange={(event) => set('calendarId', event.target.value)}
          options={[{ value: '', label: t('sla.defaultCalendar') }, ...(calendars.data?.items ?? []).map((calendar) => ({ value: calendar.id, label: calendar.name }))]}
        />
        <TextField
          label={t('sla.firstResponseMinutes')}
          type="number"
          min={1}
          required
          value={form.firstResponseMinutes}
          onChange={(event) => set('firstResponseMinutes', event.target.value)}
          error={error?.fieldMessage('firstResponseMinutes')}
        />
        <TextField
          label={t('sla.resolutionMinutes')}
          type="number"
          min={1}
          required
          value={form.resolutionMinutes}
          onChange={(event) => set('resolutionMinutes', event.target.value)}
          error={error?.fieldMessage('resolutionMinutes')}
        />
        <TextField
          label={t('sla.warning')}
          type="number"
          min={1}
          max={99}
          value={form.warningPercent}
          onChange={(event) => set('warningPercent', event.target.value)}
          error={error?.fieldMessage('warningPercent')}
        />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary">
            {t('common.create')}
          </button>
        </div>
      </form>
      <CalendarsPanel calendars={calendars.data?.items ?? []} error={calendars.error} onChanged={calendars.reload} notify={showToast} />
    </section>
  );
}

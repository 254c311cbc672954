import { useRef, useState, type FormEvent } from 'react';
import { api, call } from '../../api/client';
import { ApiError } from '../../api/problem';
import { Badge, ErrorNotice, SelectField, TextField, Toast, useLoad, useToast } from '../../components/ui';
import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { CalendarsPanel, type Calendar } from './calendars-panel';
import { FormError } from './form-error';

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

const EMPTY_FORM = { name: '', priority: 'media', categoryId: '', calendarId: '', firstResponseMinutes: '240', resolutionMinutes: '1440', warningPercent: '80' };

const FORM_FIELDS = new Set(['name', 'priority', 'categoryId', 'calendarId', 'firstResponseMinutes', 'resolutionMinutes', 'warningPercent']);

/** Business minutes shown as hours, in the console's language (1,5 h in Spanish). */
const hours = (minutes: number) => `${formatNumber(minutes / 60, 1)} h`;

/** SLA policies (per priority and category, in business minutes of a calendar) and the business calendars. */
export default function SlaPage() {
  const t = useT();
  const [toast, showToast] = useToast();
  const policies = useLoad((signal) => api<{ items: SlaPolicy[] }>('/sla-policies', { signal }), []);
  const calendars = useLoad((signal) => api<{ items: Calendar[] }>('/business-calendars', { signal }), []);
  const categories = useLoad((signal) => api<{ items: Array<{ id: string; nameEs?: string; name?: string }> }>('/ticket-categories', { signal }).catch(() => ({ items: [] })), []);
  const [form, setForm] = useState(EMPTY_FORM);
  const [editing, setEditing] = useState<SlaPolicy | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [rowError, setRowError] = useState<ApiError | null>(null);
  const formTitle = useRef<HTMLHeadingElement>(null);
  const set = (field: keyof typeof form, value: string) => setForm((current) => ({ ...current, [field]: value }));

  /** Fills the form with a policy (or empties it for a new one); the form's heading takes the focus. */
  function edit(policy: SlaPolicy | null) {
    setEditing(policy);
    setError(null);
    setForm(
      policy
        ? {
            name: policy.name,
            priority: policy.priority,
            categoryId: policy.categoryId ?? '',
            calendarId: policy.calendarId ?? '',
            firstResponseMinutes: String(policy.firstResponseMinutes),
            resolutionMinutes: String(policy.resolutionMinutes),
            warningPercent: String(policy.warningPercent),
          }
        : EMPTY_FORM,
    );
    if (policy) requestAnimationFrame(() => formTitle.current?.focus());
  }
  const calendarName = (id: string | null) => (id ? (calendars.data?.items.find((calendar) => calendar.id === id)?.name ?? '—') : t('sla.defaultCalendar'));
  const categoryName = (id: string | null) => (id ? (categories.data?.items.find((category) => category.id === id)?.nameEs ?? '—') : t('sla.anyCategory'));

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const fields = {
      name: form.name,
      priority: form.priority as SlaPolicy['priority'],
      categoryId: form.categoryId || null,
      calendarId: form.calendarId || null,
      firstResponseMinutes: Number(form.firstResponseMinutes),
      resolutionMinutes: Number(form.resolutionMinutes),
      warningPercent: Number(form.warningPercent),
    };
    try {
      // The generated types say Record for nullable ids (a generator limit): the API takes a uuid or null.
      if (editing) await call('patch', '/api/v1/sla-policies/{id}', { params: { id: editing.id }, body: { ...fields, version: editing.version } as never });
      else await call('post', '/api/v1/sla-policies', { body: fields as never });
      edit(null);
      policies.reload();
      showToast(t('common.saved'));
    } catch (caught) {
      setError(caught as ApiError);
      // Stale (412): the list shows what the other person saved; "Editar" again starts from it.
      if (caught instanceof ApiError && caught.status === 412) policies.reload();
    }
  }

  async function setActive(policy: SlaPolicy, active: boolean) {
    setRowError(null);
    try {
      await call('patch', '/api/v1/sla-policies/{id}', { params: { id: policy.id }, body: { active, version: policy.version } as never });
      policies.reload();
    } catch (caught) {
      setRowError(caught as ApiError);
      policies.reload();
    }
  }

  return (
    <section className="page" aria-labelledby="sla-title">
      <Toast message={toast} />
      <h1 id="sla-title">{t('nav.sla')}</h1>
      {rowError && <ErrorNotice error={rowError} />}
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
              <th scope="col">
                <span className="sr-only">{t('common.actions')}</span>
              </th>
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
                <td>
                  <button type="button" className="btn btn-small" aria-label={t('sla.editPolicy', { name: policy.name })} onClick={() => edit(policy)}>
                    {t('common.edit')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </article>
      <form className="card form-grid" onSubmit={(event) => void save(event)} aria-labelledby="sla-new" data-testid="sla-form">
        <h2 id="sla-new" className="span-all" tabIndex={-1} ref={formTitle}>
          {editing ? t('sla.editPolicy', { name: editing.name }) : t('sla.new')}
        </h2>
        {error && (
          <div className="span-all">
            <FormError error={error} fields={(field) => FORM_FIELDS.has(field)} onReload={() => edit(policies.data?.items.find((policy) => policy.id === editing?.id) ?? null)} />
          </div>
        )}
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
          error={error?.fieldMessage('categoryId')}
          options={[
            { value: '', label: t('sla.anyCategory') },
            ...(categories.data?.items ?? []).map((category) => ({ value: category.id, label: category.nameEs ?? category.name ?? category.id })),
          ]}
        />
        <SelectField
          label={t('sla.calendar')}
          value={form.calendarId}
          onChange={(event) => set('calendarId', event.target.value)}
          error={error?.fieldMessage('calendarId')}
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
            {editing ? t('common.save') : t('common.create')}
          </button>
          {editing && (
            <button type="button" className="btn" onClick={() => edit(null)}>
              {t('common.cancel')}
            </button>
          )}
        </div>
      </form>
      <CalendarsPanel calendars={calendars.data?.items ?? []} error={calendars.error} onChanged={calendars.reload} notify={showToast} />
    </section>
  );
}

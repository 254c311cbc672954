import { useEffect, useState } from 'react';
import { call } from '../api/client';
import { ApiError } from '../api/problem';
import { ErrorNotice, Loading, Toast, useLoad, useToast } from '../components/ui';
import { useT } from '../i18n/use-t';
import type { components } from '../api/schema.gen';

type Preference = components['schemas']['NotificationPreferenceView'];
type Template = components['schemas']['TemplatePreferenceDto']['template'];

/** My notification preferences: per kind of notice, by e-mail and/or in the bell (PUT sends only the changed ones). */
export default function NotificationPreferencesPage() {
  const t = useT();
  const [toast, showToast] = useToast();
  const loaded = useLoad(() => call('get', '/api/v1/notification-preferences') as Promise<components['schemas']['NotificationPreferencesView']>, []);
  const [rows, setRows] = useState<Preference[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (loaded.data) setRows(loaded.data.items);
  }, [loaded.data]);

  if (loaded.loading && !loaded.data) return <Loading />;
  if (!loaded.data) return <ErrorNotice error={loaded.error} onRetry={loaded.reload} />;
  const before = new Map(loaded.data.items.map((item) => [item.template, item]));
  const changed = rows.filter((row) => before.get(row.template)?.email !== row.email || before.get(row.template)?.inApp !== row.inApp);

  const toggle = (template: string, channel: 'email' | 'inApp') => setRows((all) => all.map((row) => (row.template === template ? { ...row, [channel]: !row[channel] } : row)));

  async function save() {
    setError(null);
    setSaving(true);
    try {
      const saved = (await call('put', '/api/v1/notification-preferences', {
        body: { items: changed.map((row) => ({ template: row.template as Template, email: row.email, inApp: row.inApp })) },
      })) as components['schemas']['NotificationPreferencesView'];
      loaded.setData(saved);
      showToast(t('prefs.saved'));
    } catch (caught) {
      setError(caught as ApiError);
    } finally {
      setSaving(false);
    }
  }

  return (
    <section className="page" aria-labelledby="prefs-title">
      <Toast message={toast} />
      <h1 id="prefs-title">{t('prefs.title')}</h1>
      <p className="muted">{t('prefs.intro')}</p>
      {error && <ErrorNotice error={error} />}
      <div className="card table-wrap">
        <table className="table">
          <caption className="sr-only">{t('prefs.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('prefs.kind')}</th>
              <th scope="col">{t('prefs.email')}</th>
              <th scope="col">{t('prefs.inApp')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.template} data-testid={`pref-${row.template}`}>
                <th scope="row">{row.label}</th>
                <td>
                  <label className="check">
                    <input type="checkbox" checked={row.email} onChange={() => toggle(row.template, 'email')} />
                    <span className="sr-only">
                      {row.label}: {t('prefs.email')}
                    </span>
                  </label>
                </td>
                <td>
                  <label className="check">
                    <input type="checkbox" checked={row.inApp} onChange={() => toggle(row.template, 'inApp')} />
                    <span className="sr-only">
                      {row.label}: {t('prefs.inApp')}
                    </span>
                  </label>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="form-actions">
        <button type="button" className="btn btn-primary" disabled={saving || changed.length === 0} onClick={() => void save()}>
          {t('common.save')}
        </button>
        {changed.length > 0 && <span className="muted">{t('prefs.pending', { count: changed.length })}</span>}
      </div>
    </section>
  );
}

import { useEffect, useState, type FormEvent } from 'react';
import { api, call } from '../../api/client';
import { ApiError } from '../../api/problem';
import { ErrorNotice, Loading, TextArea, TextField, Toast, useLoad, useToast } from '../../components/ui';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { FormError } from './form-error';

interface QuoteSettings {
  companyName: string;
  taxId: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  footerTerms: string | null;
  timeZone: string;
  /** `default`: nothing stored yet, the service's environment (version 0). */
  source: 'tenant' | 'default';
  version: number;
  updatedAt: string | null;
}

const FIELDS = ['companyName', 'taxId', 'address', 'phone', 'email', 'footerTerms', 'timeZone'] as const;
type Field = (typeof FIELDS)[number];
type Form = Record<Field, string>;

const toForm = (settings: QuoteSettings): Form => Object.fromEntries(FIELDS.map((field) => [field, settings[field] ?? ''])) as Form;

/** The quotes' issuer (the PDF header and footer) and the time zone of their validity: `GET/PUT /quote-settings`, admins only. */
export default function QuoteSettingsPage() {
  const t = useT();
  const [toast, showToast] = useToast();
  const settings = useLoad((signal) => api<QuoteSettings>('/quote-settings', { signal }), []);
  const [form, setForm] = useState<Form | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  // The form starts from what the API answered (and again after each save or a stale reload).
  useEffect(() => {
    if (settings.data) setForm(toForm(settings.data));
  }, [settings.data]);
  const set = (field: Field, value: string) => setForm((current) => (current ? { ...current, [field]: value } : current));

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!form || !settings.data) return;
    setError(null);
    setSaving(true);
    const optional = (value: string) => value.trim() || null;
    try {
      // PUT replaces everything: an empty optional field is cleared. The first PUT (nothing stored) sends version 0.
      const saved = (await call('put', '/api/v1/quote-settings', {
        // Nullable strings are typed as Record by the generator (its limit): the API takes a string or null.
        body: {
          companyName: form.companyName.trim(),
          taxId: optional(form.taxId),
          address: optional(form.address),
          phone: optional(form.phone),
          email: optional(form.email),
          footerTerms: optional(form.footerTerms),
          timeZone: form.timeZone.trim() || 'America/Bogota',
          version: settings.data.version,
        } as never,
      })) as QuoteSettings;
      settings.setData(saved);
      showToast(t('qs.saved'));
    } catch (caught) {
      setError(caught as ApiError);
    } finally {
      setSaving(false);
    }
  }

  function reloadStale() {
    setError(null);
    settings.reload();
  }

  return (
    <section className="page" aria-labelledby="qs-title">
      <Toast message={toast} />
      <h1 id="qs-title">{t('nav.quoteSettings')}</h1>
      <p className="muted">{t('qs.intro')}</p>
      {settings.error && <ErrorNotice error={settings.error} onRetry={settings.reload} />}
      {!form || !settings.data ? (
        !settings.error && <Loading />
      ) : (
        <form className="card form-grid" onSubmit={(event) => void save(event)} aria-labelledby="qs-form" data-testid="quote-settings-form">
          <h2 id="qs-form" className="span-all">
            {t('qs.issuer')}
          </h2>
          <p className="span-all small muted" data-testid="quote-settings-source">
            {settings.data.source === 'default'
              ? t('qs.fromDefaults')
              : t('qs.storedAt', { date: settings.data.updatedAt ? formatDateTime(settings.data.updatedAt) : '—', version: settings.data.version })}
          </p>
          {error && (
            <div className="span-all">
              <FormError error={error} fields={(field) => (FIELDS as readonly string[]).includes(field)} onReload={reloadStale} />
            </div>
          )}
          <TextField
            label={t('qs.companyName')}
            required
            maxLength={200}
            value={form.companyName}
            onChange={(event) => set('companyName', event.target.value)}
            error={error?.fieldMessage('companyName')}
          />
          <TextField
            label={t('qs.taxId')}
            maxLength={30}
            placeholder="900123456-7"
            value={form.taxId}
            onChange={(event) => set('taxId', event.target.value)}
            error={error?.fieldMessage('taxId')}
          />
          <TextField label={t('qs.address')} maxLength={300} value={form.address} onChange={(event) => set('address', event.target.value)} error={error?.fieldMessage('address')} />
          <TextField label={t('common.phone')} maxLength={50} value={form.phone} onChange={(event) => set('phone', event.target.value)} error={error?.fieldMessage('phone')} />
          <TextField label={t('qs.email')} maxLength={254} value={form.email} onChange={(event) => set('email', event.target.value)} error={error?.fieldMessage('email')} />
          <TextField
            label={t('qs.timeZone')}
            maxLength={64}
            value={form.timeZone}
            onChange={(event) => set('timeZone', event.target.value)}
            hint={t('qs.timeZoneHint')}
            error={error?.fieldMessage('timeZone')}
          />
          <div className="span-all stack">
            <TextArea
              label={t('qs.footer')}
              rows={4}
              maxLength={2000}
              value={form.footerTerms}
              onChange={(event) => set('footerTerms', event.target.value)}
              hint={t('qs.footerHint')}
              error={error?.fieldMessage('footerTerms')}
            />
          </div>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={saving}>
              {t('common.save')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, call } from '../../api/client';
import { ApiError } from '../../api/problem';
import type { Schema } from '../../api/schema.gen';
import { ErrorNotice, Loading, SelectField, TextArea, TextField, useLoad } from '../../components/ui';
import { formatDate } from '../../i18n/format';
import { useLocale, useT } from '../../i18n/use-t';
import { PublicFrame } from './public-frame';

interface Portal {
  pqrClasses: Array<{ value: string; label: string }>;
  categories: Array<{ id: string; name: string }>;
  documentTypes: string[];
}

interface Filed {
  radicado: string;
  trackingToken: string;
  legalDueAt: string;
}

type Filing = Schema<'PublicFilingDto'>;

/** The public PQR form (no login): files through the tenant's portal key, returns the radicado. */
export default function PqrFormPage() {
  const t = useT();
  const locale = useLocale();
  const { portalKey = '' } = useParams();
  const portal = useLoad((signal) => api<Portal>(`/public/tickets/portal/${encodeURIComponent(portalKey)}`, { anonymous: true, signal }), [portalKey]);
  const [form, setForm] = useState({
    pqrClass: 'peticion_general',
    categoryId: '',
    subject: '',
    description: '',
    name: '',
    documentType: 'CC',
    documentNumber: '',
    email: '',
    phone: '',
    website_url: '',
  });
  const [error, setError] = useState<ApiError | null>(null);
  const [filed, setFiled] = useState<Filed | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (name: keyof typeof form) => (event: { target: { value: string } }) => setForm((previous) => ({ ...previous, [name]: event.target.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const body: Filing = {
      portal: portalKey,
      pqrClass: form.pqrClass as Filing['pqrClass'],
      subject: form.subject,
      description: form.description,
      ...(form.categoryId ? { categoryId: form.categoryId } : {}),
      ...(form.website_url ? { website_url: form.website_url } : {}),
      requester: {
        name: form.name,
        email: form.email,
        language: locale,
        ...(form.phone ? { phone: form.phone } : {}),
        ...(form.documentNumber ? { documentType: form.documentType as NonNullable<Filing['requester']['documentType']>, documentNumber: form.documentNumber } : {}),
      },
    };
    try {
      setFiled(await (call('post', '/api/v1/public/tickets', { body, anonymous: true, headers: { 'idempotency-key': crypto.randomUUID() } }) as Promise<Filed>));
    } catch (caught) {
      setError(caught as ApiError);
    } finally {
      setBusy(false);
    }
  }

  if (filed) {
    const link = `/pqr/seguimiento/${encodeURIComponent(filed.radicado)}?token=${encodeURIComponent(filed.trackingToken)}`;
    return (
      <PublicFrame title={t('pqr.title')}>
        <div className="notice notice-ok" role="status">
          <p data-testid="radicado">{t('pqr.filed', { radicado: filed.radicado })}</p>
          <p>{t('pqr.legalDue', { date: formatDate(filed.legalDueAt) })}</p>
          <p>
            <Link to={link} className="btn btn-primary">
              {t('pqr.track')}
            </Link>
          </p>
        </div>
      </PublicFrame>
    );
  }

  const err = (field: string) => error?.fieldMessage(field);
  return (
    <PublicFrame title={t('pqr.title')}>
      <p>{t('pqr.intro')}</p>
      {portal.loading && !portal.data && <Loading />}
      <ErrorNotice error={portal.error} />
      {error && (
        <div className="notice notice-error" role="alert">
          {error.detail}
        </div>
      )}
      {portal.data && (
        <form className="card form-grid" onSubmit={(event) => void submit(event)} noValidate>
          <SelectField label={t('tickets.class')} value={form.pqrClass} onChange={set('pqrClass')} error={err('pqrClass')} options={portal.data.pqrClasses} />
          <SelectField
            label={t('pqr.category')}
            value={form.categoryId}
            onChange={set('categoryId')}
            error={err('categoryId')}
            options={[{ value: '', label: '—' }, ...portal.data.categories.map((category) => ({ value: category.id, label: category.name }))]}
          />
          <TextField label={t('pqr.name')} required value={form.name} onChange={set('name')} error={err('name')} autoComplete="name" />
          <TextField label={t('common.email')} type="email" required value={form.email} onChange={set('email')} error={err('email')} autoComplete="email" />
          <TextField label={t('common.phone')} type="tel" value={form.phone} onChange={set('phone')} error={err('phone')} autoComplete="tel" />
          <SelectField label={t('pqr.documentType')} value={form.documentType} onChange={set('documentType')} options={portal.data.documentTypes.map((value) => ({ value, label: value }))} />
          <TextField label={t('pqr.documentNumber')} value={form.documentNumber} onChange={set('documentNumber')} error={err('documentNumber')} />
          <TextField label={t('tickets.subject')} required value={form.subject} onChange={set('subject')} error={err('subject')} />
          <TextArea label={t('tickets.description')} required rows={5} value={form.description} onChange={set('description')} error={err('description')} />
          {/* Honeypot for bots: hidden from people and assistive technology. */}
          <div className="honeypot" aria-hidden="true">
            <label>
              Website <input tabIndex={-1} autoComplete="off" value={form.website_url} onChange={set('website_url')} />
            </label>
          </div>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {t('pqr.submit')}
            </button>
          </div>
        </form>
      )}
    </PublicFrame>
  );
}

import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, call } from '../api/client';
import { ApiError } from '../api/problem';
import type { Schema } from '../api/schema.gen';
import { ErrorNotice, Loading, SelectField, TextField, useLoad } from '../components/ui';
import { useT } from '../i18n/use-t';
import type { Contact } from './contact-types';

type Form = Record<
  'kind' | 'lifecycle' | 'firstName' | 'lastName' | 'companyName' | 'email' | 'phone' | 'taxId' | 'position' | 'city' | 'country' | 'industry' | 'priority' | 'tags',
  string
>;

const EMPTY: Form = {
  kind: 'person',
  lifecycle: 'contact',
  firstName: '',
  lastName: '',
  companyName: '',
  email: '',
  phone: '',
  taxId: '',
  position: '',
  city: '',
  country: 'CO',
  industry: '',
  priority: 'normal',
  tags: '',
};

function fromContact(contact: Contact): Form {
  return {
    kind: contact.kind,
    lifecycle: contact.lifecycle,
    firstName: contact.firstName ?? '',
    lastName: contact.lastName ?? '',
    companyName: contact.companyName ?? '',
    email: contact.email ?? '',
    phone: contact.phone ?? '',
    taxId: contact.taxId ?? '',
    position: contact.position ?? '',
    city: contact.city ?? '',
    country: contact.country ?? '',
    industry: contact.industry ?? '',
    priority: contact.priority,
    tags: contact.tags.join(', '),
  };
}

/** Create or edit a contact; the API's problem+json messages are shown under each field. */
export default function ContactFormPage() {
  const t = useT();
  const { id } = useParams();
  const navigate = useNavigate();
  const existing = useLoad((signal) => (id ? api<Contact>(`/contacts/${id}`, { signal }) : Promise.resolve(null)), [id]);
  const [form, setForm] = useState<Form>(EMPTY);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (existing.data) setForm(fromContact(existing.data));
  }, [existing.data]);

  const set = (name: keyof Form) => (event: { target: { value: string } }) => setForm((previous) => ({ ...previous, [name]: event.target.value }));
  const text = (value: string) => (value.trim() === '' ? undefined : value.trim());

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const person = form.kind === 'person';
    const body = {
      firstName: person ? text(form.firstName) : undefined,
      lastName: person ? text(form.lastName) : undefined,
      companyName: text(form.companyName),
      email: text(form.email),
      phone: text(form.phone),
      taxId: text(form.taxId),
      position: person ? text(form.position) : undefined,
      city: text(form.city),
      country: text(form.country),
      industry: text(form.industry),
      priority: form.priority as Schema<'CreateContactDto'>['priority'],
      tags: form.tags
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
    };
    try {
      const saved = id
        ? await (call('patch', '/api/v1/contacts/{id}', { params: { id }, body: { ...body, version: existing.data?.version } }) as Promise<Contact>)
        : await (call('post', '/api/v1/contacts', {
            body: { ...body, kind: form.kind as 'person' | 'organization', lifecycle: form.lifecycle as Schema<'CreateContactDto'>['lifecycle'] },
            headers: { 'idempotency-key': crypto.randomUUID() },
          }) as Promise<Contact>);
      navigate(`/clientes/${saved.id}`);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, String(caught)));
      setBusy(false);
    }
  }

  if (id && existing.loading && !existing.data) return <Loading />;
  const err = (field: string) => error?.fieldMessage(field);
  const person = form.kind === 'person';
  const title = id ? t('contacts.edit') : t('contacts.new');

  return (
    <section className="page narrow" aria-labelledby="contact-form-title">
      <p>
        <Link to={id ? `/clientes/${id}` : '/clientes'}>← {t('common.back')}</Link>
      </p>
      <h1 id="contact-form-title">{title}</h1>
      <ErrorNotice error={existing.error} />
      {error && (
        <div className="notice notice-error" role="alert">
          {error.detail}
        </div>
      )}
      <form className="card form-grid" onSubmit={(event) => void submit(event)} noValidate>
        {!id && (
          <SelectField
            label={t('contacts.kind')}
            value={form.kind}
            onChange={set('kind')}
            options={[
              { value: 'person', label: t('contacts.kind.person') },
              { value: 'organization', label: t('contacts.kind.organization') },
            ]}
          />
        )}
        {!id && (
          <SelectField
            label={t('contacts.lifecycle')}
            value={form.lifecycle}
            onChange={set('lifecycle')}
            error={err('lifecycle')}
            options={(['contact', 'prospect', 'customer', 'supplier'] as const).map((value) => ({ value, label: t(`contacts.lifecycle.${value}`) }))}
          />
        )}
        {person && (
          <TextField label={t('contacts.firstName')} name="firstName" required value={form.firstName} onChange={set('firstName')} error={err('firstName')} autoComplete="given-name" />
        )}
        {person && <TextField label={t('contacts.lastName')} name="lastName" value={form.lastName} onChange={set('lastName')} error={err('lastName')} autoComplete="family-name" />}
        <TextField label={t('contacts.companyName')} name="companyName" required={!person} value={form.companyName} onChange={set('companyName')} error={err('companyName')} />
        <TextField label={t('common.email')} name="email" type="email" value={form.email} onChange={set('email')} error={err('email')} autoComplete="email" />
        <TextField label={t('common.phone')} name="phone" type="tel" value={form.phone} onChange={set('phone')} error={err('phone')} autoComplete="tel" />
        <TextField label={t('contacts.taxId')} name="taxId" value={form.taxId} onChange={set('taxId')} error={err('taxId')} />
        {person && <TextField label={t('contacts.position')} name="position" value={form.position} onChange={set('position')} error={err('position')} />}
        <TextField label={t('common.city')} name="city" value={form.city} onChange={set('city')} error={err('city')} />
        <TextField label={t('contacts.country')} name="country" value={form.country} onChange={set('country')} error={err('country')} />
        <TextField label={t('contacts.industry')} name="industry" value={form.industry} onChange={set('industry')} error={err('industry')} />
        <SelectField
          label={t('contacts.priority')}
          value={form.priority}
          onChange={set('priority')}
          error={err('priority')}
          options={(['low', 'normal', 'high'] as const).map((value) => ({ value, label: t(`contacts.priority.${value}`) }))}
        />
        <TextField label={t('contacts.tags')} name="tags" value={form.tags} onChange={set('tags')} error={err('tags')} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('common.save')}
          </button>
          <Link className="btn" to={id ? `/clientes/${id}` : '/clientes'}>
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}

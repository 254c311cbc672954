import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, call } from '../api/client';
import { ApiError } from '../api/problem';
import { Badge, Empty, ErrorNotice, Loading, SelectField, TextArea, TextField, useLoad, useToast, Toast } from '../components/ui';
import { formatDate, formatDateTime, formatMoney } from '../i18n/format';
import { useT } from '../i18n/use-t';
import type { Contact, Opportunity, Page } from './contact-types';

interface TimelineEntry {
  id: string;
  kind: string;
  title: string;
  occurredAt: string;
  source: string;
}

interface Note {
  id: string;
  body: string;
  visibility: 'private' | 'shared';
  createdAt: string;
}

interface DocumentView {
  id: string;
  fileName: string;
  sizeBytes: number;
  createdAt: string;
}

interface Account {
  status: null | { balance?: { amount: string; currency: string }; overdue?: { amount: string; currency: string }; creditLimit?: { amount: string; currency: string }; updatedAt?: string };
}

/** The customer profile (360): general information, active opportunities, timeline, notes, documents, ERP account. */
export default function ContactProfilePage() {
  const t = useT();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [toast, showToast] = useToast();
  const contact = useLoad((signal) => api<Contact>(`/contacts/${id}`, { signal }), [id]);
  const opportunities = useLoad((signal) => api<Page<Opportunity>>('/opportunities', { query: { contactId: id, status: 'open', limit: 50 }, signal }), [id]);
  const timeline = useLoad((signal) => api<Page<TimelineEntry>>(`/contacts/${id}/timeline`, { signal }), [id]);
  const notes = useLoad((signal) => api<Page<Note>>(`/contacts/${id}/notes`, { query: { limit: 50 }, signal }), [id]);
  const documents = useLoad((signal) => api<{ items: DocumentView[] }>(`/contacts/${id}/documents`, { signal }), [id]);
  const account = useLoad((signal) => api<Account>(`/contacts/${id}/account`, { query: { limit: 5 }, signal }).catch(() => null), [id]);
  const [actionError, setActionError] = useState<unknown>(null);

  if (contact.loading && !contact.data) return <Loading />;
  if (!contact.data) return <ErrorNotice error={contact.error} onRetry={contact.reload} />;
  const c = contact.data;

  async function convert(to: 'customer' | 'supplier') {
    setActionError(null);
    try {
      const updated = await (call('post', '/api/v1/contacts/{id}/convert', { params: { id }, body: { to, version: c.version } }) as Promise<Contact>);
      contact.setData(updated);
      timeline.reload();
      showToast(t('contacts.converted', { lifecycle: t(`contacts.lifecycle.${updated.lifecycle}`) }));
    } catch (error) {
      setActionError(error);
    }
  }

  async function openDocument(documentId: string) {
    try {
      const link = await api<{ url: string }>(`/contacts/${id}/documents/${documentId}/download`);
      window.open(link.url, '_blank', 'noopener');
    } catch (error) {
      setActionError(error);
    }
  }

  return (
    <section className="page" aria-labelledby="profile-title">
      <Toast message={toast} />
      <p>
        <Link to="/clientes">← {t('contacts.title')}</Link>
      </p>
      <div className="row between wrap">
        <div>
          <h1 id="profile-title">{c.displayName}</h1>
          <Badge tone={c.lifecycle === 'customer' ? 'ok' : 'info'}>
            <span data-testid="lifecycle">{t(`contacts.lifecycle.${c.lifecycle}`)}</span>
          </Badge>
        </div>
        <div className="row wrap">
          <Link className="btn" to={`/clientes/${id}/editar`}>
            {t('common.edit')}
          </Link>
          {(c.lifecycle === 'contact' || c.lifecycle === 'prospect') && (
            <button type="button" className="btn btn-primary" onClick={() => void convert('customer')}>
              {t('contacts.convert')}
            </button>
          )}
          {c.lifecycle !== 'supplier' && (
            <button type="button" className="btn" onClick={() => void convert('supplier')}>
              {t('contacts.convertSupplier')}
            </button>
          )}
        </div>
      </div>
      <ErrorNotice error={actionError} />
      <div className="grid-2">
        <article className="card" aria-labelledby="general-title">
          <h2 id="general-title">{t('contacts.general')}</h2>
          <dl className="facts">
            <dt>{t('contacts.kind')}</dt>
            <dd>{t(`contacts.kind.${c.kind}`)}</dd>
            <dt>{t('common.email')}</dt>
            <dd>{c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : '—'}</dd>
            <dt>{t('common.phone')}</dt>
            <dd>{c.phone ? <a href={`tel:${c.phone}`}>{c.phone}</a> : '—'}</dd>
            <dt>{t('contacts.companyName')}</dt>
            <dd>{c.companyName ?? '—'}</dd>
            <dt>{t('contacts.taxId')}</dt>
            <dd>{c.taxId ?? '—'}</dd>
            <dt>{t('common.city')}</dt>
            <dd>{[c.city, c.country].filter(Boolean).join(', ') || '—'}</dd>
            <dt>{t('contacts.priority')}</dt>
            <dd>{t(`contacts.priority.${c.priority}`)}</dd>
            <dt>{t('common.created')}</dt>
            <dd>{formatDate(c.createdAt)}</dd>
          </dl>
          {c.tags.length > 0 && (
            <p>
              {c.tags.map((tag) => (
                <Badge key={tag}>{tag}</Badge>
              ))}
            </p>
          )}
        </article>
        <article className="card" aria-labelledby="opps-title">
          <div className="row between">
            <h2 id="opps-title">{t('contacts.activeOpps')}</h2>
          </div>
          <NewOpportunity contactId={id} onCreated={(opportunity) => navigate(`/crm/oportunidades/${opportunity.id}`)} />
          <ErrorNotice error={opportunities.error} />
          {(opportunities.data?.items ?? []).length === 0 ? (
            <Empty />
          ) : (
            <ul className="list">
              {opportunities.data!.items.map((opportunity) => (
                <li key={opportunity.id}>
                  <Link to={`/crm/oportunidades/${opportunity.id}`}>{opportunity.title}</Link> · {opportunity.stageName} · <strong>{formatMoney(opportunity.value)}</strong>
                </li>
              ))}
            </ul>
          )}
        </article>
        <article className="card" aria-labelledby="timeline-title">
          <h2 id="timeline-title">{t('contacts.timeline')}</h2>
          <ErrorNotice error={timeline.error} />
          {(timeline.data?.items ?? []).length === 0 ? (
            <Empty />
          ) : (
            <ol className="timeline">
              {timeline.data!.items.map((entry) => (
                <li key={entry.id}>
                  <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt)}</time>
                  <span>{entry.title}</span>
                </li>
              ))}
            </ol>
          )}
        </article>
        <article className="card" aria-labelledby="notes-title">
          <h2 id="notes-title">{t('contacts.notes')}</h2>
          <NoteForm contactId={id} onSaved={notes.reload} />
          <ErrorNotice error={notes.error} />
          <ul className="list notes">
            {(notes.data?.items ?? []).map((note) => (
              <li key={note.id}>
                <p className="pre">{note.body}</p>
                <small className="muted">
                  {formatDateTime(note.createdAt)} · {note.visibility === 'private' ? t('contacts.note.private') : t('contacts.note.shared')}
                </small>
              </li>
            ))}
          </ul>
        </article>
        <article className="card" aria-labelledby="docs-title">
          <h2 id="docs-title">{t('contacts.documents')}</h2>
          <UploadForm contactId={id} onUploaded={documents.reload} />
          <ul className="list">
            {(documents.data?.items ?? []).map((document) => (
              <li key={document.id}>
                <button type="button" className="link" onClick={() => void openDocument(document.id)}>
                  {document.fileName}
                </button>{' '}
                <small className="muted">
                  {Math.ceil(document.sizeBytes / 1024)} KB · {formatDate(document.createdAt)}
                </small>
              </li>
            ))}
          </ul>
        </article>
        <article className="card" aria-labelledby="account-title">
          <h2 id="account-title">{t('contacts.account')}</h2>
          {account.data?.status ? (
            <dl className="facts">
              <dt>{t('account.balance')}</dt>
              <dd>{formatMoney(account.data.status.balance)}</dd>
              <dt>{t('account.overdue')}</dt>
              <dd>{formatMoney(account.data.status.overdue)}</dd>
              <dt>{t('account.creditLimit')}</dt>
              <dd>{formatMoney(account.data.status.creditLimit)}</dd>
            </dl>
          ) : (
            <Empty />
          )}
        </article>
      </div>
    </section>
  );
}

function NoteForm({ contactId, onSaved }: { contactId: string; onSaved: () => void }) {
  const t = useT();
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<'private' | 'shared'>('shared');
  const [error, setError] = useState<ApiError | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await call('post', '/api/v1/contacts/{contactId}/notes', { params: { contactId }, body: { body, visibility } });
      setBody('');
      onSaved();
    } catch (caught) {
      setError(caught as ApiError);
    }
  }
  return (
    <form onSubmit={(event) => void submit(event)} className="stack">
      <TextArea label={t('contacts.note.new')} value={body} onChange={(event) => setBody(event.target.value)} error={error?.fieldMessage('body')} rows={2} />
      <div className="row wrap">
        <SelectField
          label={t('common.status')}
          value={visibility}
          onChange={(event) => setVisibility(event.target.value as 'private' | 'shared')}
          options={[
            { value: 'shared', label: t('contacts.note.shared') },
            { value: 'private', label: t('contacts.note.private') },
          ]}
        />
        <button type="submit" className="btn">
          {t('common.save')}
        </button>
      </div>
      {error && !error.errors.length && <ErrorNotice error={error} />}
    </form>
  );
}

function UploadForm({ contactId, onUploaded }: { contactId: string; onUploaded: () => void }) {
  const t = useT();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function upload(file: File | undefined) {
    if (!file) return;
    setBusy(true);
    setError(null);
    const body = new FormData();
    body.append('file', file);
    try {
      await api(`/contacts/${contactId}/documents`, { method: 'POST', body });
      onUploaded();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="stack">
      <label className="btn file-button">
        {busy ? t('common.loading') : t('contacts.upload')}
        <input type="file" className="sr-only" onChange={(event) => void upload(event.target.files?.[0])} />
      </label>
      <ErrorNotice error={error} />
    </div>
  );
}

function NewOpportunity({ contactId, onCreated }: { contactId: string; onCreated: (opportunity: Opportunity) => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [amount, setAmount] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const created = await (call('post', '/api/v1/opportunities', {
        body: { title, contactId, ...(amount ? { value: { amount: amount.replace(/\D/g, ''), currency: 'COP' } } : {}) },
        headers: { 'idempotency-key': crypto.randomUUID() },
      }) as Promise<Opportunity>);
      onCreated(created);
    } catch (caught) {
      setError(caught as ApiError);
    }
  }
  if (!open)
    return (
      <button type="button" className="btn" onClick={() => setOpen(true)}>
        {t('opps.new')}
      </button>
    );
  return (
    <form className="stack" onSubmit={(event) => void submit(event)} aria-label={t('opps.new')}>
      <TextField label={t('opps.titleField')} required value={title} onChange={(event) => setTitle(event.target.value)} error={error?.fieldMessage('title')} />
      <TextField
        label={t('opps.value')}
        inputMode="numeric"
        value={amount}
        onChange={(event) => setAmount(event.target.value)}
        error={error?.fieldMessage('amount') ?? error?.fieldMessage('value')}
      />
      {error && !error.errors.length && <ErrorNotice error={error} />}
      <div className="row">
        <button type="submit" className="btn btn-primary">
          {t('common.create')}
        </button>
        <button type="button" className="btn" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

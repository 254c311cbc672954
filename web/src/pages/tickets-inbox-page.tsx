import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, call } from '../api/client';
import { ApiError } from '../api/problem';
import { Empty, ErrorNotice, Loading, SelectField, TextArea, TextField, useLoad } from '../components/ui';
import { TrafficLight, legalLight, legalWords, slaLight } from '../components/traffic-light';
import { formatDate, formatDateTime } from '../i18n/format';
import { useT } from '../i18n/use-t';
import { usePolling, useTopic } from '../realtime/use-topic';
import type { Page, Ticket } from './contact-types';

const PQR_CLASSES = ['peticion_general', 'peticion_documentos', 'consulta', 'queja', 'reclamo', 'sugerencia', 'felicitacion', 'denuncia'] as const;
export const pqrLabel = (value: string) => value.replace('_', ' ').replace(/^./, (letter) => letter.toUpperCase());

/** The PQR inbox with a traffic light per legal and SLA due date; refreshed live (or polled). */
export default function TicketsInboxPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const query: Record<string, string> = {};
  for (const name of ['q', 'status', 'pqrClass', 'slaState', 'overdue']) {
    const value = params.get(name);
    if (value) query[name] = value;
  }
  const key = JSON.stringify(query);
  const tickets = useLoad((signal) => api<Page<Ticket>>('/tickets', { query: { ...query, limit: 50, sort: '-receivedAt' }, signal }), [key]);
  const status = useTopic('notifications', () => tickets.reload());
  usePolling(tickets.reload, status === 'live' ? 30_000 : 5_000);

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
  };

  return (
    <section className="page" aria-labelledby="tickets-title">
      <div className="row between wrap">
        <h1 id="tickets-title">{t('tickets.title')}</h1>
        <button type="button" className="btn btn-primary" onClick={() => setFilter('nuevo', '1')}>
          {t('dash.newTicket')}
        </button>
      </div>
      {params.get('nuevo') && <NewTicketForm onDone={() => setFilter('nuevo', '')} />}
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <label className="grow">
          <span className="sr-only">{t('common.search')}</span>
          <input
            type="search"
            placeholder={`${t('common.search')} (${t('tickets.radicado')}, ${t('tickets.subject')})`}
            defaultValue={params.get('q') ?? ''}
            onBlur={(event) => setFilter('q', event.target.value.trim())}
          />
        </label>
        <label>
          {t('common.status')}
          <select value={params.get('status') ?? ''} onChange={(event) => setFilter('status', event.target.value)}>
            <option value="">{t('common.all')}</option>
            {(['abierto', 'en_proceso', 'pendiente', 'cerrado'] as const).map((value) => (
              <option key={value} value={value}>
                {t(`tickets.status.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('tickets.class')}
          <select value={params.get('pqrClass') ?? ''} onChange={(event) => setFilter('pqrClass', event.target.value)}>
            <option value="">{t('common.all')}</option>
            {PQR_CLASSES.map((value) => (
              <option key={value} value={value}>
                {pqrLabel(value)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={params.get('overdue') === 'true'} onChange={(event) => setFilter('overdue', event.target.checked ? 'true' : '')} /> {t('tickets.overdue')}
        </label>
      </form>
      <ErrorNotice error={tickets.error} onRetry={tickets.reload} />
      {tickets.loading && !tickets.data ? (
        <Loading />
      ) : (tickets.data?.items ?? []).length === 0 ? (
        <Empty />
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="tickets-table">
            <thead>
              <tr>
                <th scope="col">{t('tickets.radicado')}</th>
                <th scope="col">{t('tickets.subject')}</th>
                <th scope="col" className="hide-narrow">
                  {t('tickets.requester')}
                </th>
                <th scope="col" className="hide-narrow">
                  {t('common.status')}
                </th>
                <th scope="col">{t('tickets.legalDue')}</th>
                <th scope="col">{t('tickets.slaDue')}</th>
              </tr>
            </thead>
            <tbody>
              {tickets.data!.items.map((ticket) => (
                <tr key={ticket.id} data-testid={`ticket-${ticket.radicado}`}>
                  <td>
                    <Link to={`/tickets/${ticket.id}`}>{ticket.radicado}</Link>
                  </td>
                  <td>
                    {ticket.subject}
                    <div className="muted small">{pqrLabel(ticket.pqrClass)}</div>
                  </td>
                  <td className="hide-narrow">{ticket.requester?.name ?? '—'}</td>
                  <td className="hide-narrow">{t(`tickets.status.${ticket.status}`)}</td>
                  <td>
                    <TrafficLight light={ticket.status === 'cerrado' ? 'grey' : legalLight(ticket.legalState)} words={legalWords(ticket.legalState, t)} />
                    <div className="muted small">{formatDate(ticket.legalDueAt)}</div>
                  </td>
                  <td>
                    <TrafficLight light={ticket.status === 'cerrado' ? 'grey' : slaLight(ticket.slaState)} />
                    <div className="muted small">{formatDateTime(ticket.resolutionDueAt)}</div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function NewTicketForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const [pqrClass, setPqrClass] = useState<(typeof PQR_CLASSES)[number]>('peticion_general');
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const created = await (call('post', '/api/v1/tickets', {
        body: { pqrClass, subject, description, channel: 'telefono', ...(name ? { requester: { name, ...(email ? { email } : {}) } } : {}) },
        headers: { 'idempotency-key': crypto.randomUUID() },
      }) as Promise<Ticket>);
      onDone();
      navigate(`/tickets/${created.id}`);
    } catch (caught) {
      setError(caught as ApiError);
    }
  }
  return (
    <form className="card form-grid" onSubmit={(event) => void submit(event)} aria-label={t('dash.newTicket')}>
      <SelectField
        label={t('tickets.class')}
        value={pqrClass}
        onChange={(event) => setPqrClass(event.target.value as (typeof PQR_CLASSES)[number])}
        options={PQR_CLASSES.map((value) => ({ value, label: pqrLabel(value) }))}
      />
      <TextField label={t('tickets.subject')} required value={subject} onChange={(event) => setSubject(event.target.value)} error={error?.fieldMessage('subject')} />
      <TextArea label={t('tickets.description')} required value={description} onChange={(event) => setDescription(event.target.value)} error={error?.fieldMessage('description')} />
      <TextField label={t('tickets.requester')} value={name} onChange={(event) => setName(event.target.value)} error={error?.fieldMessage('name')} />
      <TextField label={t('common.email')} type="email" value={email} onChange={(event) => setEmail(event.target.value)} error={error?.fieldMessage('email')} />
      {error && !error.errors.length && <ErrorNotice error={error} />}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary">
          {t('common.create')}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

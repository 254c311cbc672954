import { useState, type FormEvent } from 'react';
import { api, call } from '../api/client';
import { ApiError } from '../api/problem';
import { readSession } from '../auth/session-store';
import { ErrorNotice, TextArea, TextField, useLoad } from '../components/ui';
import { useT } from '../i18n/use-t';
import type { Ticket } from './contact-types';

/**
 * Assignment and the legal clock of a ticket (Ley 1755): extend once with a reason and a new
 * date (the API checks the limit: twice the term, business days), suspend while the petitioner
 * completes the request (art. 17) and resume. The API's message explains every refusal.
 */
export function TicketActions({ ticket, onChanged }: { ticket: Ticket; onChanged: () => void }) {
  const t = useT();
  const users = useLoad((signal) => api<{ items: Array<{ id: string; name: string; active: boolean }> }>('/users', { query: { limit: 200, active: true }, signal }).catch(() => null), []);
  const [error, setError] = useState<ApiError | null>(null);
  const [form, setForm] = useState<'extend' | 'suspend' | null>(null);
  const [reason, setReason] = useState('');
  const [newDate, setNewDate] = useState('');
  const me = readSession()?.user.id;

  async function run(action: () => Promise<unknown>) {
    setError(null);
    try {
      await action();
      setForm(null);
      setReason('');
      onChanged();
    } catch (caught) {
      setError(caught as ApiError);
      onChanged();
    }
  }

  const assign = (assigneeId: string) => run(() => call('post', '/api/v1/tickets/{id}/assign', { params: { id: ticket.id }, body: { assigneeId, version: ticket.version } }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form === 'extend') void run(() => call('post', '/api/v1/tickets/{id}/extend', { params: { id: ticket.id }, body: { reason, newDate } }));
    if (form === 'suspend') void run(() => call('post', '/api/v1/tickets/{id}/legal-suspension', { params: { id: ticket.id }, body: { reason } }));
  };
  const closed = ticket.status === 'cerrado';

  return (
    <div className="stack">
      <div className="field">
        <label htmlFor="ticket-assignee">{t('tickets.assignee')}</label>
        <div className="row wrap">
          {users.data ? (
            <select id="ticket-assignee" value={ticket.assigneeId ?? ''} onChange={(event) => event.target.value && void assign(event.target.value)} disabled={closed}>
              <option value="">—</option>
              {users.data.items.map((user) => (
                <option key={user.id} value={user.id}>
                  {user.name}
                </option>
              ))}
            </select>
          ) : (
            <span id="ticket-assignee">{ticket.assigneeId === me ? t('tickets.me') : (ticket.assigneeId ?? '—')}</span>
          )}
          {me && ticket.assigneeId !== me && !closed && (
            <button type="button" className="btn" onClick={() => void assign(me)}>
              {t('tickets.assignMe')}
            </button>
          )}
        </div>
      </div>
      {!closed && (
        <div className="row wrap">
          {ticket.legalState === 'suspended' ? (
            <button type="button" className="btn" onClick={() => void run(() => call('post', '/api/v1/tickets/{id}/legal-suspension/resume', { params: { id: ticket.id }, body: {} }))}>
              {t('tickets.resume')}
            </button>
          ) : (
            <>
              <button type="button" className="btn" aria-expanded={form === 'extend'} onClick={() => setForm(form === 'extend' ? null : 'extend')}>
                {t('tickets.extend')}
              </button>
              <button type="button" className="btn" aria-expanded={form === 'suspend'} onClick={() => setForm(form === 'suspend' ? null : 'suspend')}>
                {t('tickets.suspend')}
              </button>
            </>
          )}
        </div>
      )}
      {form && (
        <form className="stack" onSubmit={submit} aria-label={form === 'extend' ? t('tickets.extend') : t('tickets.suspend')}>
          {form === 'extend' && (
            <TextField label={t('tickets.newDate')} type="date" required value={newDate} onChange={(event) => setNewDate(event.target.value)} error={error?.fieldMessage('newDate')} />
          )}
          <TextArea
            label={form === 'extend' ? t('tickets.extendReason') : t('tickets.suspendReason')}
            required
            rows={3}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            error={error?.fieldMessage('reason')}
          />
          <button type="submit" className="btn btn-primary">
            {t('common.save')}
          </button>
        </form>
      )}
      <ErrorNotice error={error && !error.fieldMessage('reason') && !error.fieldMessage('newDate') ? error : null} />
    </div>
  );
}

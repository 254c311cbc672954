import { useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, call } from '../api/client';
import { ApiError } from '../api/problem';
import { LockIcon } from '../components/lock-icon';
import { Badge, ErrorNotice, Loading, SelectField, TextArea, Toast, useLoad, useToast } from '../components/ui';
import { TrafficLight, legalLight, legalWords, slaLight } from '../components/traffic-light';
import { formatDate, formatDateTime } from '../i18n/format';
import { useT } from '../i18n/use-t';
import { realtime } from '../realtime/realtime-client';
import { usePolling, useTopic } from '../realtime/use-topic';
import type { Ticket, TicketMessage } from './contact-types';
import { TicketActions } from './ticket-actions';
import { Conversation } from './ticket-conversation';
import { pqrLabel } from './tickets-inbox-page';

/** A ticket with its live conversation: reply publicly or leave an internal note; change status. */
export default function TicketPage() {
  const t = useT();
  const { id = '' } = useParams();
  const [toast, showToast] = useToast();
  const ticket = useLoad((signal) => api<Ticket>(`/tickets/${id}`, { signal }), [id]);
  const messages = useLoad((signal) => api<{ items: TicketMessage[] }>(`/tickets/${id}/messages`, { signal }), [id]);
  const [kind, setKind] = useState<'public' | 'internal'>('public');
  const [body, setBody] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [typing, setTyping] = useState<string | null>(null);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastTyping = useRef(0);
  const status = useTopic(id ? `ticket:${id}` : null, (frame) => {
    if (frame.type === 'typing' && frame.who) {
      setTyping(frame.who.firstName ?? t('tickets.requester'));
      clearTimeout(typingTimer.current);
      typingTimer.current = setTimeout(() => setTyping(null), 4000);
      return;
    }
    // An event, or a (re)subscription that may have missed some: read the conversation again.
    if (frame.type === 'event' || frame.type === 'subscribed') {
      messages.reload();
      if (frame.routingKey?.includes('status') || frame.routingKey?.includes('assign')) ticket.reload();
    }
  });
  usePolling(messages.reload, 10_000, status !== 'live');

  if (ticket.loading && !ticket.data) return <Loading />;
  if (!ticket.data) return <ErrorNotice error={ticket.error} onRetry={ticket.reload} />;
  const tk = ticket.data;

  function onType(value: string) {
    setBody(value);
    if (kind === 'public' && Date.now() - lastTyping.current > 2000) {
      lastTyping.current = Date.now();
      realtime.typing(`ticket:${id}`);
    }
  }

  async function send(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await call('post', '/api/v1/tickets/{ticketId}/messages', { params: { ticketId: id }, body: { kind, body } });
      setBody('');
      messages.reload();
      ticket.reload();
      showToast(t('common.saved'));
    } catch (caught) {
      setError(caught as ApiError);
    }
  }

  async function changeStatus(next: string) {
    setError(null);
    try {
      ticket.setData(await (call('post', '/api/v1/tickets/{id}/status', { params: { id }, body: { status: next as Ticket['status'], version: tk.version } }) as Promise<Ticket>));
    } catch (caught) {
      setError(caught as ApiError);
      ticket.reload();
    }
  }

  return (
    <section className="page" aria-labelledby="ticket-title">
      <Toast message={toast} />
      <p>
        <Link to="/tickets">← {t('tickets.title')}</Link>
      </p>
      <div className="row between wrap">
        <div>
          <h1 id="ticket-title">
            {tk.radicado} · {tk.subject}
          </h1>
          <Badge tone="info">{pqrLabel(tk.pqrClass)}</Badge> <Badge>{t(`tickets.status.${tk.status}`)}</Badge>{' '}
          {status === 'live' && (
            <Badge tone="ok">
              <span aria-live="polite">● {t('tickets.live')}</span>
            </Badge>
          )}
        </div>
        <SelectField
          label={t('tickets.changeStatus')}
          value={tk.status}
          onChange={(event) => void changeStatus(event.target.value)}
          options={(['abierto', 'en_proceso', 'pendiente', 'cerrado'] as const).map((value) => ({ value, label: t(`tickets.status.${value}`) }))}
        />
      </div>
      <ErrorNotice error={error && !error.fieldMessage('body') ? error : null} />
      <div className="grid-2 grid-ticket">
        <article className="card" aria-labelledby="conv-title">
          <h2 id="conv-title">{t('tickets.conversation')}</h2>
          <div className="message message-requester">
            <header>
              <strong>{tk.requester?.name ?? t('tickets.requester')}</strong>
              <time dateTime={tk.receivedAt}>{formatDateTime(tk.receivedAt)}</time>
            </header>
            <p className="pre">{tk.description}</p>
          </div>
          <Conversation messages={messages.data?.items ?? []} />
          {typing && (
            <p className="muted small" aria-live="polite">
              {t('tickets.typing', { name: typing })}
            </p>
          )}
          <form className={`composer composer-${kind}`} onSubmit={(event) => void send(event)}>
            <div role="radiogroup" aria-label={t('tickets.message')} className="segmented">
              <label className={`btn ${kind === 'public' ? 'active' : ''}`}>
                <input type="radio" name="kind" value="public" checked={kind === 'public'} onChange={() => setKind('public')} /> {t('tickets.public')}
              </label>
              <label className={`btn ${kind === 'internal' ? 'active' : ''}`}>
                <input type="radio" name="kind" value="internal" checked={kind === 'internal'} onChange={() => setKind('internal')} /> <LockIcon /> {t('tickets.internal')}
              </label>
            </div>
            <TextArea
              label={kind === 'public' ? t('tickets.reply') : t('tickets.internal')}
              hint={kind === 'public' ? t('tickets.publicHint') : t('tickets.internalHint')}
              required
              rows={4}
              value={body}
              onChange={(event) => onType(event.target.value)}
              error={error?.fieldMessage('body')}
            />
            <button type="submit" className={`btn ${kind === 'public' ? 'btn-primary' : 'btn-warn'}`}>
              {kind === 'public' ? t('common.send') : t('tickets.internal')}
            </button>
          </form>
        </article>
        <article className="card">
          <dl className="facts">
            <dt>{t('tickets.requester')}</dt>
            <dd>
              {tk.requester?.name ?? '—'}
              {tk.requester?.email && <div className="small">{tk.requester.email}</div>}
            </dd>
            <dt>{t('tickets.legalDue')}</dt>
            <dd>
              <TrafficLight light={tk.status === 'cerrado' ? 'grey' : legalLight(tk.legalState)} words={legalWords(tk.legalState, t)} /> {formatDate(tk.legalDueAt)}
              {tk.legalBusinessDaysLeft !== null && tk.status !== 'cerrado' && <div className="small muted">{t('tickets.businessDaysLeft', { count: tk.legalBusinessDaysLeft })}</div>}
            </dd>
            <dt>{t('tickets.slaDue')}</dt>
            <dd>
              <TrafficLight light={tk.status === 'cerrado' ? 'grey' : slaLight(tk.slaState)} /> {formatDateTime(tk.resolutionDueAt)}
            </dd>
            <dt>{t('tickets.priority')}</dt>
            <dd>{tk.priority}</dd>
            <dt>{t('tickets.channel')}</dt>
            <dd>{tk.channel}</dd>
          </dl>
          <TicketActions ticket={tk} onChanged={ticket.reload} />
        </article>
      </div>
    </section>
  );
}

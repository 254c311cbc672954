import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, call } from '../api/client';
import { ApiError } from '../api/problem';
import { Badge, ErrorNotice, Loading, SelectField, Toast, useLoad, useToast } from '../components/ui';
import { TrafficLight, legalLight, legalWords, slaLight } from '../components/traffic-light';
import { formatDate, formatDateTime } from '../i18n/format';
import { useT } from '../i18n/use-t';
import { usePolling, useTopic } from '../realtime/use-topic';
import type { ReadReceipt, Ticket, TicketMessage } from './contact-types';
import { TicketActions } from './ticket-actions';
import { TicketComposer } from './ticket-composer';
import { Conversation } from './ticket-conversation';
import { pqrLabel } from './tickets-inbox-page';

/** A ticket with its live conversation: reply publicly or leave an internal note; change status. */
export default function TicketPage() {
  const t = useT();
  const { id = '' } = useParams();
  const [toast, showToast] = useToast();
  const ticket = useLoad((signal) => api<Ticket>(`/tickets/${id}`, { signal }), [id]);
  const messages = useLoad((signal) => api<{ items: TicketMessage[]; readReceipts?: ReadReceipt[] }>(`/tickets/${id}/messages`, { signal }), [id]);
  const [error, setError] = useState<ApiError | null>(null);
  const [typing, setTyping] = useState<string | null>(null);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
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
  // Read receipt: the agent has the conversation on screen up to its latest message.
  const items = messages.data?.items ?? [];
  const latestId = items[items.length - 1]?.id;
  useEffect(() => {
    if (!latestId || document.visibilityState !== 'visible') return;
    call('post', '/api/v1/tickets/{ticketId}/read', { params: { ticketId: id }, body: { messageId: latestId } }).catch(() => undefined);
  }, [id, latestId]);

  if (ticket.loading && !ticket.data) return <Loading />;
  if (!ticket.data) return <ErrorNotice error={ticket.error} onRetry={ticket.reload} />;
  const tk = ticket.data;
  const merged = tk.mergedIntoId ? { id: tk.mergedIntoId, radicado: tk.mergedIntoRadicado ?? '' } : null;

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
        {!merged && (
          <SelectField
            label={t('tickets.changeStatus')}
            value={tk.status}
            onChange={(event) => void changeStatus(event.target.value)}
            options={(['abierto', 'en_proceso', 'pendiente', 'cerrado'] as const).map((value) => ({ value, label: t(`tickets.status.${value}`) }))}
          />
        )}
      </div>
      {merged && (
        <p className="card" role="status">
          {t('tickets.mergedInto', { radicado: merged.radicado })} <Link to={`/tickets/${merged.id}`}>{t('tickets.openMerged', { radicado: merged.radicado })}</Link>
        </p>
      )}
      <ErrorNotice error={error} />
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
          <Conversation ticketId={id} messages={messages.data?.items ?? []} receipts={messages.data?.readReceipts} />
          {typing && (
            <p className="muted small" aria-live="polite">
              {t('tickets.typing', { name: typing })}
            </p>
          )}
          {!merged && (
            <TicketComposer
              ticketId={id}
              onSent={() => {
                messages.reload();
                ticket.reload();
                showToast(t('common.saved'));
              }}
            />
          )}
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
          {!merged && <TicketActions ticket={tk} onChanged={ticket.reload} />}
        </article>
      </div>
    </section>
  );
}

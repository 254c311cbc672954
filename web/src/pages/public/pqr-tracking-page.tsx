import { useEffect, useRef, useState, type FormEvent } from 'react';
import { PaperclipIcon } from '../../components/paperclip-icon';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { ApiError } from '../../api/problem';
import { Badge, ErrorNotice, Loading, TextArea, TextField, useLoad } from '../../components/ui';
import { TrafficLight, legalLight, legalWords } from '../../components/traffic-light';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { realtime } from '../../realtime/realtime-client';
import { usePolling, useTopic } from '../../realtime/use-topic';
import { PublicFrame } from './public-frame';

interface PublicTicket {
  radicado: string;
  status: string;
  statusLabel: string;
  pqrClassLabel: string;
  subject: string;
  description: string;
  receivedAt: string;
  legalDueAt: string;
  legalState: string;
  resolution: string | null;
  /** When merged into another PQR: the radicado that stays (its conversation moved there). */
  mergedIntoRadicado?: string | null;
  messages: Array<{
    id: string;
    from: 'staff' | 'requester';
    authorFirstName: string | null;
    body: string;
    bodyHtml?: string;
    attachments?: Array<{ id: string; fileName: string }>;
    createdAt: string;
  }>;
}

/** The requester's tracking page (no login): radicado + tracking code; answers appear live. */
export default function PqrTrackingPage() {
  const t = useT();
  const navigate = useNavigate();
  const { radicado = '' } = useParams();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [lookup, setLookup] = useState({ radicado, token });
  const ticket = useLoad(
    (signal) => (radicado && token ? api<PublicTicket>(`/public/tickets/${encodeURIComponent(radicado)}`, { query: { token }, anonymous: true, signal }) : Promise.resolve(null)),
    [radicado, token],
  );
  const [typing, setTyping] = useState<string | null>(null);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const status = useTopic(
    radicado && token ? `public-ticket:${radicado}` : null,
    (frame) => {
      if (frame.type === 'typing' && frame.who?.kind === 'staff') {
        setTyping(frame.who.firstName ?? t('dash.team'));
        clearTimeout(typingTimer.current);
        typingTimer.current = setTimeout(() => setTyping(null), 4000);
      } else if (frame.type === 'event' || frame.type === 'subscribed') ticket.reload();
    },
    { token, anonymous: true },
  );
  // Read receipt: the requester has the answers on screen up to the latest one.
  const latestId = ticket.data?.messages[ticket.data.messages.length - 1]?.id;
  useEffect(() => {
    if (!latestId || !token) return;
    api(`/public/tickets/${encodeURIComponent(radicado)}/read`, { method: 'POST', query: { token }, body: { messageId: latestId }, anonymous: true }).catch(() => undefined);
  }, [radicado, token, latestId]);
  usePolling(ticket.reload, 10_000, !!ticket.data && status !== 'live');
  const [reply, setReply] = useState('');
  const [error, setError] = useState<ApiError | null>(null);

  async function openFile(attachmentId: string) {
    setError(null);
    try {
      const link = await api<{ url: string }>(`/public/tickets/${encodeURIComponent(radicado)}/attachments/${attachmentId}/download`, { query: { token }, anonymous: true });
      window.open(link.url, '_blank', 'noopener');
    } catch (caught) {
      setError(caught as ApiError);
    }
  }

  async function send(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await api(`/public/tickets/${encodeURIComponent(radicado)}/messages`, { method: 'POST', query: { token }, body: { body: reply }, anonymous: true });
      setReply('');
      ticket.reload();
    } catch (caught) {
      setError(caught as ApiError);
    }
  }

  if (!radicado || !token) {
    return (
      <PublicFrame title={t('pqr.trackingTitle')}>
        <form
          className="card form-grid"
          onSubmit={(event) => {
            event.preventDefault();
            navigate(`/pqr/seguimiento/${encodeURIComponent(lookup.radicado.trim())}?token=${encodeURIComponent(lookup.token.trim())}`);
          }}
        >
          <TextField label={t('tickets.radicado')} required value={lookup.radicado} onChange={(event) => setLookup({ ...lookup, radicado: event.target.value })} />
          <TextField label={t('pqr.token')} required value={lookup.token} onChange={(event) => setLookup({ ...lookup, token: event.target.value })} />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary">
              {t('pqr.lookup')}
            </button>
          </div>
        </form>
      </PublicFrame>
    );
  }

  const tk = ticket.data;
  return (
    <PublicFrame title={`${t('pqr.trackingTitle')} · ${radicado}`}>
      {ticket.loading && !tk && <Loading />}
      <ErrorNotice error={ticket.error} />
      {tk && (
        <>
          <article className="card">
            <h2>{tk.subject}</h2>
            <p>
              <Badge tone="info">{tk.pqrClassLabel}</Badge> <Badge>{tk.statusLabel}</Badge>
            </p>
            {tk.mergedIntoRadicado && (
              <p role="status" data-testid="merged-into">
                <strong>{t('pqr.mergedInto', { radicado: tk.mergedIntoRadicado })}</strong>
              </p>
            )}
            <dl className="facts">
              <dt>{t('tickets.radicado')}</dt>
              <dd>{tk.radicado}</dd>
              <dt>{t('common.created')}</dt>
              <dd>{formatDateTime(tk.receivedAt)}</dd>
              <dt>{t('tickets.legalDue')}</dt>
              <dd>
                <TrafficLight light={legalLight(tk.legalState)} words={legalWords(tk.legalState, t)} /> {formatDate(tk.legalDueAt)}
              </dd>
            </dl>
            <p className="pre">{tk.description}</p>
          </article>
          <article className="card" aria-labelledby="answers-title">
            <div className="row between wrap">
              <h2 id="answers-title">{t('pqr.answers')}</h2>
              {status === 'live' && (
                <Badge tone="ok">
                  <span aria-live="polite">● {t('tickets.live')}</span>
                </Badge>
              )}
            </div>
            {tk.messages.length === 0 ? (
              <p className="empty">{t('pqr.noAnswers')}</p>
            ) : (
              <ol className="conversation" data-testid="public-messages">
                {tk.messages.map((message) => (
                  <li key={message.id} className={`message ${message.from === 'staff' ? 'message-public' : 'message-requester'}`}>
                    <header>
                      <strong>{message.from === 'staff' ? (message.authorFirstName ?? t('dash.team')) : t('tickets.requester')}</strong>
                      <time dateTime={message.createdAt}>{formatDateTime(message.createdAt)}</time>
                    </header>
                    {message.bodyHtml ? <div className="message-body" dangerouslySetInnerHTML={{ __html: message.bodyHtml }} /> : <p className="message-body pre">{message.body}</p>}
                    {(message.attachments ?? []).length > 0 && (
                      <ul className="attachments" aria-label={t('tickets.files')}>
                        {message.attachments!.map((attachment) => (
                          <li key={attachment.id}>
                            <button type="button" className="link" onClick={() => void openFile(attachment.id)}>
                              <PaperclipIcon /> {attachment.fileName}
                            </button>
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </ol>
            )}
            {typing && (
              <p className="muted small" aria-live="polite">
                {t('tickets.typing', { name: typing })}
              </p>
            )}
            {tk.status !== 'cerrado' && (
              <form onSubmit={(event) => void send(event)} className="stack">
                <TextArea
                  label={t('pqr.yourReply')}
                  rows={3}
                  value={reply}
                  onChange={(event) => {
                    setReply(event.target.value);
                    realtime.typing(`public-ticket:${radicado}`);
                  }}
                  error={error?.fieldMessage('body')}
                />
                {error && !error.errors.length && <ErrorNotice error={error} />}
                <button type="submit" className="btn btn-primary">
                  {t('common.send')}
                </button>
              </form>
            )}
          </article>
        </>
      )}
    </PublicFrame>
  );
}

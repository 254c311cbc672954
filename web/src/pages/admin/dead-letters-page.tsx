import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { ApiError } from '../../api/problem';
import { Badge, Empty, ErrorNotice, SelectField, Toast, useLoad, useToast } from '../../components/ui';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';

interface DeadLetter {
  id: string;
  messageId: string | null;
  routingKey: string;
  reason: string;
  failedAt: string;
  replayedAt: string | null;
  replayCount: number;
  origin: 'consumer' | 'outbox';
  envelope: Record<string, unknown> | null;
  rawBody: string | null;
}

const SERVICES = ['contacts', 'opportunities', 'tickets', 'notifications', 'reporting'] as const;

/** Dead letters of one service (`GET /admin/dead-letters?service=…`): what failed and why; replay or discard. */
export default function DeadLettersPage() {
  const t = useT();
  const [toast, showToast] = useToast();
  const [params, setParams] = useSearchParams();
  const service = params.get('service') ?? 'contacts';
  const letters = useLoad((signal) => api<{ items: DeadLetter[] }>('/admin/dead-letters', { query: { service, limit: 100 }, signal }), [service]);
  const [error, setError] = useState<ApiError | null>(null);

  async function act(letter: DeadLetter, action: 'replay' | 'discard') {
    if (action === 'discard' && !window.confirm(t('dead.confirmDiscard', { key: letter.routingKey }))) return;
    setError(null);
    try {
      if (action === 'replay') await api(`/admin/dead-letters/${letter.id}/replay`, { method: 'POST', query: { service } });
      else await api(`/admin/dead-letters/${letter.id}`, { method: 'DELETE', query: { service } });
      showToast(t(action === 'replay' ? 'dead.replayed' : 'dead.discarded', { key: letter.routingKey }));
      letters.reload();
    } catch (caught) {
      setError(caught as ApiError);
    }
  }

  return (
    <section className="page" aria-labelledby="dead-title">
      <Toast message={toast} />
      <h1 id="dead-title">{t('nav.deadLetters')}</h1>
      <p className="muted">{t('dead.intro')}</p>
      <SelectField
        label={t('dead.service')}
        value={service}
        onChange={(event) => setParams({ service: event.target.value }, { replace: true })}
        options={SERVICES.map((name) => ({ value: name, label: name }))}
      />
      {error && <ErrorNotice error={error} />}
      {letters.error && <ErrorNotice error={letters.error} onRetry={letters.reload} />}
      {letters.data && letters.data.items.length === 0 ? (
        <Empty>{t('dead.none')}</Empty>
      ) : (
        <ul className="list">
          {(letters.data?.items ?? []).map((letter) => (
            <li key={letter.id} className="card stack" data-testid="dead-letter">
              <div className="row between wrap">
                <strong>
                  <code>{letter.routingKey}</code>
                </strong>
                <span>
                  <Badge tone={letter.origin === 'outbox' ? 'warn' : 'danger'}>{t(`dead.origin.${letter.origin}`)}</Badge> {formatDateTime(letter.failedAt)}
                </span>
              </div>
              <p>{letter.reason}</p>
              {letter.replayedAt && <p className="small muted">{t('dead.replayedAt', { at: formatDateTime(letter.replayedAt), count: letter.replayCount })}</p>}
              <details>
                <summary>{t('dead.payload')}</summary>
                <pre className="pre small">{letter.envelope ? JSON.stringify(letter.envelope, null, 2) : letter.rawBody}</pre>
              </details>
              <div className="row wrap">
                <button type="button" className="btn btn-primary btn-small" onClick={() => void act(letter, 'replay')}>
                  {t('dead.replay')}
                </button>
                <button type="button" className="btn btn-danger btn-small" onClick={() => void act(letter, 'discard')}>
                  {t('dead.discard')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

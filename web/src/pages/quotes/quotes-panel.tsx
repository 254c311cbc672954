import { useEffect, useState } from 'react';
import { api, blobUrl, call } from '../../api/client';
import { ApiError } from '../../api/problem';
import { Badge, Empty, ErrorNotice, TextField, useLoad } from '../../components/ui';
import { formatAmount } from '../../i18n/format';
import { labelFor, useT } from '../../i18n/use-t';
import { QuoteDetails } from './quote-details';
import { QuoteEditor } from './quote-editor';
import type { QuoteView } from './quote-types';

const tone = (status: QuoteView['status']) => (status === 'accepted' ? 'ok' : status === 'rejected' || status === 'expired' ? 'danger' : status === 'sent' ? 'info' : 'neutral');

/**
 * The quotes of an opportunity: list, the chosen one's lines and totals (the API's figures), new
 * and edit (lines editor), PDF preview (inline) or in a tab, send, accept (optionally winning the
 * opportunity), reject, and the earlier revisions as they were sent.
 */
export function QuotesPanel({ opportunityId, reloadKey, onChanged, notify }: { opportunityId: string; reloadKey: number; onChanged: () => void; notify: (message: string) => void }) {
  const t = useT();
  const quotes = useLoad((signal) => api<{ items: QuoteView[] }>(`/opportunities/${opportunityId}/quotes`, { signal }), [opportunityId, reloadKey]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [editing, setEditing] = useState<'new' | QuoteView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [winToo, setWinToo] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const items = quotes.data?.items ?? [];
  const selected = items.find((quote) => quote.id === selectedId) ?? items[items.length - 1];
  const revisions = useLoad(
    (signal) => (selected && selected.revision > 1 ? api<{ items: QuoteView[] }>(`/quotes/${selected.id}/revisions`, { signal }) : Promise.resolve({ items: [] })),
    [selected?.id, selected?.revision],
  );
  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);

  async function run(action: () => Promise<unknown>, done: string) {
    setError(null);
    try {
      const answer = (await action()) as QuoteView;
      if (answer?.id) setSelectedId(answer.id);
      quotes.reload();
      onChanged();
      notify(done);
      return true;
    } catch (caught) {
      setError(caught as ApiError);
      if (caught instanceof ApiError && (caught.status === 409 || caught.status === 412)) quotes.reload();
      return false;
    }
  }

  async function showPdf(quote: QuoteView, inTab: boolean) {
    setError(null);
    try {
      const url = await blobUrl(`/quotes/${quote.id}/pdf`);
      if (inTab) window.open(url, '_blank', 'noopener');
      else setPreview(url);
    } catch (caught) {
      setError(caught as ApiError);
    }
  }

  if (editing) {
    return (
      <QuoteEditor
        opportunityId={opportunityId}
        quote={editing === 'new' ? undefined : editing}
        onCancel={() => setEditing(null)}
        onSaved={(saved) => {
          setEditing(null);
          setSelectedId(saved.id);
          quotes.setData({ items: [...items.filter((quote) => quote.id !== saved.id), saved] });
          quotes.reload();
          onChanged();
          notify(t('quotes.saved', { number: saved.number }));
        }}
      />
    );
  }

  return (
    <div className="stack">
      <div className="row between wrap">
        <h2 id="quotes-title">{t('opps.quotes')}</h2>
        <button type="button" className="btn" onClick={() => setEditing('new')}>
          + {t('quotes.new')}
        </button>
      </div>
      {error && <ErrorNotice error={error} />}
      {quotes.error && !quotes.data && <ErrorNotice error={quotes.error} onRetry={quotes.reload} />}
      {items.length === 0 ? (
        <Empty />
      ) : (
        <ul className="list">
          {items.map((quote) => (
            <li key={quote.id}>
              <button type="button" className="link" aria-pressed={quote.id === selected?.id} onClick={() => setSelectedId(quote.id)}>
                <strong>{quote.number}</strong>
              </button>{' '}
              (rev. {quote.revision}) · <Badge tone={tone(quote.status)}>{labelFor(t, 'quote.status.', quote.status)}</Badge> · {formatAmount(Number(quote.total), quote.currency)} ·{' '}
              <button type="button" className="link" onClick={() => void showPdf(quote, true)}>
                {t('opps.pdf')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {selected && (
        <section className="stack" aria-label={t('quotes.linesOf', { number: selected.number, revision: selected.revision })}>
          <QuoteDetails quote={selected} />
          <div className="row wrap">
            {(selected.status === 'draft' || selected.status === 'sent' || selected.status === 'expired') && (
              <button type="button" className="btn" onClick={() => setEditing(selected)}>
                {t('quotes.edit')}
              </button>
            )}
            <button type="button" className="btn" onClick={() => void showPdf(selected, false)}>
              {t('quotes.preview')}
            </button>
            {selected.status === 'draft' && (
              <button
                type="button"
                className="btn btn-primary"
                onClick={() =>
                  void run(
                    () => call('post', '/api/v1/quotes/{id}/send', { params: { id: selected.id }, body: { version: selected.version } }),
                    t('quotes.sentDone', { number: selected.number }),
                  )
                }
              >
                {t('quotes.send')}
              </button>
            )}
          </div>
          {selected.status === 'sent' && (
            <div className="row wrap align-end">
              <label className="check">
                <input type="checkbox" checked={winToo} onChange={(event) => setWinToo(event.target.checked)} /> {t('quotes.winToo')}
              </label>
              <button
                type="button"
                className="btn btn-primary"
                onClick={() =>
                  void run(
                    () => call('post', '/api/v1/quotes/{id}/accept', { params: { id: selected.id }, body: { version: selected.version, winOpportunity: winToo } }),
                    t('quotes.acceptedDone', { number: selected.number }),
                  )
                }
              >
                {t('quotes.accept')}
              </button>
              <button type="button" className="btn btn-danger" onClick={() => setRejecting(true)}>
                {t('quotes.reject')}
              </button>
            </div>
          )}
          {rejecting && selected.status === 'sent' && (
            <form
              className="row wrap align-end"
              onSubmit={(event) => {
                event.preventDefault();
                void run(
                  () => call('post', '/api/v1/quotes/{id}/reject', { params: { id: selected.id }, body: { version: selected.version, ...(reason ? { reason } : {}) } }),
                  t('quotes.rejectedDone', { number: selected.number }),
                ).then((ok) => ok && setRejecting(false));
              }}
            >
              <TextField label={t('quotes.rejectReason')} value={reason} onChange={(event) => setReason(event.target.value)} />
              <button type="submit" className="btn btn-danger">
                {t('quotes.reject')}
              </button>
              <button type="button" className="btn" onClick={() => setRejecting(false)}>
                {t('common.cancel')}
              </button>
            </form>
          )}
          {preview && (
            <div className="stack">
              <iframe className="pdf-preview" src={preview} title={t('quotes.previewOf', { number: selected.number })} />
              <button type="button" className="btn" onClick={() => setPreview(null)}>
                {t('quotes.closePreview')}
              </button>
            </div>
          )}
          {(revisions.data?.items ?? []).length > 0 && (
            <details>
              <summary>{t('quotes.revisions', { count: revisions.data!.items.length })}</summary>
              {revisions.data!.items.map((revision) => (
                <QuoteDetails key={revision.revision} quote={revision} caption={t('quotes.linesOf', { number: revision.number, revision: revision.revision })} />
              ))}
            </details>
          )}
        </section>
      )}
    </div>
  );
}

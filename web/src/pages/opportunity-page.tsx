import { useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, call } from '../api/client';
import { ApiError } from '../api/problem';
import { Badge, ErrorNotice, Loading, SelectField, TextArea, Toast, useLoad, useToast } from '../components/ui';
import { formatDate, formatDateTime, formatMoney } from '../i18n/format';
import { labelFor, useT } from '../i18n/use-t';
import { useTopic } from '../realtime/use-topic';
import { ActivityForm } from './activity-form';
import type { Activity, Opportunity } from './contact-types';
import { QuotesPanel } from './quotes/quotes-panel';

interface Note {
  id: string;
  body: string;
  visibility: string;
  createdAt: string;
}

/** Opportunity detail: win/lose (with reason), notes, activities, quotes with their PDF. */
export default function OpportunityPage() {
  const t = useT();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const [toast, showToast] = useToast();
  const opportunity = useLoad((signal) => api<Opportunity>(`/opportunities/${id}`, { signal }), [id]);
  const notes = useLoad((signal) => api<{ items: Note[] }>(`/opportunities/${id}/notes`, { signal }), [id]);
  const activities = useLoad((signal) => api<{ items: Activity[] }>(`/opportunities/${id}/activities`, { signal }), [id]);
  const [quotesTick, setQuotesTick] = useState(0);
  const reasons = useLoad((signal) => api<{ items: Array<{ id: string; name: string }> }>('/lost-reasons', { query: { active: true }, signal }), []);
  const [losing, setLosing] = useState(params.get('perder') === '1');
  const [reasonId, setReasonId] = useState('');
  const [lostNote, setLostNote] = useState('');
  const [noteBody, setNoteBody] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  useTopic(id ? `opportunity:${id}` : null, () => {
    opportunity.reload();
    activities.reload();
    setQuotesTick((tick) => tick + 1);
  });

  if (opportunity.loading && !opportunity.data) return <Loading />;
  if (!opportunity.data) return <ErrorNotice error={opportunity.error} onRetry={opportunity.reload} />;
  const o = opportunity.data;

  async function act(run: () => Promise<Opportunity>, done: string) {
    setError(null);
    try {
      opportunity.setData(await run());
      showToast(done);
      setLosing(false);
    } catch (caught) {
      setError(caught as ApiError);
      if (caught instanceof ApiError && (caught.status === 409 || caught.status === 412)) opportunity.reload();
    }
  }

  const win = () => act(() => call('post', '/api/v1/opportunities/{id}/win', { params: { id }, body: { version: o.version } }) as Promise<Opportunity>, t('opps.won'));
  const lose = (event: FormEvent) => {
    event.preventDefault();
    void act(
      () =>
        call('post', '/api/v1/opportunities/{id}/lose', {
          params: { id },
          body: { version: o.version, lostReasonId: reasonId, ...(lostNote ? { note: lostNote } : {}) },
        }) as Promise<Opportunity>,
      t('opps.lost'),
    );
  };
  const reopen = () => act(() => call('post', '/api/v1/opportunities/{id}/reopen', { params: { id }, body: { version: o.version } }) as Promise<Opportunity>, t('opps.open'));

  async function addNote(event: FormEvent) {
    event.preventDefault();
    try {
      await call('post', '/api/v1/opportunities/{opportunityId}/notes', { params: { opportunityId: id }, body: { body: noteBody, visibility: 'shared' } });
      setNoteBody('');
      notes.reload();
    } catch (caught) {
      setError(caught as ApiError);
    }
  }

  const statusTone = o.status === 'won' ? 'ok' : o.status === 'lost' ? 'danger' : 'info';

  return (
    <section className="page" aria-labelledby="opp-title">
      <Toast message={toast} />
      <p>
        <Link to={`/crm?pipelineId=${o.pipelineId}`}>← {t('opps.title')}</Link>
      </p>
      <div className="row between wrap">
        <div>
          <h1 id="opp-title">{o.title}</h1>
          <Badge tone={statusTone}>
            <span data-testid="opp-status">{t(o.status === 'won' ? 'opps.won' : o.status === 'lost' ? 'opps.lost' : 'opps.open')}</span>
          </Badge>{' '}
          <span data-testid="opp-stage">{o.stageName}</span>
        </div>
        <div className="row wrap">
          {o.status === 'open' && (
            <>
              <button type="button" className="btn btn-primary" onClick={() => void win()}>
                {t('opps.win')}
              </button>
              <button type="button" className="btn btn-danger" onClick={() => setLosing(true)}>
                {t('opps.lose')}
              </button>
            </>
          )}
          {o.status !== 'open' && (
            <button type="button" className="btn" onClick={() => void reopen()}>
              {t('opps.reopen')}
            </button>
          )}
        </div>
      </div>
      {error && <ErrorNotice error={error} />}
      {losing && o.status === 'open' && (
        <form className="card form-grid" onSubmit={lose} aria-label={t('opps.lose')}>
          <SelectField
            label={t('opps.lostReason')}
            required
            value={reasonId}
            onChange={(event) => setReasonId(event.target.value)}
            error={error?.fieldMessage('lostReasonId')}
            options={[{ value: '', label: '—' }, ...(reasons.data?.items ?? []).map((reason) => ({ value: reason.id, label: reason.name }))]}
          />
          <TextArea label={t('opps.lostNote')} value={lostNote} onChange={(event) => setLostNote(event.target.value)} rows={2} />
          <div className="form-actions">
            <button type="submit" className="btn btn-danger">
              {t('opps.lose')}
            </button>
            <button type="button" className="btn" onClick={() => setLosing(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
      <div className="grid-2">
        <article className="card">
          <dl className="facts">
            <dt>{t('opps.contact')}</dt>
            <dd>
              <Link to={`/clientes/${o.contactId}`}>{o.contactName}</Link>
            </dd>
            <dt>{t('opps.value')}</dt>
            <dd>{formatMoney(o.value)}</dd>
            <dt>{t('opps.stage')}</dt>
            <dd>{o.stageName}</dd>
            <dt>{t('opps.probability')}</dt>
            <dd>{o.probability} %</dd>
            <dt>{t('opps.closeDate')}</dt>
            <dd>{formatDate(o.expectedCloseDate)}</dd>
            {o.wonAt && (
              <>
                <dt>{t('opps.won')}</dt>
                <dd>{formatDateTime(o.wonAt)}</dd>
              </>
            )}
            {o.lostAt && (
              <>
                <dt>{t('opps.lost')}</dt>
                <dd>
                  {formatDateTime(o.lostAt)} · {reasons.data?.items.find((reason) => reason.id === o.lostReasonId)?.name} {o.lostNote}
                </dd>
              </>
            )}
          </dl>
        </article>
        <article className="card quotes-card" aria-labelledby="quotes-title">
          <QuotesPanel opportunityId={id} reloadKey={quotesTick} onChanged={opportunity.reload} notify={showToast} />
        </article>
        <article className="card" aria-labelledby="acts-title">
          <h2 id="acts-title">{t('opps.activities')}</h2>
          <ActivityForm opportunityId={id} contactId={o.contactId} onSaved={activities.reload} />
          <ul className="list">
            {(activities.data?.items ?? []).map((activity) => (
              <li key={activity.id} className={activity.overdue ? 'overdue' : undefined}>
                <Badge tone={activity.overdue ? 'danger' : 'neutral'}>{t(`agenda.type.${activity.type}`)}</Badge> {activity.subject} · {formatDateTime(activity.dueAt)} ·{' '}
                {labelFor(t, 'activity.status.', activity.status)}
              </li>
            ))}
          </ul>
        </article>
        <article className="card" aria-labelledby="onotes-title">
          <h2 id="onotes-title">{t('opps.notes')}</h2>
          <form onSubmit={(event) => void addNote(event)} className="stack">
            <TextArea label={t('contacts.note.new')} value={noteBody} onChange={(event) => setNoteBody(event.target.value)} rows={2} />
            <button type="submit" className="btn">
              {t('common.save')}
            </button>
          </form>
          <ul className="list notes">
            {(notes.data?.items ?? []).map((note) => (
              <li key={note.id}>
                <p className="pre">{note.body}</p>
                <small className="muted">{formatDateTime(note.createdAt)}</small>
              </li>
            ))}
          </ul>
        </article>
      </div>
    </section>
  );
}

import { useEffect, useState, type DragEvent, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, call } from '../api/client';
import { ApiError } from '../api/problem';
import { Empty, ErrorNotice, Loading, TextField, Toast, useLoad, useToast } from '../components/ui';
import { formatMoney } from '../i18n/format';
import { useT } from '../i18n/use-t';
import { moveCard, replaceCard, type Board } from './board-model';
import type { Contact, Opportunity, Page, Pipeline } from './contact-types';

/** The kanban: drag a card (or pick "Mover a") → optimistic move; a 409/412 puts it back. */
export default function PipelinePage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const [toast, showToast] = useToast();
  const pipelines = useLoad((signal) => api<{ items: Pipeline[] }>('/pipelines', { signal }), []);
  const pipelineId = params.get('pipelineId') ?? pipelines.data?.items.find((item) => item.isDefault)?.id ?? pipelines.data?.items[0]?.id;
  const loaded = useLoad((signal) => (pipelineId ? api<Board>('/opportunities/board', { query: { pipelineId, limit: 50 }, signal }) : Promise.resolve(null)), [pipelineId]);
  const [board, setBoard] = useState<Board | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);

  useEffect(() => {
    if (loaded.data) setBoard(loaded.data);
  }, [loaded.data]);

  async function move(cardId: string, stageId: string) {
    if (!board) return;
    const card = board.columns.flatMap((column) => column.cards).find((item) => item.id === cardId);
    const target = board.columns.find((column) => column.stage.id === stageId);
    if (!card || !target || card.stageId === stageId) return;
    if (target.stage.kind === 'lost') {
      navigate(`/crm/oportunidades/${cardId}?perder=1`);
      return;
    }
    const before = board;
    setBoard(moveCard(board, cardId, stageId));
    setError(null);
    try {
      const saved =
        target.stage.kind === 'won'
          ? await (call('post', '/api/v1/opportunities/{id}/win', { params: { id: cardId }, body: { version: card.version } }) as Promise<Opportunity>)
          : await (call('post', '/api/v1/opportunities/{id}/stage', { params: { id: cardId }, body: { stageId, version: card.version } }) as Promise<Opportunity>);
      setBoard((current) => (current ? replaceCard(current, saved) : current));
      showToast(t('opps.moved', { title: card.title, stage: target.stage.name }));
    } catch (caught) {
      setBoard(before);
      if (caught instanceof ApiError && (caught.status === 409 || caught.status === 412)) {
        showToast(t('opps.conflict'));
        loaded.reload();
      }
      setError(caught);
    }
  }

  const onDrop = (stageId: string) => (event: DragEvent) => {
    event.preventDefault();
    const cardId = event.dataTransfer.getData('text/plain') || dragging;
    setOver(null);
    setDragging(null);
    if (cardId) void move(cardId, stageId);
  };

  if (pipelines.loading && !pipelines.data) return <Loading />;
  const pipeline = pipelines.data?.items.find((item) => item.id === pipelineId);

  return (
    <section className="page page-wide" aria-labelledby="pipeline-title">
      <Toast message={toast} />
      <div className="row between wrap">
        <h1 id="pipeline-title">{t('opps.title')}</h1>
        <div className="row wrap">
          {(pipelines.data?.items.length ?? 0) > 1 && (
            <label>
              {t('opps.pipeline')}{' '}
              <select value={pipelineId} onChange={(event) => setParams({ pipelineId: event.target.value })}>
                {pipelines.data!.items.map((item) => (
                  <option key={item.id} value={item.id}>
                    {item.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <button type="button" className="btn btn-primary" onClick={() => setParams({ ...Object.fromEntries(params), nueva: '1' })}>
            {t('opps.new')}
          </button>
        </div>
      </div>
      {params.get('nueva') && pipelineId && (
        <NewOpportunityForm
          pipelineId={pipelineId}
          onDone={(created) => {
            const next = new URLSearchParams(params);
            next.delete('nueva');
            setParams(next);
            if (created) loaded.reload();
          }}
        />
      )}
      <p className="muted small">{t('opps.dragHint')}</p>
      <ErrorNotice error={pipelines.error ?? loaded.error ?? error} />
      {!board ? (
        <Loading />
      ) : (
        <div className="board" role="list" aria-label={pipeline?.name}>
          {board.columns.map((column) => (
            <div
              key={column.stage.id}
              role="listitem"
              className={`column column-${column.stage.kind}${over === column.stage.id ? ' drop-over' : ''}`}
              data-testid={`column-${column.stage.name}`}
              onDragOver={(event) => {
                event.preventDefault();
                event.dataTransfer.dropEffect = 'move';
                setOver(column.stage.id);
              }}
              onDragLeave={() => setOver((current) => (current === column.stage.id ? null : current))}
              onDrop={onDrop(column.stage.id)}
            >
              <header className="column-head">
                <h2>{column.stage.name}</h2>
                <span className="column-count" data-testid="column-count" aria-label={t('opps.cards', { count: column.count })}>
                  {column.count}
                </span>
                <div className="column-sum" data-testid="column-sum">
                  {column.totals.length === 0 ? formatMoney({ amount: '0', currency: 'COP' }) : column.totals.map((total) => <div key={total.currency}>{formatMoney(total.value)}</div>)}
                </div>
              </header>
              <ul className="cards">
                {column.cards.map((card) => (
                  <li
                    key={card.id}
                    className={`opp-card${dragging === card.id ? ' dragging' : ''}`}
                    draggable
                    data-testid={`card-${card.title}`}
                    onDragStart={(event) => {
                      event.dataTransfer.setData('text/plain', card.id);
                      event.dataTransfer.effectAllowed = 'move';
                      setDragging(card.id);
                    }}
                    onDragEnd={() => setDragging(null)}
                  >
                    <Link to={`/crm/oportunidades/${card.id}`} className="opp-title">
                      {card.title}
                    </Link>
                    <div className="muted small">{card.contactName}</div>
                    <strong>{formatMoney(card.value)}</strong>
                    {card.status === 'open' && (
                      <label className="move-select">
                        <span className="sr-only">{t('opps.moveTo', { stage: '' })}</span>
                        <select value="" onChange={(event) => event.target.value && void move(card.id, event.target.value)}>
                          <option value="">{t('opps.moveTo', { stage: '…' })}</option>
                          {board.columns
                            .filter((other) => other.stage.id !== column.stage.id)
                            .map((other) => (
                              <option key={other.stage.id} value={other.stage.id}>
                                {other.stage.name}
                              </option>
                            ))}
                        </select>
                      </label>
                    )}
                  </li>
                ))}
                {column.cards.length === 0 && (
                  <li className="empty small">
                    <Empty />
                  </li>
                )}
              </ul>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}

function NewOpportunityForm({ pipelineId, onDone }: { pipelineId: string; onDone: (created: boolean) => void }) {
  const t = useT();
  const [title, setTitle] = useState('');
  const [amount, setAmount] = useState('');
  const [search, setSearch] = useState('');
  const [contactId, setContactId] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const contacts = useLoad(
    (signal) =>
      search.trim().length >= 3 ? api<Page<Contact>>('/contacts', { query: { q: search.trim(), limit: 10 }, signal }) : api<Page<Contact>>('/contacts', { query: { limit: 10 }, signal }),
    [search],
  );
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await call('post', '/api/v1/opportunities', {
        body: { title, contactId, pipelineId, ...(amount ? { value: { amount: amount.replace(/\D/g, ''), currency: 'COP' } } : {}) },
        headers: { 'idempotency-key': crypto.randomUUID() },
      });
      onDone(true);
    } catch (caught) {
      setError(caught as ApiError);
    }
  }
  return (
    <form className="card form-grid" onSubmit={(event) => void submit(event)} aria-label={t('opps.new')}>
      <TextField label={t('opps.titleField')} required value={title} onChange={(event) => setTitle(event.target.value)} error={error?.fieldMessage('title')} />
      <TextField label={t('opps.value')} inputMode="numeric" value={amount} onChange={(event) => setAmount(event.target.value)} error={error?.fieldMessage('value')} />
      <TextField label={t('common.search')} type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
      <div className="field">
        <label htmlFor="new-opp-contact">{t('opps.contact')} *</label>
        <select id="new-opp-contact" required value={contactId} onChange={(event) => setContactId(event.target.value)} aria-invalid={error?.fieldMessage('contactId') ? true : undefined}>
          <option value="">—</option>
          {(contacts.data?.items ?? []).map((contact) => (
            <option key={contact.id} value={contact.id}>
              {contact.displayName}
            </option>
          ))}
        </select>
        {error?.fieldMessage('contactId') && (
          <small className="field-error" role="alert">
            {error.fieldMessage('contactId')}
          </small>
        )}
      </div>
      {error && !error.errors.length && <ErrorNotice error={error} />}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary">
          {t('common.create')}
        </button>
        <button type="button" className="btn" onClick={() => onDone(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { ApiError } from '../../api/problem';
import { Badge, ErrorNotice, Loading, TextField, useLoad } from '../../components/ui';
import { useT } from '../../i18n/use-t';
import type { Pipeline } from '../contact-types';

export default function PipelinesPage() {
  const t = useT();
  const pipelines = useLoad((signal) => api<{ items: Pipeline[] }>('/pipelines', { signal }), []);
  return (
    <section className="page" aria-labelledby="pipelines-title">
      <h1 id="pipelines-title">{t('nav.pipelines')}</h1>
      <ErrorNotice error={pipelines.error} />
      {pipelines.loading && !pipelines.data && <Loading />}
      {(pipelines.data?.items ?? []).map((pipeline) => (
        <article key={pipeline.id} className="card">
          <h2>
            {pipeline.name} {pipeline.isDefault && <Badge tone="info">default</Badge>}
          </h2>
          <ol className="stage-list">
            {pipeline.stages.map((stage) => (
              <li key={stage.id}>
                {stage.name} <span className="muted">· {stage.probability} %</span> {stage.kind !== 'open' && <Badge tone={stage.kind === 'won' ? 'ok' : 'danger'}>{stage.kind}</Badge>}
              </li>
            ))}
          </ol>
          <NewStage pipelineId={pipeline.id} onSaved={pipelines.reload} />
        </article>
      ))}
    </section>
  );
}

function NewStage({ pipelineId, onSaved }: { pipelineId: string; onSaved: () => void }) {
  const t = useT();
  const [name, setName] = useState('');
  const [probability, setProbability] = useState('50');
  const [error, setError] = useState<ApiError | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await api(`/pipelines/${pipelineId}/stages`, { method: 'POST', body: { name, probability: Number(probability) } });
      setName('');
      onSaved();
    } catch (caught) {
      setError(caught as ApiError);
    }
  }
  return (
    <form className="row wrap align-end" onSubmit={(event) => void submit(event)} aria-label={t('admin.newStage')}>
      <TextField label={t('admin.newStage')} required value={name} onChange={(event) => setName(event.target.value)} error={error?.fieldMessage('name')} />
      <TextField
        label={t('opps.probability')}
        type="number"
        min={0}
        max={100}
        value={probability}
        onChange={(event) => setProbability(event.target.value)}
        error={error?.fieldMessage('probability')}
      />
      <button type="submit" className="btn">
        {t('admin.add')}
      </button>
      {error && !error.errors.length && <ErrorNotice error={error} />}
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { ApiError } from '../../api/problem';
import { ErrorNotice, TextField, useLoad } from '../../components/ui';
import { useT } from '../../i18n/use-t';

/** A catalogue: its names and an "add" box (POST {name}); the API's message on failure. */
export function SimpleList({ title, path, extraBody = {} }: { title: string; path: string; extraBody?: Record<string, unknown> }) {
  const t = useT();
  const list = useLoad((signal) => api<{ items: Array<{ id: string; name: string; active?: boolean }> }>(path, { signal }), [path]);
  const [name, setName] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await api(path, { method: 'POST', body: { name, ...extraBody } });
      setName('');
      list.reload();
    } catch (caught) {
      setError(caught as ApiError);
    }
  }
  return (
    <article className="card" aria-label={title}>
      <h2>{title}</h2>
      <ErrorNotice error={list.error} />
      <ul className="list">
        {(list.data?.items ?? []).map((item) => (
          <li key={item.id}>
            {item.name}
            {item.active === false && <span className="muted"> {t('admin.inactive')}</span>}
          </li>
        ))}
      </ul>
      <form className="row align-end" onSubmit={(event) => void submit(event)}>
        <TextField label={`${t('admin.add')}: ${title}`} required value={name} onChange={(event) => setName(event.target.value)} error={error?.fieldMessage('name')} />
        <button type="submit" className="btn">
          {t('admin.add')}
        </button>
      </form>
      {error && !error.errors.length && <ErrorNotice error={error} />}
    </article>
  );
}

import { useEffect, useState, type FormEvent } from 'react';
import { api, download } from '../api/client';
import { ApiError } from '../api/problem';
import { ErrorNotice, SelectField } from '../components/ui';
import { formatNumber } from '../i18n/format';
import { useT } from '../i18n/use-t';

interface ImportJob {
  id: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  progress: number;
  counts: { total: number | null; processed: number; created: number; updated: number; skipped: number; rejected: number };
  error: string | null;
  rejectedRowsUrl: string | null;
}

/** CSV/XLSX import as a background job: upload, a progress bar polled every second, the rejected rows file. */
export function ContactsImport({ onFinished }: { onFinished: () => void }) {
  const t = useT();
  const [file, setFile] = useState<File | null>(null);
  const [onDuplicate, setOnDuplicate] = useState('skip');
  const [job, setJob] = useState<ImportJob | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!job || job.status === 'completed' || job.status === 'failed') return;
    const timer = setTimeout(() => {
      api<ImportJob>(`/contacts/imports/${job.id}`).then(
        (next) => {
          setJob(next);
          if (next.status === 'completed') onFinished();
        },
        (caught: unknown) => setError(caught),
      );
    }, 1000);
    return () => clearTimeout(timer);
  }, [job, onFinished]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setError(null);
    const body = new FormData();
    body.append('file', file);
    body.append('options', JSON.stringify({ onDuplicate }));
    try {
      setJob(await api<ImportJob>('/contacts/imports', { method: 'POST', body, headers: { 'idempotency-key': crypto.randomUUID() } }));
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, String(caught)));
    }
  }

  const running = job && (job.status === 'queued' || job.status === 'running');
  return (
    <form className="card stack" onSubmit={(event) => void submit(event)} aria-labelledby="import-title">
      <h2 id="import-title">{t('import.title')}</h2>
      <p className="muted small">{t('import.hint')}</p>
      <div className="row wrap align-end">
        <div className="field">
          <label htmlFor="import-file">{t('import.file')}</label>
          <input id="import-file" type="file" accept=".csv,.xlsx,text/csv" onChange={(event) => setFile(event.target.files?.[0] ?? null)} />
        </div>
        <SelectField
          label={t('import.onDuplicate')}
          value={onDuplicate}
          onChange={(event) => setOnDuplicate(event.target.value)}
          options={[
            { value: 'skip', label: t('import.skip') },
            { value: 'update', label: t('import.update') },
          ]}
        />
        <button type="submit" className="btn btn-primary" disabled={!file || !!running}>
          {t('contacts.import')}
        </button>
      </div>
      <ErrorNotice error={error} />
      {job && (
        <div role="status" aria-live="polite" data-testid="import-status">
          <label htmlFor="import-progress">
            {t(`import.status.${job.status}`)} · {job.progress} %
          </label>
          <progress id="import-progress" max={100} value={job.progress} />
          <p className="small">
            {t('import.counts', {
              processed: formatNumber(job.counts.processed),
              created: formatNumber(job.counts.created),
              updated: formatNumber(job.counts.updated),
              skipped: formatNumber(job.counts.skipped),
              rejected: formatNumber(job.counts.rejected),
            })}
          </p>
          {job.error && <p className="field-error">{job.error}</p>}
          {job.rejectedRowsUrl && (
            <button type="button" className="btn" onClick={() => void download(job.rejectedRowsUrl!.replace(/^\/api\/v1/, ''), undefined, 'filas-rechazadas.csv').catch(setError)}>
              {t('import.rejectedFile')}
            </button>
          )}
        </div>
      )}
    </form>
  );
}

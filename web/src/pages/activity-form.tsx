import { useState, type FormEvent } from 'react';
import { call } from '../api/client';
import { ApiError } from '../api/problem';
import { ErrorNotice, SelectField, TextField } from '../components/ui';
import { useT } from '../i18n/use-t';

const TYPES = ['task', 'call', 'meeting', 'visit', 'email'] as const;

/** Schedule an activity (optionally on an opportunity); the due time is local (Bogotá) and sent as ISO. */
export function ActivityForm({ opportunityId, contactId, onSaved }: { opportunityId?: string; contactId?: string; onSaved: () => void }) {
  const t = useT();
  const [type, setType] = useState<(typeof TYPES)[number]>('call');
  const [subject, setSubject] = useState('');
  const [dueAt, setDueAt] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await call('post', '/api/v1/activities', {
        body: { type, subject, ...(opportunityId ? { opportunityId } : {}), ...(contactId ? { contactId } : {}), ...(dueAt ? { dueAt: new Date(dueAt).toISOString() } : {}) },
        headers: { 'idempotency-key': crypto.randomUUID() },
      });
      setSubject('');
      setDueAt('');
      onSaved();
    } catch (caught) {
      setError(caught as ApiError);
    }
  }
  return (
    <form className="row wrap align-end" onSubmit={(event) => void submit(event)} aria-label={t('agenda.new')}>
      <SelectField
        label={t('agenda.type')}
        value={type}
        onChange={(event) => setType(event.target.value as (typeof TYPES)[number])}
        options={TYPES.map((value) => ({ value, label: t(`agenda.type.${value}`) }))}
      />
      <TextField label={t('agenda.subject')} required value={subject} onChange={(event) => setSubject(event.target.value)} error={error?.fieldMessage('subject')} />
      <TextField label={t('agenda.due')} type="datetime-local" value={dueAt} onChange={(event) => setDueAt(event.target.value)} error={error?.fieldMessage('dueAt')} />
      <button type="submit" className="btn">
        {t('admin.add')}
      </button>
      {error && !error.errors.length && <ErrorNotice error={error} />}
    </form>
  );
}

import { useRef, useState, type FormEvent } from 'react';
import { PaperclipIcon } from '../components/paperclip-icon';
import { api, call } from '../api/client';
import { ApiError } from '../api/problem';
import { LockIcon } from '../components/lock-icon';
import { ErrorNotice, SelectField, TextArea, useLoad } from '../components/ui';
import { formatNumber } from '../i18n/format';
import { useT } from '../i18n/use-t';
import { realtime } from '../realtime/realtime-client';

interface Canned {
  id: string;
  title: string;
  scope: 'personal' | 'team' | 'tenant';
}

/**
 * Reply publicly or leave an internal note, with up to 5 files (multipart to the same endpoint)
 * and a canned response filled for this ticket by the API (`…/canned-responses/{id}/render`),
 * which the agent can still edit before sending. Typing in a public reply sends `typing` frames.
 */
export function TicketComposer({ ticketId, onSent }: { ticketId: string; onSent: () => void }) {
  const t = useT();
  const [kind, setKind] = useState<'public' | 'internal'>('public');
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [sending, setSending] = useState(false);
  const [cannedId, setCannedId] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  const lastTyping = useRef(0);
  const canned = useLoad((signal) => api<{ items: Canned[] }>('/canned-responses', { signal }), []);

  function onType(value: string) {
    setBody(value);
    if (kind === 'public' && Date.now() - lastTyping.current > 2000) {
      lastTyping.current = Date.now();
      realtime.typing(`ticket:${ticketId}`);
    }
  }

  async function useCanned(id: string) {
    setCannedId(id);
    if (!id) return;
    setError(null);
    try {
      const rendered = (await call('post', '/api/v1/tickets/{ticketId}/canned-responses/{cannedId}/render', { params: { ticketId, cannedId: id } })) as { text: string };
      setBody((current) => (current.trim() ? `${current.trimEnd()}\n\n${rendered.text}` : rendered.text));
      setKind('public');
    } catch (caught) {
      setError(caught as ApiError);
    } finally {
      setCannedId('');
    }
  }

  async function send(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setSending(true);
    try {
      if (files.length > 0) {
        const form = new FormData();
        form.append('kind', kind);
        form.append('body', body);
        for (const file of files) form.append('files', file, file.name);
        await api(`/tickets/${ticketId}/messages`, { method: 'POST', body: form });
      } else {
        await call('post', '/api/v1/tickets/{ticketId}/messages', { params: { ticketId }, body: { kind, body } });
      }
      setBody('');
      setFiles([]);
      if (fileInput.current) fileInput.current.value = '';
      onSent();
    } catch (caught) {
      setError(caught as ApiError);
    } finally {
      setSending(false);
    }
  }

  return (
    <form className={`composer composer-${kind}`} onSubmit={(event) => void send(event)}>
      <ErrorNotice error={error && !error.fieldMessage('body') ? error : null} />
      <div className="row between wrap align-end">
        <div role="radiogroup" aria-label={t('tickets.message')} className="segmented">
          <label className={`btn ${kind === 'public' ? 'active' : ''}`}>
            <input type="radio" name="kind" value="public" checked={kind === 'public'} onChange={() => setKind('public')} /> {t('tickets.public')}
          </label>
          <label className={`btn ${kind === 'internal' ? 'active' : ''}`}>
            <input type="radio" name="kind" value="internal" checked={kind === 'internal'} onChange={() => setKind('internal')} /> <LockIcon /> {t('tickets.internal')}
          </label>
        </div>
        <SelectField
          label={t('tickets.canned')}
          value={cannedId}
          onChange={(event) => void useCanned(event.target.value)}
          options={[
            { value: '', label: t('tickets.cannedPick') },
            ...(canned.data?.items ?? []).map((item) => ({ value: item.id, label: `${item.title} · ${t(`canned.scope.${item.scope}`)}` })),
          ]}
        />
      </div>
      <TextArea
        label={kind === 'public' ? t('tickets.reply') : t('tickets.internal')}
        hint={`${kind === 'public' ? t('tickets.publicHint') : t('tickets.internalHint')} ${t('tickets.markdownHint')}`}
        required
        rows={5}
        value={body}
        onChange={(event) => onType(event.target.value)}
        error={error?.fieldMessage('body')}
      />
      <div className="row wrap align-end">
        <label className="btn file-button">
          <PaperclipIcon /> {t('tickets.attach')}
          <input
            ref={fileInput}
            type="file"
            multiple
            className="sr-only"
            onChange={(event) => setFiles(Array.from(event.target.files ?? []).slice(0, 5))}
            aria-describedby={`attach-hint-${ticketId}`}
          />
        </label>
        <small id={`attach-hint-${ticketId}`} className="hint">
          {t('tickets.attachHint')}
        </small>
      </div>
      {files.length > 0 && (
        <ul className="attachments" aria-label={t('tickets.toAttach')}>
          {files.map((file) => (
            <li key={`${file.name}-${file.size}`}>
              {file.name} ({formatNumber(file.size / 1024, 1)} KB){' '}
              <button type="button" className="link danger" onClick={() => setFiles((all) => all.filter((other) => other !== file))}>
                {t('tickets.removeFile', { name: file.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="submit" className={`btn ${kind === 'public' ? 'btn-primary' : 'btn-warn'}`} disabled={sending}>
        {kind === 'public' ? t('common.send') : t('tickets.internal')}
      </button>
    </form>
  );
}

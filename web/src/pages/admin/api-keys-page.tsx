import { useState, type FormEvent } from 'react';
import { api, call } from '../../api/client';
import { ApiError } from '../../api/problem';
import { Badge, Empty, ErrorNotice, TextField, Toast, useLoad, useToast } from '../../components/ui';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';

interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const RESOURCES = ['contacts', 'opportunities', 'tickets'] as const;

/** API keys for integrations: create with scopes (the key is shown once), list, revoke. */
export default function ApiKeysPage() {
  const t = useT();
  const [toast, showToast] = useToast();
  const keys = useLoad((signal) => api<{ items: ApiKey[] }>('/api-keys', { query: { limit: 100 }, signal }), []);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['contacts:read']);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const toggle = (scope: string) => setScopes((all) => (all.includes(scope) ? all.filter((item) => item !== scope) : [...all, scope]));

  async function create(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const answer = (await call('post', '/api/v1/api-keys', { body: { name, scopes } })) as ApiKey & { key: string };
      setCreated({ name: answer.name, key: answer.key });
      setName('');
      keys.reload();
    } catch (caught) {
      setError(caught as ApiError);
    }
  }

  async function revoke(key: ApiKey) {
    if (!window.confirm(t('apiKeys.confirmRevoke', { name: key.name }))) return;
    setError(null);
    try {
      await call('delete', '/api/v1/api-keys/{id}', { params: { id: key.id } });
      showToast(t('apiKeys.revoked', { name: key.name }));
      keys.reload();
    } catch (caught) {
      setError(caught as ApiError);
    }
  }

  return (
    <section className="page" aria-labelledby="keys-title">
      <Toast message={toast} />
      <h1 id="keys-title">{t('nav.apiKeys')}</h1>
      <p className="muted">{t('apiKeys.intro')}</p>
      {error && <ErrorNotice error={error} />}
      <form className="card stack" onSubmit={(event) => void create(event)} aria-labelledby="keys-new">
        <h2 id="keys-new">{t('apiKeys.new')}</h2>
        <TextField label={t('common.name')} required value={name} onChange={(event) => setName(event.target.value)} error={error?.fieldMessage('name')} />
        <fieldset>
          <legend>{t('apiKeys.scopes')}</legend>
          <div className="row wrap">
            {RESOURCES.flatMap((resource) =>
              (['read', 'write'] as const).map((access) => {
                const scope = `${resource}:${access}`;
                return (
                  <label key={scope} className="check">
                    <input type="checkbox" checked={scopes.includes(scope)} onChange={() => toggle(scope)} /> <code>{scope}</code>
                  </label>
                );
              }),
            )}
          </div>
          {error?.fieldMessage('scopes') && (
            <small className="field-error" role="alert">
              {error.fieldMessage('scopes')}
            </small>
          )}
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary">
            {t('common.create')}
          </button>
        </div>
      </form>
      {created && (
        <div className="card notice" role="alert" data-testid="new-api-key">
          <p>
            <strong>{t('apiKeys.showOnce', { name: created.name })}</strong>
          </p>
          <p>
            <code className="secret">{created.key}</code>{' '}
            <button type="button" className="btn btn-small" onClick={() => void navigator.clipboard?.writeText(created.key).then(() => showToast(t('apiKeys.copied')))}>
              {t('apiKeys.copy')}
            </button>
          </p>
        </div>
      )}
      <div className="card table-wrap">
        {keys.error && <ErrorNotice error={keys.error} onRetry={keys.reload} />}
        {(keys.data?.items ?? []).length === 0 ? (
          <Empty />
        ) : (
          <table className="table">
            <caption className="sr-only">{t('nav.apiKeys')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.name')}</th>
                <th scope="col">{t('apiKeys.prefix')}</th>
                <th scope="col">{t('apiKeys.scopes')}</th>
                <th scope="col">{t('common.created')}</th>
                <th scope="col">{t('apiKeys.lastUsed')}</th>
                <th scope="col">
                  <span className="sr-only">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.data!.items.map((key) => (
                <tr key={key.id}>
                  <th scope="row">{key.name}</th>
                  <td>
                    <code>{key.prefix}…</code>
                  </td>
                  <td>{key.scopes.join(', ')}</td>
                  <td>{formatDateTime(key.createdAt)}</td>
                  <td>{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : '—'}</td>
                  <td>
                    {key.revokedAt ? (
                      <Badge tone="danger">{t('apiKeys.revokedAt', { at: formatDateTime(key.revokedAt) })}</Badge>
                    ) : (
                      <button type="button" className="btn btn-small btn-danger" onClick={() => void revoke(key)}>
                        {t('apiKeys.revoke')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}

import { useState, type FormEvent } from 'react';
import { api, call } from '../../api/client';
import { ApiError } from '../../api/problem';
import { hasRole, type Session } from '../../auth/session-store';
import { useSession } from '../../auth/use-session';
import { Badge, ErrorNotice, SelectField, TextArea, TextField, Toast, useLoad, useToast } from '../../components/ui';
import { useT } from '../../i18n/use-t';
import { FormError } from './form-error';

interface Canned {
  id: string;
  scope: 'personal' | 'team' | 'tenant';
  teamId: string | null;
  title: string;
  body: string;
  canManage: boolean;
  version: number;
}

/**
 * What the signed-in user may create, as the tickets API decides (canned-access.ts): a read-only
 * user nothing; anyone else personal ones; managers also their own teams' ones; admins also any
 * team's and the company's. The console offers no more (the API refuses the rest anyway).
 */
function creatableScopes(session: Session | null): { scopes: Array<Canned['scope']>; anyTeam: boolean } {
  if (!session || session.user.roles.every((role) => role === 'readonly')) return { scopes: [], anyTeam: false };
  if (hasRole(session, 'admin')) return { scopes: ['tenant', 'team', 'personal'], anyTeam: true };
  if (hasRole(session, 'manager') && session.user.teamIds.length > 0) return { scopes: ['personal', 'team'], anyTeam: false };
  return { scopes: ['personal'], anyTeam: false };
}

/**
 * Canned responses: the company's, a team's, or personal; placeholders such as {{solicitante.nombre}} are filled per ticket.
 * Served at /admin/respuestas-predefinidas (admins) and /respuestas-predefinidas (everyone, for their own ones).
 */
export default function CannedResponsesPage() {
  const t = useT();
  const session = useSession();
  const { scopes, anyTeam } = creatableScopes(session);
  const [toast, showToast] = useToast();
  const list = useLoad((signal) => api<{ items: Canned[] }>('/canned-responses', { signal }), []);
  // GET /teams is for admins and managers; a manager picks among their own teams.
  const teams = useLoad(
    (signal) =>
      scopes.includes('team')
        ? api<{ items: Array<{ id: string; name: string }> }>('/teams', { query: { limit: 100 }, signal }).catch(() => ({ items: [] }))
        : Promise.resolve({ items: [] as Array<{ id: string; name: string }> }),
    [scopes.includes('team')],
  );
  const teamChoices = (teams.data?.items ?? []).filter((team) => anyTeam || session?.user.teamIds.includes(team.id));
  const [editing, setEditing] = useState<Canned | null>(null);
  const [scope, setScope] = useState<Canned['scope']>(scopes[0] ?? 'personal');
  const [teamId, setTeamId] = useState('');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [error, setError] = useState<ApiError | null>(null);

  function edit(item: Canned | null) {
    setEditing(item);
    setTitle(item?.title ?? '');
    setBody(item?.body ?? '');
    setError(null);
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      if (editing) await call('patch', '/api/v1/canned-responses/{id}', { params: { id: editing.id }, body: { title, body, version: editing.version } });
      else await call('post', '/api/v1/canned-responses', { body: { scope, title, body, ...(scope === 'team' ? { teamId } : {}) } });
      edit(null);
      list.reload();
      showToast(t('common.saved'));
    } catch (caught) {
      setError(caught as ApiError);
      if (caught instanceof ApiError && caught.status === 412) list.reload();
    }
  }

  async function remove(item: Canned) {
    if (!window.confirm(t('canned.confirmDelete', { title: item.title }))) return;
    try {
      await call('delete', '/api/v1/canned-responses/{id}', { params: { id: item.id } });
      list.reload();
    } catch (caught) {
      setError(caught as ApiError);
    }
  }

  return (
    <section className="page" aria-labelledby="canned-title">
      <Toast message={toast} />
      <h1 id="canned-title">{t('nav.canned')}</h1>
      <p className="muted">{t('canned.intro')}</p>
      {list.error && <ErrorNotice error={list.error} onRetry={list.reload} />}
      <div className="grid-2">
        <article className="card" aria-labelledby="canned-list">
          <h2 id="canned-list">{t('canned.list')}</h2>
          <ul className="list">
            {(list.data?.items ?? []).map((item) => (
              <li key={item.id} className="stack">
                <div className="row between wrap">
                  <strong>{item.title}</strong>
                  <Badge tone="info">{t(`canned.scope.${item.scope}`)}</Badge>
                </div>
                <p className="pre small">{item.body}</p>
                {item.canManage && (
                  <div className="row wrap">
                    <button type="button" className="btn btn-small" onClick={() => edit(item)}>
                      {t('common.edit')}
                    </button>
                    <button type="button" className="btn btn-small btn-danger" onClick={() => void remove(item)}>
                      {t('common.delete')}
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        </article>
        {scopes.length === 0 && !editing ? (
          <p className="card muted" data-testid="canned-read-only">
            {t('canned.readOnly')}
          </p>
        ) : (
          <form className="card stack" onSubmit={(event) => void save(event)} aria-labelledby="canned-form">
            <h2 id="canned-form">{editing ? t('canned.edit', { title: editing.title }) : t('canned.new')}</h2>
            <FormError error={error} fields={(field) => ['scope', 'teamId', 'title', 'body'].includes(field)} />
            {!editing && (
              <>
                {scopes.length > 1 ? (
                  <SelectField
                    label={t('canned.scope')}
                    value={scope}
                    onChange={(event) => setScope(event.target.value as Canned['scope'])}
                    options={scopes.map((value) => ({ value, label: t(`canned.scope.${value}`) }))}
                    error={error?.fieldMessage('scope')}
                  />
                ) : (
                  <p className="small muted">{t('canned.personalOnly')}</p>
                )}
                {scope === 'team' && (
                  <SelectField
                    label={t('dash.team')}
                    required
                    value={teamId}
                    onChange={(event) => setTeamId(event.target.value)}
                    options={[{ value: '', label: '—' }, ...teamChoices.map((team) => ({ value: team.id, label: team.name }))]}
                    error={error?.fieldMessage('teamId')}
                  />
                )}
              </>
            )}
            <TextField label={t('canned.titleField')} required value={title} onChange={(event) => setTitle(event.target.value)} error={error?.fieldMessage('title')} />
            <TextArea
              label={t('canned.body')}
              required
              rows={6}
              value={body}
              onChange={(event) => setBody(event.target.value)}
              hint={t('canned.placeholders')}
              error={error?.fieldMessage('body')}
            />
            <div className="form-actions">
              <button type="submit" className="btn btn-primary">
                {t('common.save')}
              </button>
              {editing && (
                <button type="button" className="btn" onClick={() => edit(null)}>
                  {t('common.cancel')}
                </button>
              )}
            </div>
          </form>
        )}
      </div>
    </section>
  );
}

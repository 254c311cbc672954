import { useState, type FormEvent } from 'react';
import { api, call } from '../../api/client';
import { ApiError } from '../../api/problem';
import { Badge, ErrorNotice, Loading, TextField, useLoad } from '../../components/ui';
import { formatDate } from '../../i18n/format';
import { useT } from '../../i18n/use-t';

interface User {
  id: string;
  email: string;
  name: string;
  roles: string[];
  teamIds: string[];
  active: boolean;
  createdAt: string;
}

const ROLES = ['admin', 'manager', 'sales', 'support', 'readonly'] as const;

export default function UsersPage() {
  const t = useT();
  const users = useLoad((signal) => api<{ items: User[] }>('/users', { query: { limit: 200 }, signal }), []);
  const teams = useLoad((signal) => api<{ items: Array<{ id: string; name: string }> }>('/teams', { query: { limit: 200 }, signal }), []);
  const [form, setForm] = useState({ name: '', email: '', password: '', roles: ['sales'] as string[], teamId: '' });
  const [error, setError] = useState<ApiError | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await call('post', '/api/v1/users', {
        body: { name: form.name, email: form.email, password: form.password, roles: form.roles as Array<(typeof ROLES)[number]>, teamIds: form.teamId ? [form.teamId] : [] } as never,
      });
      setForm({ name: '', email: '', password: '', roles: ['sales'], teamId: '' });
      users.reload();
    } catch (caught) {
      setError(caught as ApiError);
    }
  }

  const teamName = (id: string) => teams.data?.items.find((team) => team.id === id)?.name ?? id.slice(0, 8);

  return (
    <section className="page" aria-labelledby="users-title">
      <h1 id="users-title">{t('admin.users')}</h1>
      <form className="card form-grid" onSubmit={(event) => void submit(event)} aria-label={t('admin.newUser')}>
        <h2 className="span-all">{t('admin.newUser')}</h2>
        <TextField label={t('common.name')} required value={form.name} onChange={(event) => setForm({ ...form, name: event.target.value })} error={error?.fieldMessage('name')} />
        <TextField
          label={t('common.email')}
          type="email"
          required
          value={form.email}
          onChange={(event) => setForm({ ...form, email: event.target.value })}
          error={error?.fieldMessage('email')}
        />
        <TextField
          label={t('admin.password')}
          type="password"
          required
          autoComplete="new-password"
          value={form.password}
          onChange={(event) => setForm({ ...form, password: event.target.value })}
          error={error?.fieldMessage('password')}
        />
        <fieldset className="field">
          <legend>{t('admin.roles')}</legend>
          {ROLES.map((role) => (
            <label key={role} className="inline">
              <input
                type="checkbox"
                checked={form.roles.includes(role)}
                onChange={(event) => setForm({ ...form, roles: event.target.checked ? [...form.roles, role] : form.roles.filter((item) => item !== role) })}
              />{' '}
              {role}
            </label>
          ))}
          {error?.fieldMessage('roles') && <small className="field-error">{error.fieldMessage('roles')}</small>}
        </fieldset>
        <div className="field">
          <label htmlFor="user-team">{t('dash.team')}</label>
          <select id="user-team" value={form.teamId} onChange={(event) => setForm({ ...form, teamId: event.target.value })}>
            <option value="">—</option>
            {(teams.data?.items ?? []).map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </div>
        {error && !error.errors.length && <ErrorNotice error={error} />}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary">
            {t('common.create')}
          </button>
        </div>
      </form>
      <ErrorNotice error={users.error} />
      {users.loading && !users.data ? (
        <Loading />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('common.name')}</th>
                <th scope="col">{t('common.email')}</th>
                <th scope="col">{t('admin.roles')}</th>
                <th scope="col">{t('admin.teams')}</th>
                <th scope="col">{t('admin.active')}</th>
                <th scope="col">{t('common.created')}</th>
              </tr>
            </thead>
            <tbody>
              {(users.data?.items ?? []).map((user) => (
                <tr key={user.id}>
                  <td>{user.name}</td>
                  <td>{user.email}</td>
                  <td>
                    {user.roles.map((role) => (
                      <Badge key={role}>{role}</Badge>
                    ))}
                  </td>
                  <td>{user.teamIds.map(teamName).join(', ') || '—'}</td>
                  <td>{user.active ? t('common.yes') : t('common.no')}</td>
                  <td>{formatDate(user.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

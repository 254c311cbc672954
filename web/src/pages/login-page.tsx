import { useEffect, useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { SESSION_EXPIRED, call } from '../api/client';
import { ApiError } from '../api/problem';
import { sessionFrom, writeSession, type SessionAnswer } from '../auth/session-store';
import { useSession } from '../auth/use-session';
import { ErrorNotice, TextField } from '../components/ui';
import { markUsable } from '../components/usable-mark';
import { setLocale } from '../i18n/locale-store';
import { useLocale, useT } from '../i18n/use-t';

/** Only paths of this console (never another origin) are followed after login. */
const safeNext = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') ? next : '/');

export function LoginPage() {
  const t = useT();
  const locale = useLocale();
  const navigate = useNavigate();
  const session = useSession();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [tenant, setTenant] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => markUsable('login'), []);

  if (session && !busy) return <Navigate to={next} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await (call('post', '/api/v1/auth/login', { body: { email, password, ...(tenant ? { tenant } : {}) }, anonymous: true }) as Promise<SessionAnswer>);
      // Until now every redirect here said why (several requests may fail one after another).
      sessionStorage.removeItem(SESSION_EXPIRED);
      writeSession(sessionFrom(answer));
      navigate(next, { replace: true });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, String(caught)));
      setBusy(false);
    }
  }

  return (
    <main id="main" className="login">
      <form className="card login-card" onSubmit={(event) => void submit(event)} aria-labelledby="login-title" noValidate>
        <div className="row between">
          <h1 id="login-title">{t('auth.title')}</h1>
          <button type="button" className="btn btn-ghost" onClick={() => setLocale(locale === 'es' ? 'en' : 'es')} lang={locale === 'es' ? 'en' : 'es'}>
            {t('lang.switch')}
          </button>
        </div>
        {params.get('expired') && (
          <p className="notice notice-warn" role="status">
            {t('auth.expired')}
          </p>
        )}
        <ErrorNotice error={error && !error.errors.length ? error : null} />
        <TextField
          label={t('auth.email')}
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={error?.fieldMessage('email')}
        />
        <TextField
          label={t('auth.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={error?.fieldMessage('password')}
        />
        {error?.fieldMessage('tenant') && (
          <TextField label={t('auth.tenant')} name="tenant" value={tenant} onChange={(event) => setTenant(event.target.value)} error={error.fieldMessage('tenant')} />
        )}
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('auth.submit')}
        </button>
      </form>
    </main>
  );
}

import { Link } from 'react-router';
import { useT } from '../i18n/use-t';

export function ForbiddenPage() {
  const t = useT();
  return (
    <section className="page narrow" aria-labelledby="forbidden-title">
      <div className="notice notice-error" role="alert">
        <h1 id="forbidden-title">{t('forbidden.title')}</h1>
        <p>{t('forbidden.body')}</p>
        <p>
          <Link to="/">{t('nav.dashboard')}</Link>
        </p>
      </div>
    </section>
  );
}

export function NotFoundPage() {
  const t = useT();
  return (
    <section className="page narrow">
      <h1>{t('notFound.title')}</h1>
      <p>
        <Link to="/">{t('nav.dashboard')}</Link>
      </p>
    </section>
  );
}

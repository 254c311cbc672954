import type { ReactNode } from 'react';
import { setLocale } from '../../i18n/locale-store';
import { useLocale, useT } from '../../i18n/use-t';

/** The frame of the pages citizens see without logging in. */
export function PublicFrame({ title, children }: { title: string; children: ReactNode }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="public">
      <header className="topbar">
        <span className="brand">{t('pqr.title')}</span>
        <button type="button" className="btn btn-ghost" onClick={() => setLocale(locale === 'es' ? 'en' : 'es')} lang={locale === 'es' ? 'en' : 'es'}>
          {t('lang.switch')}
        </button>
      </header>
      <main id="main" className="page narrow">
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}

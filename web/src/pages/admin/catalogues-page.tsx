import { Link } from 'react-router';
import { api } from '../../api/client';
import { useLoad } from '../../components/ui';
import { useT } from '../../i18n/use-t';
import { SimpleList } from './simple-list';

export default function CataloguesPage() {
  const t = useT();
  const portal = useLoad((signal) => api<{ portalKey: string; active: boolean }>('/pqr-portal', { signal }).catch(() => null), []);
  return (
    <section className="page" aria-labelledby="catalogues-title">
      <h1 id="catalogues-title">{t('nav.catalogues')}</h1>
      {portal.data && (
        <p className="card">
          {t('admin.pqrPortal')}: <Link to={`/pqr/${portal.data.portalKey}`}>{`${location.origin}/pqr/${portal.data.portalKey}`}</Link>
        </p>
      )}
      <div className="grid-2">
        <SimpleList title={t('admin.sources')} path="/sources" />
        <SimpleList title={t('admin.interests')} path="/interests" />
        <SimpleList title={t('admin.lostReasons')} path="/lost-reasons" />
        <SimpleList title={t('admin.ticketCategories')} path="/ticket-categories" />
      </div>
    </section>
  );
}

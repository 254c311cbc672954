import { useT } from '../../i18n/use-t';
import { SimpleList } from './simple-list';

export default function TeamsPage() {
  const t = useT();
  return (
    <section className="page narrow" aria-labelledby="teams-title">
      <h1 id="teams-title">{t('admin.teams')}</h1>
      <SimpleList title={t('admin.teams')} path="/teams" />
    </section>
  );
}

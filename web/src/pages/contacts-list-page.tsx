import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, download } from '../api/client';
import { Badge, Empty, ErrorNotice, Loading, useLoad } from '../components/ui';
import { formatDate } from '../i18n/format';
import { useT } from '../i18n/use-t';
import type { Contact, Page } from './contact-types';
import { ContactsImport } from './contacts-import';

const FILTERS = ['q', 'kind', 'lifecycle', 'city', 'priority', 'sort'] as const;

/** The directory: search and filters live in the URL (shareable, back button works). */
export default function ContactsListPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const query: Record<string, string> = {};
  for (const name of FILTERS) {
    const value = params.get(name);
    if (value && !(name === 'q' && value.trim().length < 3)) query[name] = value;
  }
  const key = JSON.stringify(query);
  const [extra, setExtra] = useState<{ key: string; items: Contact[]; cursor: string | null } | null>(null);
  const page = useLoad((signal) => api<Page<Contact>>('/contacts', { query: { ...query, limit: 25 }, signal }), [key]);
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [exportError, setExportError] = useState<unknown>(null);

  const items = [...(page.data?.items ?? []), ...(extra?.key === key ? extra.items : [])];
  const cursor = extra?.key === key ? extra.cursor : (page.data?.nextCursor ?? null);

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
  };

  async function loadMore() {
    if (!cursor) return;
    const more = await api<Page<Contact>>('/contacts', { query: { ...query, limit: 25, cursor } });
    setExtra({ key, items: [...(extra?.key === key ? extra.items : []), ...more.items], cursor: more.nextCursor });
  }

  function submitSearch(event: FormEvent) {
    event.preventDefault();
    setFilter('q', search.trim());
  }

  async function exportAs(format: 'csv' | 'xlsx') {
    setExportError(null);
    try {
      await download('/contacts/export', { ...query, format }, `contactos.${format}`);
    } catch (error) {
      setExportError(error);
    }
  }

  const lifecycleTone = { contact: 'neutral', prospect: 'info', customer: 'ok', supplier: 'warn' } as const;

  return (
    <section className="page" aria-labelledby="contacts-title">
      <div className="row between wrap">
        <h1 id="contacts-title">{t('contacts.title')}</h1>
        <div className="row wrap">
          <button type="button" className="btn" onClick={() => void exportAs('csv')}>
            {t('contacts.exportCsv')}
          </button>
          <button type="button" className="btn" onClick={() => void exportAs('xlsx')}>
            {t('contacts.exportXlsx')}
          </button>
          <button type="button" className="btn" aria-expanded={params.get('importar') === '1'} onClick={() => setFilter('importar', params.get('importar') === '1' ? '' : '1')}>
            {t('contacts.import')}
          </button>
          <Link className="btn btn-primary" to="/clientes/nuevo">
            {t('contacts.new')}
          </Link>
        </div>
      </div>
      <ErrorNotice error={exportError} />
      {params.get('importar') === '1' && <ContactsImport onFinished={page.reload} />}
      <form className="filters" role="search" onSubmit={submitSearch}>
        <label className="grow">
          <span className="sr-only">{t('contacts.search')}</span>
          <input type="search" name="q" placeholder={t('contacts.search')} value={search} onChange={(event) => setSearch(event.target.value)} minLength={3} />
        </label>
        <button type="submit" className="btn">
          {t('common.search')}
        </button>
        <label>
          {t('contacts.kind')}
          <select value={params.get('kind') ?? ''} onChange={(event) => setFilter('kind', event.target.value)}>
            <option value="">{t('common.all')}</option>
            <option value="person">{t('contacts.kind.person')}</option>
            <option value="organization">{t('contacts.kind.organization')}</option>
          </select>
        </label>
        <label>
          {t('contacts.lifecycle')}
          <select value={params.get('lifecycle') ?? ''} onChange={(event) => setFilter('lifecycle', event.target.value)}>
            <option value="">{t('common.all')}</option>
            {(['contact', 'prospect', 'customer', 'supplier'] as const).map((value) => (
              <option key={value} value={value}>
                {t(`contacts.lifecycle.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('contacts.priority')}
          <select value={params.get('priority') ?? ''} onChange={(event) => setFilter('priority', event.target.value)}>
            <option value="">{t('common.all')}</option>
            {(['low', 'normal', 'high'] as const).map((value) => (
              <option key={value} value={value}>
                {t(`contacts.priority.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('common.city')}
          <input defaultValue={params.get('city') ?? ''} onBlur={(event) => setFilter('city', event.target.value.trim())} />
        </label>
      </form>
      <ErrorNotice error={page.error} onRetry={page.reload} />
      {page.loading && !page.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <Empty />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('common.name')}</th>
                <th scope="col">{t('contacts.lifecycle')}</th>
                <th scope="col">{t('common.email')}</th>
                <th scope="col">{t('common.phone')}</th>
                <th scope="col">{t('common.city')}</th>
                <th scope="col">{t('common.created')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((contact) => (
                <tr key={contact.id}>
                  <td>
                    <Link to={`/clientes/${contact.id}`}>{contact.displayName}</Link>
                    <div className="muted small">{t(`contacts.kind.${contact.kind}`)}</div>
                  </td>
                  <td>
                    <Badge tone={lifecycleTone[contact.lifecycle]}>{t(`contacts.lifecycle.${contact.lifecycle}`)}</Badge>
                  </td>
                  <td>{contact.email ?? '—'}</td>
                  <td>{contact.phone ?? '—'}</td>
                  <td>{contact.city ?? '—'}</td>
                  <td>{formatDate(contact.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cursor && (
        <button type="button" className="btn" onClick={() => void loadMore()}>
          {t('common.more')}
        </button>
      )}
    </section>
  );
}

import { useState } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { hasRole, logout } from '../auth/session-store';
import { useSession } from '../auth/use-session';
import { setLocale } from '../i18n/locale-store';
import { useLocale, useT } from '../i18n/use-t';
import type { MessageKey } from '../i18n/messages';
import { NotificationsBell } from './notifications-bell';

interface MenuItem {
  to: string;
  label: MessageKey;
  roles?: string[];
  /** Hidden for these roles (they have the same page in the Administración section). */
  hiddenFor?: string[];
}

const MAIN: MenuItem[] = [
  { to: '/', label: 'nav.dashboard' },
  { to: '/reportes', label: 'nav.reports' },
  { to: '/clientes', label: 'nav.contacts' },
  { to: '/crm', label: 'nav.pipeline' },
  { to: '/crm/agenda', label: 'nav.agenda' },
  { to: '/tickets', label: 'nav.tickets' },
  { to: '/respuestas-predefinidas', label: 'nav.canned', hiddenFor: ['admin'] },
];

export const ADMIN_ROLES = ['admin'];
const ADMIN: MenuItem[] = [
  { to: '/admin/usuarios', label: 'nav.users' },
  { to: '/admin/equipos', label: 'nav.teams' },
  { to: '/admin/embudos', label: 'nav.pipelines' },
  { to: '/admin/catalogos', label: 'nav.catalogues' },
  { to: '/admin/respuestas-predefinidas', label: 'nav.canned' },
  { to: '/admin/sla', label: 'nav.sla' },
  { to: '/admin/formularios-web', label: 'nav.webForms' },
  { to: '/admin/cotizaciones', label: 'nav.quoteSettings' },
  { to: '/admin/claves-api', label: 'nav.apiKeys' },
  { to: '/admin/mensajes-fallidos', label: 'nav.deadLetters' },
];

/** The frame of every logged-in page: menu by role, language, notifications, logout. */
export function AppLayout() {
  const t = useT();
  const locale = useLocale();
  const session = useSession();
  const navigate = useNavigate();
  const [menuOpen, setMenuOpen] = useState(false);
  const isAdmin = hasRole(session, ...ADMIN_ROLES);

  const link = (item: MenuItem) => (
    <li key={item.to}>
      <NavLink to={item.to} end={item.to === '/' || item.to === '/crm'} onClick={() => setMenuOpen(false)}>
        {t(item.label)}
      </NavLink>
    </li>
  );

  return (
    <div className="shell">
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="topbar">
        <button type="button" className="btn btn-ghost menu-toggle" aria-expanded={menuOpen} aria-controls="sidebar" onClick={() => setMenuOpen(!menuOpen)}>
          ☰ <span className="sr-only">{t('nav.menu')}</span>
        </button>
        <span className="brand">
          CRM <small>{session?.tenant.name}</small>
        </span>
        <div className="topbar-actions">
          <button
            type="button"
            className="btn btn-ghost"
            onClick={() => setLocale(locale === 'es' ? 'en' : 'es')}
            aria-label={`${t('lang.label')}: ${t('lang.switch')}`}
            lang={locale === 'es' ? 'en' : 'es'}
          >
            {t('lang.switch')}
          </button>
          <NotificationsBell />
          <span className="user-name">{session?.user.name}</span>
          <button
            type="button"
            className="btn"
            onClick={() => {
              logout();
              navigate('/login', { replace: true });
            }}
          >
            {t('auth.logout')}
          </button>
        </div>
      </header>
      <nav id="sidebar" className={`sidebar${menuOpen ? ' open' : ''}`} aria-label={t('nav.main')}>
        <ul>{MAIN.filter((item) => !item.hiddenFor || !hasRole(session, ...item.hiddenFor)).map(link)}</ul>
        {isAdmin && (
          <>
            <h2 className="nav-heading">{t('nav.admin')}</h2>
            <ul data-testid="admin-menu">{ADMIN.map(link)}</ul>
          </>
        )}
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}

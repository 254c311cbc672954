import type { ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { RequireAuth, RequireRole } from './auth/guards';
import { AppLayout, ADMIN_ROLES } from './layout/app-layout';
import { LoginPage } from './pages/login-page';
import { Loading } from './components/ui';
import { NotFoundPage } from './pages/forbidden-page';

/** Every page but login is its own chunk: the first load carries only the shell. */
const page = (load: () => Promise<{ default: ComponentType }>): Pick<RouteObject, 'lazy'> => ({ lazy: async () => ({ Component: (await load()).default }) });

const admin = (load: () => Promise<{ default: ComponentType }>): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => {
    const Page = (await load()).default;
    return {
      Component: () => (
        <RequireRole roles={ADMIN_ROLES}>
          <Page />
        </RequireRole>
      ),
    };
  },
});

export const routes: RouteObject[] = [
  { path: '/login', Component: LoginPage },
  { path: '/pqr/seguimiento/:radicado?', HydrateFallback: Loading, ...page(() => import('./pages/public/pqr-tracking-page')) },
  { path: '/pqr/:portalKey', HydrateFallback: Loading, ...page(() => import('./pages/public/pqr-form-page')) },
  {
    path: '/',
    HydrateFallback: Loading,
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, ...page(() => import('./pages/dashboard-page')) },
      { path: 'clientes', ...page(() => import('./pages/contacts-list-page')) },
      { path: 'clientes/nuevo', ...page(() => import('./pages/contact-form-page')) },
      { path: 'clientes/:id', ...page(() => import('./pages/contact-profile-page')) },
      { path: 'clientes/:id/editar', ...page(() => import('./pages/contact-form-page')) },
      { path: 'crm', ...page(() => import('./pages/pipeline-page')) },
      { path: 'crm/oportunidades/:id', ...page(() => import('./pages/opportunity-page')) },
      { path: 'crm/agenda', ...page(() => import('./pages/agenda-page')) },
      { path: 'tickets', ...page(() => import('./pages/tickets-inbox-page')) },
      { path: 'tickets/:id', ...page(() => import('./pages/ticket-page')) },
      { path: 'reportes/:report?', ...page(() => import('./pages/reports/reports-page')) },
      { path: 'notification-preferences', ...page(() => import('./pages/notification-preferences-page')) },
      // Everyone's own canned responses (the same page as the admin one; the API decides what each role may change).
      { path: 'respuestas-predefinidas', ...page(() => import('./pages/admin/canned-responses-page')) },
      { path: 'admin/usuarios', ...admin(() => import('./pages/admin/users-page')) },
      { path: 'admin/equipos', ...admin(() => import('./pages/admin/teams-page')) },
      { path: 'admin/embudos', ...admin(() => import('./pages/admin/pipelines-page')) },
      { path: 'admin/catalogos', ...admin(() => import('./pages/admin/catalogues-page')) },
      { path: 'admin/claves-api', ...admin(() => import('./pages/admin/api-keys-page')) },
      { path: 'admin/sla', ...admin(() => import('./pages/admin/sla-page')) },
      { path: 'admin/formularios-web', ...admin(() => import('./pages/admin/web-forms-page')) },
      { path: 'admin/mensajes-fallidos', ...admin(() => import('./pages/admin/dead-letters-page')) },
      { path: 'admin/respuestas-predefinidas', ...admin(() => import('./pages/admin/canned-responses-page')) },
      { path: 'admin/cotizaciones', ...admin(() => import('./pages/admin/quote-settings-page')) },
      { path: '*', Component: NotFoundPage },
    ],
  },
];

export const router = createBrowserRouter(routes);

import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { SESSION_EXPIRED } from '../api/client';
import { ForbiddenPage } from '../pages/forbidden-page';
import { hasRole, wasLoggedOut } from './session-store';
import { useSession } from './use-session';

const here = (location: { pathname: string; search: string; hash: string }) => `${location.pathname}${location.search}${location.hash}`;

/**
 * Logged-in pages: without a session (never had one, logged out elsewhere, or it could not be
 * renewed) to /login?next=<this page>, and back there after login.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (!session) {
    if (wasLoggedOut()) return <Navigate to="/login" replace />;
    // Cleared by the next successful login (not here: rendering has no side effects).
    const expired = sessionStorage.getItem(SESSION_EXPIRED) === '1';
    return <Navigate to={`/login?${expired ? 'expired=1&' : ''}next=${encodeURIComponent(here(location))}`} replace />;
  }
  return <>{children}</>;
}

/** Pages for some roles only: others see the "sin permiso" page (the API refuses them too). */
export function RequireRole({ roles, children }: { roles: string[]; children: ReactNode }) {
  const session = useSession();
  // Shown in place, so the address bar still says which page was refused.
  if (!hasRole(session, ...roles)) return <ForbiddenPage />;
  return <>{children}</>;
}

/** The logged-in session, kept in localStorage so a reload or a new tab stays logged in. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  roles: string[];
  teamIds: string[];
  locale?: string;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms when the access token expires. */
  expiresAt: number;
  user: SessionUser;
  tenant: { id: string; slug: string; name: string };
}

const KEY = 'crm.session';
type Listener = (session: Session | null) => void;
const listeners = new Set<Listener>();

export function readSession(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

/** In sessionStorage while the session could not be renewed, so the login page says why (until the next login). */
export const SESSION_EXPIRED = 'crm.session-expired';

let loggedOut = false;

/** Logging out on purpose: the next login starts at the dashboard, not at this user's last page. */
export function logout(): void {
  loggedOut = true;
  sessionStorage.removeItem(SESSION_EXPIRED);
  writeSession(null);
}

export const wasLoggedOut = (): boolean => loggedOut;

export function writeSession(session: Session | null): void {
  if (session) loggedOut = false;
  if (session) localStorage.setItem(KEY, JSON.stringify(session));
  else localStorage.removeItem(KEY);
  for (const listener of listeners) listener(session);
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export interface SessionAnswer {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: SessionUser;
  tenant: Session['tenant'];
}

export function sessionFrom(answer: SessionAnswer): Session {
  return { accessToken: answer.accessToken, refreshToken: answer.refreshToken, expiresAt: Date.now() + answer.expiresIn * 1000, user: answer.user, tenant: answer.tenant };
}

export const hasRole = (session: Session | null, ...roles: string[]): boolean => !!session && session.user.roles.some((role) => roles.includes(role));

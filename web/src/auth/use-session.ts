import { useSyncExternalStore } from 'react';
import { onSessionChange, readSession, type Session } from './session-store';

let cached: { raw: string | null; session: Session | null } = { raw: null, session: null };

function snapshot(): Session | null {
  const raw = localStorage.getItem('crm.session');
  if (raw !== cached.raw) cached = { raw, session: readSession() };
  return cached.session;
}

function subscribe(listener: () => void): () => void {
  const off = onSessionChange(listener);
  window.addEventListener('storage', listener);
  return () => {
    off();
    window.removeEventListener('storage', listener);
  };
}

export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, snapshot);
}

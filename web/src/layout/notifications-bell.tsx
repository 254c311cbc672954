import { useState } from 'react';
import { Link } from 'react-router';
import { api, call } from '../api/client';
import { useLoad } from '../components/ui';
import { formatRelative } from '../i18n/format';
import { useT } from '../i18n/use-t';
import { usePolling, useTopic } from '../realtime/use-topic';

interface NotificationView {
  id: string;
  title: string;
  body: string;
  link?: string;
  read: boolean;
  createdAt: string;
}

interface Feed {
  items: NotificationView[];
  unreadCount: number;
}

/** The bell: my in-app feed, live on the `notifications` topic (polled when real time is absent). */
export function NotificationsBell() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const feed = useLoad((signal) => api<Feed>('/notifications', { query: { limit: 20 }, signal }).catch(() => ({ items: [], unreadCount: 0 })), []);
  const [announce, setAnnounce] = useState('');
  const status = useTopic('notifications', (frame) => {
    // A new notification pushed live (notifications.in_app.created): announce its title and refresh the feed.
    if (frame.type === 'event' && typeof frame.data?.title === 'string') setAnnounce(frame.data.title);
    if (frame.type === 'event' || frame.type === 'subscribed') feed.reload();
  });
  usePolling(feed.reload, 30_000, status !== 'live');
  const unread = feed.data?.unreadCount ?? 0;

  async function markAllRead() {
    await call('post', '/api/v1/notifications/read-all').catch(() => undefined);
    feed.reload();
  }

  async function markRead(id: string) {
    await api(`/notifications/${id}/read`, { method: 'POST' }).catch(() => undefined);
    feed.reload();
  }

  return (
    <div className="bell">
      <button
        type="button"
        data-testid="bell"
        className="btn btn-ghost"
        aria-expanded={open}
        aria-controls="notifications-panel"
        onClick={() => setOpen(!open)}
        aria-label={`${t('notif.title')}: ${t('notif.unread', { count: unread })}`}
      >
        <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
          <path d="M13.7 21a2 2 0 0 1-3.4 0" />
        </svg>
        {unread > 0 && <span className="bell-count">{unread > 99 ? '99+' : unread}</span>}
      </button>
      {open && (
        <div id="notifications-panel" className="bell-panel" role="region" aria-label={t('notif.title')}>
          <div className="row between wrap">
            <h2>{t('notif.title')}</h2>
            {unread > 0 && (
              <button type="button" className="link" onClick={() => void markAllRead()}>
                {t('notif.markAllRead')}
              </button>
            )}
          </div>
          {(feed.data?.items ?? []).length === 0 && <p className="muted">{t('notif.none')}</p>}
          <ul>
            {(feed.data?.items ?? []).map((item) => (
              <li key={item.id} className={item.read ? 'read' : 'unread'}>
                <strong>
                  {item.link ? (
                    <Link to={item.link.replace(/^https?:\/\/[^/]+/, '')} onClick={() => setOpen(false)}>
                      {item.title}
                    </Link>
                  ) : (
                    item.title
                  )}
                </strong>
                <p>{item.body}</p>
                <small>{formatRelative(item.createdAt)}</small>
                {!item.read && (
                  <button type="button" className="link" onClick={() => void markRead(item.id)}>
                    {t('notif.markRead')}
                  </button>
                )}
              </li>
            ))}
          </ul>
          <Link to="/notification-preferences" onClick={() => setOpen(false)}>
            {t('prefs.title')}
          </Link>
        </div>
      )}
      <span className="sr-only" role="status" aria-live="polite" data-testid="bell-announce">
        {announce && t('notif.new', { title: announce })}
      </span>
    </div>
  );
}

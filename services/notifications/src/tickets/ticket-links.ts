/** `${APP_BASE_URL}/tickets/<id>`: the ticket in the staff web app. */
export function ticketUrl(appBaseUrl: string, ticketId: string): string {
  return `${appBaseUrl.replace(/\/+$/, '')}/tickets/${encodeURIComponent(ticketId)}`;
}

/** The in-app link (relative, like the other feed entries). */
export function ticketPath(ticketId: string): string {
  return `/tickets/${encodeURIComponent(ticketId)}`;
}

/**
 * The satisfaction page: the tracking page's path plus `/satisfaccion`, same token
 * (`…/PQR-2026-000042?token=…` → `…/PQR-2026-000042/satisfaccion?token=…`).
 */
export function satisfactionUrl(trackingUrl: string | null): string | null {
  if (!trackingUrl) return null;
  try {
    const url = new URL(trackingUrl);
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/satisfaccion`;
    return url.toString();
  } catch {
    return null;
  }
}

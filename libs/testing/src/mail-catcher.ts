import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReceivedMail } from './received-mail.js';
import { inboxPage, messagePage, notFoundPage } from './mail-catcher-pages.js';
import { startSmtpServer, type RunningSmtpServer } from './smtp-test-server.js';

export const MAIL_CATCHER_CAPACITY = 500;

export interface RunningMailCatcher {
  smtp: RunningSmtpServer;
  /** smtp://127.0.0.1:<port>, what SMTP_URL should hold. */
  smtpUrl: string;
  /** http://127.0.0.1:<port>, the web inbox. */
  webUrl: string;
  stop(): Promise<void>;
}

// Our own pages: inline styles only. Sandboxed e-mail HTML: no scripts, forms, plugins, network
// or same-origin access; inline styles and embedded images are allowed so it still looks right.
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; img-src data:; base-uri 'none'; form-action 'none'";
const MAIL_HTML_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:";

function send(res: ServerResponse, status: number, contentType: string, body: string, csp = PAGE_CSP): void {
  res.writeHead(status, {
    'content-type': contentType,
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  });
  res.end(body);
}

function summary(mail: ReceivedMail): Omit<ReceivedMail, 'raw'> {
  const { raw: _raw, ...rest } = mail;
  return rest;
}

// Only loopback names: a DNS-rebinding page on some other name cannot read the inbox.
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function route(smtp: RunningSmtpServer, req: IncomingMessage, res: ServerResponse): void {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
  if (!LOCAL_HOSTS.has(host)) {
    send(res, 421, 'application/json', JSON.stringify({ error: 'use http://127.0.0.1 or http://localhost' }));
    return;
  }
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  const method = req.method ?? 'GET';
  const find = (id: string) => smtp.messages.find((m) => m.id === decodeURIComponent(id));

  if (pathname === '/api/messages' && method === 'DELETE') {
    smtp.clear();
    res.writeHead(204).end();
    return;
  }
  if (method !== 'GET' && method !== 'HEAD') {
    send(res, 405, 'application/json', JSON.stringify({ error: 'method not allowed' }));
    return;
  }
  if (pathname === '/') return send(res, 200, 'text/html; charset=utf-8', inboxPage(smtp.messages));
  if (pathname === '/api/messages') {
    // Newest first, like the page; the raw source is left out to keep the list light.
    return send(res, 200, 'application/json; charset=utf-8', JSON.stringify([...smtp.messages].reverse().map(summary)));
  }
  const api = /^\/api\/messages\/([^/]+)$/.exec(pathname);
  if (api) {
    const mail = find(api[1]);
    return mail ? send(res, 200, 'application/json; charset=utf-8', JSON.stringify(mail)) : send(res, 404, 'application/json', '{"error":"not found"}');
  }
  const view = /^\/messages\/([^/]+)(\/html|\/raw)?$/.exec(pathname);
  const mail = view ? find(view[1]) : undefined;
  if (!view || !mail) return send(res, 404, 'text/html; charset=utf-8', notFoundPage());
  if (view[2] === '/html') return send(res, 200, 'text/html; charset=utf-8', mail.html, MAIL_HTML_CSP);
  if (view[2] === '/raw') return send(res, 200, 'text/plain; charset=utf-8', mail.raw);
  return send(res, 200, 'text/html; charset=utf-8', messagePage(mail));
}

/**
 * The development mail catcher `npm start` runs when SMTP_URL is not set: the SMTP server
 * (127.0.0.1:1025 by default) keeping the last 500 messages, and a web inbox
 * (127.0.0.1:1080) with a JSON API: GET/DELETE /api/messages, GET /api/messages/:id.
 */
export async function startMailCatcher(opts: { smtpPort?: number; webPort?: number } = {}): Promise<RunningMailCatcher> {
  const smtp = await startSmtpServer({ port: opts.smtpPort ?? 1025, maxMessages: MAIL_CATCHER_CAPACITY });
  const web = createServer((req, res) => {
    try {
      route(smtp, req, res);
    } catch {
      if (!res.headersSent) send(res, 500, 'application/json', '{"error":"internal error"}');
      else res.destroy();
    }
  });
  try {
    await new Promise<void>((resolve, reject) => {
      web.once('error', reject);
      web.listen(opts.webPort ?? 1080, '127.0.0.1', () => {
        web.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    await smtp.stop();
    throw err;
  }
  const webPort = (web.address() as AddressInfo).port;
  let stopping: Promise<void> | undefined;
  return {
    smtp,
    smtpUrl: smtp.url,
    webUrl: `http://127.0.0.1:${webPort}`,
    stop() {
      stopping ??= Promise.all([
        new Promise<void>((resolve) => {
          web.close(() => resolve());
          web.closeAllConnections();
        }),
        smtp.stop(),
      ]).then(() => undefined);
      return stopping;
    },
  };
}

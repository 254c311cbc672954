import { currentLocale } from '../i18n/locale-store';
import { SESSION_EXPIRED, readSession, sessionFrom, writeSession, type SessionAnswer } from '../auth/session-store';
import { ApiError, toApiError } from './problem';
import type { paths } from './schema.gen';

export const API = '/api/v1';

export { SESSION_EXPIRED };

let refreshing: Promise<boolean> | null = null;

/** One refresh at a time: concurrent 401s wait for the same rotation (the old refresh token dies). */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    const session = readSession();
    if (!session) return false;
    try {
      const response = await fetch(`${API}/auth/refresh`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: session.refreshToken }) });
      if (!response.ok) return false;
      writeSession(sessionFrom((await response.json()) as SessionAnswer));
      return true;
    } catch {
      return false;
    }
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

export interface RequestOptions {
  method?: string;
  query?: Record<string, string | number | boolean | undefined | null | string[]>;
  body?: unknown;
  headers?: Record<string, string>;
  /** No Authorization header (public pages). */
  anonymous?: boolean;
  signal?: AbortSignal;
}

export function withQuery(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) value.forEach((item) => params.append(name, item));
    else params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `${path}${path.includes('?') ? '&' : '?'}${text}` : path;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { 'accept-language': currentLocale(), ...options.headers };
  const session = options.anonymous ? null : readSession();
  if (session) headers.authorization = `Bearer ${session.accessToken}`;
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  return fetch(withQuery(`${API}${path}`, options.query), { method: options.method ?? 'GET', headers, body, signal: options.signal });
}

/** Raw response, after renewing an expired access token once. */
export async function apiResponse(path: string, options: RequestOptions = {}): Promise<Response> {
  if (!options.anonymous) {
    const session = readSession();
    if (session && session.expiresAt - Date.now() < 20_000) await refreshSession();
  }
  let response = await send(path, options);
  if (response.status === 401 && !options.anonymous && readSession()) {
    if (await refreshSession()) response = await send(path, options);
    if (response.status === 401) {
      sessionStorage.setItem(SESSION_EXPIRED, '1');
      writeSession(null);
    }
  }
  return response;
}

/** JSON in and out; a problem+json answer becomes an ApiError carrying the API's Spanish message. */
export async function api<T = unknown>(path: string, options: RequestOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await apiResponse(path, options);
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'No hay conexión con el servidor.');
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  return (type.includes('json') ? await response.json() : await response.text()) as T;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends keyof paths, M extends Method> = M extends keyof paths[P] ? paths[P][M] : never;
type BodyOf<O> = O extends { body: infer B } ? ([B] extends [never] ? undefined : B) : undefined;
type PathParams<O> = O extends { path: infer A } ? ([A] extends [never] ? undefined : A) : undefined;

/**
 * A call checked against the generated OpenAPI types: the path must exist for the method and
 * the body must match the DTO, so a renamed field breaks the console's build, not production.
 * Answers are `unknown` (the services document few response schemas): callers say what they read.
 */
export function call<P extends keyof paths, M extends Method>(
  method: M,
  path: P,
  options: { params?: PathParams<Operation<P, M>>; body?: BodyOf<Operation<P, M>>; query?: RequestOptions['query']; headers?: Record<string, string>; anonymous?: boolean } = {},
): Promise<unknown> {
  let url = String(path).slice(API.length);
  for (const [name, value] of Object.entries((options.params ?? {}) as Record<string, string>)) url = url.replace(`{${name}}`, encodeURIComponent(value));
  return api(url, { method: method.toUpperCase(), body: options.body, query: options.query, headers: options.headers, anonymous: options.anonymous });
}

/** Downloads a file the API streams (export, PDF) with the session's token, and saves it. */
export async function download(path: string, query: RequestOptions['query'], fallbackName: string): Promise<void> {
  const response = await apiResponse(path, { query });
  if (!response.ok) throw await toApiError(response);
  const blob = await response.blob();
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = decodeURIComponent(name);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A blob URL for showing a file (PDF preview) fetched with the session's token. */
export async function blobUrl(path: string): Promise<string> {
  const response = await apiResponse(path);
  if (!response.ok) throw await toApiError(response);
  return URL.createObjectURL(await response.blob());
}

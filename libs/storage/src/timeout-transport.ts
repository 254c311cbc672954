import http from 'node:http';
import https from 'node:https';

type RequestFn = typeof http.request;

/**
 * An http(s) module stand-in for the minio client whose requests give up after `timeoutMs` of
 * socket inactivity (connect included). minio-js sets no timeout of its own, so without this a
 * blackholed S3 endpoint would hang uploads and health checks forever.
 */
export function timeoutTransport(useSSL: boolean, timeoutMs: number): { request: RequestFn } {
  const base = useSSL ? https : http;
  const request = ((...args: Parameters<RequestFn>) => {
    const req = (base.request as (...a: Parameters<RequestFn>) => http.ClientRequest)(...args);
    req.setTimeout(timeoutMs, () => {
      req.destroy(Object.assign(new Error(`S3 request timed out after ${timeoutMs} ms`), { code: 'ETIMEDOUT' }));
    });
    return req;
  }) as RequestFn;
  return { request };
}

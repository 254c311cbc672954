import type { EnvSpec } from '@crm/common';
import { REALTIME_ENV } from '../realtime/realtime-env.js';

/** Variables the gateway reads on top of COMMON_ENV (validated together at start). */
export const GATEWAY_ENV = {
  CONTACTS_URL: { kind: 'url', default: 'http://127.0.0.1:3001', protocols: ['http', 'https'], description: 'Base URL of the contacts service' },
  OPPORTUNITIES_URL: { kind: 'url', default: 'http://127.0.0.1:3002', protocols: ['http', 'https'], description: 'Base URL of the opportunities service' },
  TICKETS_URL: { kind: 'url', default: 'http://127.0.0.1:3003', protocols: ['http', 'https'], description: 'Base URL of the tickets service' },
  NOTIFICATIONS_URL: { kind: 'url', default: 'http://127.0.0.1:3004', protocols: ['http', 'https'], description: 'Base URL of the notifications service' },
  REPORTING_URL: { kind: 'url', default: 'http://127.0.0.1:3005', protocols: ['http', 'https'], description: 'Base URL of the reporting service' },
  CRM_ADMIN_EMAIL: { kind: 'string', description: 'E-mail of the demo tenant admin seeded at start (with CRM_ADMIN_PASSWORD)' },
  CRM_ADMIN_PASSWORD: { kind: 'secret', minLength: 8, description: 'Password of the seeded demo admin' },
  CRM_ADMIN_NAME: { kind: 'string', default: 'Administrador', description: 'Display name of the seeded demo admin' },
  PLATFORM_API_KEY: { kind: 'secret', minLength: 16, description: 'Operator key for POST /api/v1/platform/tenants (unset: the endpoint answers 404)' },
  LOGIN_RATE_LIMIT: { kind: 'int', default: '10', description: 'Failed logins per account and client IP in LOGIN_RATE_WINDOW_SECONDS; then that IP waits for that account' },
  LOGIN_IP_RATE_LIMIT: { kind: 'int', default: '50', description: 'Failed logins per client IP (all accounts) in LOGIN_RATE_WINDOW_SECONDS; then that IP waits' },
  LOGIN_ACCOUNT_RATE_LIMIT: {
    kind: 'int',
    default: '20',
    description: 'Failed logins per account (all IPs) in LOGIN_RATE_WINDOW_SECONDS; past it, only IPs that have not failed on that account may try',
  },
  LOGIN_RATE_WINDOW_SECONDS: { kind: 'int', default: '900', description: 'Sliding window of the login limits (default 15 minutes)' },
  PUBLIC_RATE_LIMIT: { kind: 'int', default: '60', description: 'Requests per minute per client IP on public/* endpoints' },
  ACCESS_TOKEN_TTL_SECONDS: { kind: 'int', default: '900', description: 'Lifetime of access tokens' },
  REFRESH_TOKEN_TTL_SECONDS: { kind: 'int', default: '1209600', description: 'Lifetime of refresh tokens (default 14 days)' },
  REFRESH_REUSE_GRACE_SECONDS: {
    kind: 'int',
    default: '10',
    description: 'A refresh token used again within this many seconds of its rotation (two tabs, a reload mid-refresh) gets another token instead of revoking the family (0: never)',
  },
  API_KEY_TOKEN_TTL_SECONDS: { kind: 'int', default: '60', description: 'Lifetime of the token minted for an API-key request' },
  BCRYPT_COST: { kind: 'int', default: '10', description: 'bcrypt cost factor for passwords (10..14)' },
  PROXY_CONNECT_TIMEOUT_MS: { kind: 'int', default: '1000', description: 'Upstream TCP connect timeout' },
  PROXY_TIMEOUT_MS: { kind: 'int', default: '15000', description: 'Upstream response-headers and body-idle timeout' },
  CUSTOMER_360_BUDGET_MS: { kind: 'int', default: '1500', description: 'Time budget of GET /customers/{id}/360: parts slower than this come back as {"error": …}' },
  PROXY_CONNECTIONS: { kind: 'int', default: '128', description: 'Keep-alive connections per upstream' },
  PROXY_BODY_LIMIT_BYTES: { kind: 'int', default: '1048576', description: 'Largest request body forwarded to a JSON route (the services accept 1 MiB); larger answers 413 at the edge' },
  PROXY_UPLOAD_LIMIT_BYTES: {
    kind: 'int',
    default: '27262976',
    description: 'Largest request body forwarded to an upload route (…/documents, …/imports, …/attachments): the 25 MiB file limit plus multipart framing',
  },
  CORS_ORIGINS: { kind: 'string', default: '', description: 'Comma-separated browser origins allowed by CORS (none by default)' },
  TRUST_PROXY: { kind: 'boolean', default: 'false', description: 'Deprecated: use TRUSTED_PROXIES. true (without TRUSTED_PROXIES) trusts proxies on loopback and private networks' },
  S3_ENDPOINT: { kind: 'url', protocols: ['http', 'https'], description: 'S3 endpoint checked by /health (skipped when unset)' },
  ASYNCAPI_PATH: { kind: 'string', description: 'Path of asyncapi.yaml (default: docs/asyncapi.yaml at the repository root)' },
  ...REALTIME_ENV,
  WEB_DIST_DIR: { kind: 'string', description: 'Folder of the built web console served at / (default: web/dist at the repository root)' },
} as const satisfies EnvSpec;

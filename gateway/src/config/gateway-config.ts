import { COMMON_ENV, ConfigValidationError, loadConfig, parseTrustedProxies } from '@crm/common';
import { SERVICE_NAMES, type ServiceName } from '@crm/contracts';
import type { BodyLimits } from '../proxy/body-limits.js';
import { GATEWAY_ENV } from './gateway-env.js';

const LEGACY_TRUSTED_RANGES: readonly string[] = ['loopback', 'linklocal', 'uniquelocal'];

/** The gateway's configuration, read from the environment once and validated (ranges included). */
export class GatewayConfig {
  readonly jwtSecret: string;
  readonly upstreams: Readonly<Record<ServiceName, string>>;
  readonly adminEmail?: string;
  readonly adminPassword?: string;
  readonly adminName: string;
  readonly platformApiKey?: string;
  readonly loginRateLimit: number;
  readonly loginIpRateLimit: number;
  readonly loginAccountRateLimit: number;
  readonly loginRateWindowSeconds: number;
  readonly publicRateLimit: number;
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenTtlSeconds: number;
  readonly refreshReuseGraceSeconds: number;
  readonly apiKeyTokenTtlSeconds: number;
  readonly bcryptCost: number;
  readonly proxyConnectTimeoutMs: number;
  readonly proxyTimeoutMs: number;
  readonly proxyConnections: number;
  readonly customer360BudgetMs: number;
  readonly bodyLimits: Readonly<BodyLimits>;
  readonly corsOrigins: readonly string[];
  /** Proxies whose X-Forwarded-* the gateway believes (TRUSTED_PROXIES; empty: none). */
  readonly trustedProxies: readonly string[];
  /** TRUST_PROXY=true was used instead of TRUSTED_PROXIES (main prints a deprecation warning). */
  readonly legacyTrustProxy: boolean;
  readonly s3Endpoint?: string;
  readonly asyncApiPath?: string;
  readonly webDistDir?: string;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    const config = loadConfig({ ...COMMON_ENV, ...GATEWAY_ENV }, env);
    this.jwtSecret = config.JWT_SECRET;
    this.upstreams = Object.fromEntries(SERVICE_NAMES.map((name) => [name, String(config[`${name.toUpperCase()}_URL` as keyof typeof config]).replace(/\/+$/, '')])) as Record<
      ServiceName,
      string
    >;
    this.adminEmail = config.CRM_ADMIN_EMAIL?.trim().toLowerCase() || undefined;
    this.adminPassword = config.CRM_ADMIN_PASSWORD;
    this.adminName = config.CRM_ADMIN_NAME ?? 'Administrador';
    this.platformApiKey = config.PLATFORM_API_KEY;
    this.loginRateLimit = config.LOGIN_RATE_LIMIT ?? 10;
    this.loginIpRateLimit = config.LOGIN_IP_RATE_LIMIT ?? 50;
    this.loginAccountRateLimit = config.LOGIN_ACCOUNT_RATE_LIMIT ?? 20;
    this.loginRateWindowSeconds = config.LOGIN_RATE_WINDOW_SECONDS ?? 900;
    this.publicRateLimit = config.PUBLIC_RATE_LIMIT ?? 60;
    this.accessTokenTtlSeconds = config.ACCESS_TOKEN_TTL_SECONDS ?? 900;
    this.refreshTokenTtlSeconds = config.REFRESH_TOKEN_TTL_SECONDS ?? 1_209_600;
    this.refreshReuseGraceSeconds = config.REFRESH_REUSE_GRACE_SECONDS ?? 10;
    this.apiKeyTokenTtlSeconds = config.API_KEY_TOKEN_TTL_SECONDS ?? 60;
    this.bcryptCost = config.BCRYPT_COST ?? 10;
    this.proxyConnectTimeoutMs = config.PROXY_CONNECT_TIMEOUT_MS ?? 1000;
    this.proxyTimeoutMs = config.PROXY_TIMEOUT_MS ?? 15_000;
    this.proxyConnections = config.PROXY_CONNECTIONS ?? 128;
    this.customer360BudgetMs = config.CUSTOMER_360_BUDGET_MS ?? 1500;
    this.bodyLimits = { json: config.PROXY_BODY_LIMIT_BYTES ?? 1_048_576, upload: config.PROXY_UPLOAD_LIMIT_BYTES ?? 27_262_976 };
    this.corsOrigins = (config.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean);
    const problems: string[] = [];
    let trusted: string[] = [];
    try {
      trusted = parseTrustedProxies(config.TRUSTED_PROXIES);
    } catch (error) {
      if (!(error instanceof ConfigValidationError)) throw error;
      problems.push(...error.problems);
    }
    this.legacyTrustProxy = trusted.length === 0 && (config.TRUST_PROXY ?? false);
    // The old switch trusted every peer; read now as "a load balancer on a private network".
    this.trustedProxies = this.legacyTrustProxy ? LEGACY_TRUSTED_RANGES : trusted;
    this.s3Endpoint = config.S3_ENDPOINT;
    this.asyncApiPath = config.ASYNCAPI_PATH;
    this.webDistDir = config.WEB_DIST_DIR;
    this.checkRanges(problems);
  }

  private checkRanges(problems: string[]): void {
    const atLeast = (name: string, value: number, min: number) => {
      if (value < min) problems.push(`${name} must be at least ${min} (got ${value})`);
    };
    atLeast('LOGIN_RATE_LIMIT', this.loginRateLimit, 1);
    atLeast('LOGIN_IP_RATE_LIMIT', this.loginIpRateLimit, 1);
    atLeast('LOGIN_ACCOUNT_RATE_LIMIT', this.loginAccountRateLimit, 1);
    atLeast('LOGIN_RATE_WINDOW_SECONDS', this.loginRateWindowSeconds, 1);
    atLeast('PUBLIC_RATE_LIMIT', this.publicRateLimit, 1);
    atLeast('ACCESS_TOKEN_TTL_SECONDS', this.accessTokenTtlSeconds, 30);
    atLeast('REFRESH_TOKEN_TTL_SECONDS', this.refreshTokenTtlSeconds, 60);
    atLeast('API_KEY_TOKEN_TTL_SECONDS', this.apiKeyTokenTtlSeconds, 10);
    atLeast('PROXY_CONNECT_TIMEOUT_MS', this.proxyConnectTimeoutMs, 50);
    atLeast('PROXY_TIMEOUT_MS', this.proxyTimeoutMs, 100);
    atLeast('PROXY_CONNECTIONS', this.proxyConnections, 1);
    atLeast('PROXY_BODY_LIMIT_BYTES', this.bodyLimits.json, 1024);
    atLeast('PROXY_UPLOAD_LIMIT_BYTES', this.bodyLimits.upload, this.bodyLimits.json);
    if (this.bcryptCost < 10 || this.bcryptCost > 14) problems.push(`BCRYPT_COST must be between 10 and 14 (got ${this.bcryptCost})`);
    if (this.adminEmail && !this.adminPassword) problems.push('CRM_ADMIN_PASSWORD is required when CRM_ADMIN_EMAIL is set');
    for (const origin of this.corsOrigins) {
      if (!/^https?:\/\/[^/\s]+$/.test(origin)) problems.push(`CORS_ORIGINS entry "${origin}" must be an origin like https://crm.example.com`);
    }
    if (problems.length > 0) throw new ConfigValidationError(problems);
  }
}

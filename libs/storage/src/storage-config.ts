/** Connection settings for the S3 document store, read from the environment. */
export interface StorageConfig {
  endPoint: string;
  port: number;
  useSSL: boolean;
  accessKey: string;
  secretKey: string;
  bucket: string;
  region: string;
  /** Socket idle/connect timeout per request, so an S3 outage fails fast instead of hanging. */
  timeoutMs: number;
  /**
   * Where browsers reach S3 when that differs from where services do (S3_PUBLIC_ENDPOINT, e.g.
   * services use http://minio:9000 inside compose, browsers http://localhost:9000). Presigned
   * links are signed for this host, since the host is part of a SigV4 signature.
   */
  publicEndpoint?: { endPoint: string; port: number; useSSL: boolean };
}

export const DEFAULT_BUCKET = 'crm-documents';
export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_S3_TIMEOUT_MS = 5000;

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new Error(`Missing environment variable ${name} (S3 document storage)`);
  return value;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`Environment variable ${name} must be a positive integer, got "${raw}"`);
  return value;
}

function parseEndpoint(name: string, raw: string): { endPoint: string; port: number; useSSL: boolean } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`Environment variable ${name} must be a URL like http://127.0.0.1:9000, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`Environment variable ${name} must use http or https, got "${raw}"`);
  }
  if (url.pathname !== '/' && url.pathname !== '') {
    throw new Error(`Environment variable ${name} must not have a path (the bucket goes in S3_BUCKET), got "${raw}"`);
  }
  const useSSL = url.protocol === 'https:';
  return {
    // URL keeps IPv6 hosts bracketed; the minio client wants them bare.
    endPoint: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : useSSL ? 443 : 80,
    useSSL,
  };
}

/**
 * Reads S3_ENDPOINT (http(s)://host:port), S3_ACCESS_KEY, S3_SECRET_KEY, S3_BUCKET, S3_REGION,
 * S3_TIMEOUT_MS and S3_PUBLIC_ENDPOINT. Throws an error naming the variable when one is missing
 * or malformed.
 */
export function storageConfigFromEnv(env: NodeJS.ProcessEnv = process.env): StorageConfig {
  const publicRaw = env.S3_PUBLIC_ENDPOINT?.trim();
  return {
    ...parseEndpoint('S3_ENDPOINT', required(env, 'S3_ENDPOINT')),
    accessKey: required(env, 'S3_ACCESS_KEY'),
    secretKey: required(env, 'S3_SECRET_KEY'),
    bucket: env.S3_BUCKET?.trim() || DEFAULT_BUCKET,
    region: env.S3_REGION?.trim() || DEFAULT_REGION,
    timeoutMs: positiveInt(env, 'S3_TIMEOUT_MS', DEFAULT_S3_TIMEOUT_MS),
    ...(publicRaw ? { publicEndpoint: parseEndpoint('S3_PUBLIC_ENDPOINT', publicRaw) } : {}),
  };
}

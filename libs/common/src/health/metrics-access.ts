import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Who may scrape /metrics: whoever presents `Authorization: Bearer <METRICS_TOKEN>`. Without a
 * configured token the endpoint does not exist (404), so a deployment that forgot to set one
 * publishes nothing.
 */
export class MetricsAccess {
  private readonly expected?: Buffer;

  constructor(token: string | undefined = process.env.METRICS_TOKEN) {
    this.expected = token ? digest(token) : undefined;
  }

  get enabled(): boolean {
    return this.expected !== undefined;
  }

  /** Compares digests in constant time, so the answer time says nothing about the token. */
  allows(authorization: string | string[] | undefined): boolean {
    if (!this.expected) return false;
    const header = Array.isArray(authorization) ? authorization[0] : authorization;
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    return match !== null && timingSafeEqual(digest(match[1]!), this.expected);
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

import { verifyAccessToken, type AuthUser } from '@crm/auth';

/** A verified access token and when it stops being valid. */
export interface VerifiedCaller {
  user: AuthUser;
  token: string;
  /** Epoch milliseconds of the token's `exp`. */
  expiresAt: number;
}

/** Verifies like the proxy does (HS256, issuer, audience, expiry); undefined when not valid. */
export async function verifyCaller(token: unknown, secret: string): Promise<VerifiedCaller | undefined> {
  if (typeof token !== 'string' || token.length > 8192) return undefined;
  try {
    const user = await verifyAccessToken(token, secret);
    // Signature and `exp` were just checked; only the number is read here.
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: number };
    if (typeof claims.exp !== 'number') return undefined;
    return { user, token, expiresAt: claims.exp * 1000 };
  } catch {
    return undefined;
  }
}

/** The JWT a client put in `Sec-WebSocket-Protocol` as `crm.bearer.<jwt>` (next to `crm.v1`). */
export const BEARER_PROTOCOL_PREFIX = 'crm.bearer.';
export const REALTIME_PROTOCOL = 'crm.v1';

export function bearerFromProtocols(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const offered = header.split(',').map((part) => part.trim());
  return offered.find((part) => part.startsWith(BEARER_PROTOCOL_PREFIX))?.slice(BEARER_PROTOCOL_PREFIX.length);
}

/** The first name of a display name, all a requester is ever shown of a staff member. */
export function firstNameOf(name: string | undefined): string | null {
  const first = name?.trim().split(/\s+/)[0];
  return first ? first : null;
}

import { jwtVerify, SignJWT } from 'jose';

/**
 * What the gateway sends a service on behalf of the platform operator (who proved PLATFORM_API_KEY
 * to the gateway; the key itself never leaves it). A distinct audience, and no tenant claim, so a
 * tenant route refuses it and a platform route refuses a tenant user's token.
 */
export const PLATFORM_TOKEN_AUDIENCE = 'crm-platform';
const ISSUER = 'crm-gateway';
const SUBJECT = 'platform-operator';

const keyOf = (secret: string): Uint8Array => new TextEncoder().encode(secret);

export async function signPlatformOperatorToken(secret: string, ttlSeconds = 60): Promise<string> {
  return new SignJWT({ kind: 'platform' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(SUBJECT)
    .setIssuer(ISSUER)
    .setAudience(PLATFORM_TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(keyOf(secret));
}

/** True for a valid, unexpired platform-operator token signed with `secret` (HS256 only). */
export async function isPlatformOperatorToken(token: string, secret: string): Promise<boolean> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), { algorithms: ['HS256'], issuer: ISSUER, audience: PLATFORM_TOKEN_AUDIENCE, requiredClaims: ['exp'] });
    return payload.sub === SUBJECT && payload.kind === 'platform';
  } catch {
    return false;
  }
}

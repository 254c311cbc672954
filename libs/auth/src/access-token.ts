import { webcrypto } from 'node:crypto';
import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import { ROLES, type Role } from '@crm/contracts';
import type { AuthUser } from './auth-user.js';

export const TOKEN_ISSUER = 'crm-gateway';
export const TOKEN_AUDIENCE = 'crm';
const ALGORITHM = 'HS256';

interface AccessTokenClaims {
  tid: string;
  roles: Role[];
  teams: string[];
  kind: AuthUser['kind'];
  scopes?: string[];
  email?: string;
  name?: string;
}

/** Imported HMAC keys by secret (a process has one or two): jose would import the raw bytes on every call (~8 % of a service's CPU on authenticated routes). */
const keys = new Map<string, Promise<webcrypto.CryptoKey>>();
const MAX_CACHED_KEYS = 8;

function keyOf(secret: string): Promise<webcrypto.CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    if (keys.size >= MAX_CACHED_KEYS) keys.clear();
    key = webcrypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    keys.set(secret, key);
    // A failed import is not remembered: the next call tries again (and fails the same way as before).
    key.catch(() => keys.delete(secret));
  }
  return key;
}

export async function signAccessToken(user: AuthUser, secret: string, ttlSeconds = 900): Promise<string> {
  const claims: AccessTokenClaims = { tid: user.tenantId, roles: user.roles, teams: user.teamIds, kind: user.kind, scopes: user.scopes, email: user.email, name: user.name };
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(user.id)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(await keyOf(secret));
}

export class InvalidTokenError extends Error {}

/**
 * Verifies signature, algorithm (HS256 only: never `none`, never a token-chosen algorithm),
 * issuer, audience and expiry, then checks the claims have the shape we issue.
 */
export async function verifyAccessToken(token: string, secret: string): Promise<AuthUser> {
  try {
    const { payload } = await jwtVerify<AccessTokenClaims>(token, await keyOf(secret), {
      algorithms: [ALGORITHM],
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      requiredClaims: ['sub', 'exp', 'tid'],
    });
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((role): role is Role => (ROLES as readonly string[]).includes(role)) : [];
    if (!payload.sub || typeof payload.tid !== 'string') throw new InvalidTokenError('missing subject or tenant');
    return {
      kind: payload.kind === 'api-key' ? 'api-key' : 'user',
      id: payload.sub,
      tenantId: payload.tid,
      roles,
      teamIds: Array.isArray(payload.teams) ? payload.teams.map(String) : [],
      scopes: Array.isArray(payload.scopes) ? payload.scopes.map(String) : [],
      email: payload.email,
      name: payload.name,
    };
  } catch (error) {
    if (error instanceof InvalidTokenError) throw error;
    if (error instanceof joseErrors.JOSEError) throw new InvalidTokenError(error.code);
    throw new InvalidTokenError('invalid token');
  }
}

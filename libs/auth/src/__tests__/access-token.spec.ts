import { describe, expect, it } from '@jest/globals';
import { SignJWT, UnsecuredJWT } from 'jose';
import { InvalidTokenError, signAccessToken, TOKEN_AUDIENCE, TOKEN_ISSUER, verifyAccessToken } from '../access-token.js';
import type { AuthUser } from '../auth-user.js';

const secret = 'a-test-secret-that-is-long-enough-123456';
const user: AuthUser = {
  kind: 'user',
  id: '6f1d7a3e-8a7c-4d6b-9f7e-1b2c3d4e5f60',
  tenantId: '0d6c1c3a-1111-4222-8333-944455566677',
  roles: ['sales'],
  teamIds: [],
  scopes: [],
  email: 'ana@example.co',
  name: 'Ana',
};

describe('access tokens', () => {
  it('round-trips the caller identity', async () => {
    const token = await signAccessToken(user, secret);
    await expect(verifyAccessToken(token, secret)).resolves.toMatchObject({ id: user.id, tenantId: user.tenantId, roles: ['sales'], email: 'ana@example.co' });
  });

  it('rejects a token signed with another key', async () => {
    const token = await signAccessToken(user, `${secret}-other`);
    await expect(verifyAccessToken(token, secret)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('rejects alg:none', async () => {
    const token = new UnsecuredJWT({ tid: user.tenantId, roles: ['admin'] }).setSubject(user.id).setIssuer(TOKEN_ISSUER).setAudience(TOKEN_AUDIENCE).setExpirationTime('5m').encode();
    await expect(verifyAccessToken(token, secret)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('rejects an expired token and a wrong audience', async () => {
    const key = new TextEncoder().encode(secret);
    const expired = await new SignJWT({ tid: user.tenantId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(key);
    const otherAudience = await new SignJWT({ tid: user.tenantId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer(TOKEN_ISSUER)
      .setAudience('other')
      .setExpirationTime('5m')
      .sign(key);
    await expect(verifyAccessToken(expired, secret)).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(verifyAccessToken(otherAudience, secret)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('drops roles it does not know', async () => {
    const token = await signAccessToken({ ...user, roles: ['sales', 'superuser' as never] }, secret);
    expect((await verifyAccessToken(token, secret)).roles).toEqual(['sales']);
  });
});

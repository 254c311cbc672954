import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, LessThan, type EntityManager } from 'typeorm';
import { GatewayConfig } from '../../config/gateway-config.js';
import { RefreshToken } from './refresh-token.entity.js';

const TOKEN_PATTERN = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/;

export type RotationResult = { ok: true; userId: string; tenantId: string; token: string } | { ok: false; reason: 'unknown' | 'expired' | 'reused' };

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Opaque refresh tokens `<id>.<secret>`: only the secret's SHA-256 is stored. Each refresh
 * revokes the token it used and issues the next one of the same family; presenting a revoked
 * token again (a stolen copy, most likely) revokes the whole family.
 *
 * Except within REFRESH_REUSE_GRACE_SECONDS of its rotation: two tabs of one browser share the
 * token and renew at the same moment, and a page reloaded while its refresh was in flight never
 * saw the answer. Such a token (rotated, not logged out) gets another token of the same family
 * instead of logging the person out everywhere.
 */
@Injectable()
export class RefreshTokensService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: GatewayConfig,
  ) {}

  async issue(em: EntityManager, user: { id: string; tenantId: string }, familyId: string = randomUUID()): Promise<{ id: string; token: string }> {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    await em.insert(RefreshToken, {
      id,
      tenantId: user.tenantId,
      userId: user.id,
      familyId,
      tokenHash: sha256(secret).toString('hex'),
      expiresAt: new Date(Date.now() + this.config.refreshTokenTtlSeconds * 1000),
    });
    return { id, token: `${id}.${secret}` };
  }

  /** Issues a token for a fresh login, and drops this user's expired ones while at it. */
  async issueForLogin(user: { id: string; tenantId: string }): Promise<string> {
    return this.dataSource.transaction(async (em) => {
      await em.delete(RefreshToken, { userId: user.id, expiresAt: LessThan(new Date()) });
      return (await this.issue(em, user)).token;
    });
  }

  async rotate(token: string, isUserActive: (em: EntityManager, userId: string) => Promise<boolean>): Promise<RotationResult> {
    const match = TOKEN_PATTERN.exec(token);
    if (!match) return { ok: false, reason: 'unknown' };
    const [, id, secret] = match;
    let reused: string | undefined;
    const result = await this.dataSource.transaction(async (em): Promise<RotationResult> => {
      const row = await em.findOne(RefreshToken, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row || !timingSafeEqual(Buffer.from(row.tokenHash, 'hex'), sha256(secret!))) return { ok: false, reason: 'unknown' };
      // In the grace window only while the family is still alive: a logout in between ends it.
      if (row.revokedAt && !(this.withinReuseGrace(row) && (await this.familyAlive(em, row.familyId)))) {
        reused = row.familyId;
        return { ok: false, reason: 'reused' };
      }
      if (row.expiresAt.getTime() <= Date.now()) return { ok: false, reason: 'expired' };
      if (!(await isUserActive(em, row.userId))) return { ok: false, reason: 'unknown' };
      const next = await this.issue(em, { id: row.userId, tenantId: row.tenantId }, row.familyId);
      if (!row.revokedAt) await em.update(RefreshToken, { id: row.id }, { revokedAt: new Date(), replacedBy: next.id });
      return { ok: true, userId: row.userId, tenantId: row.tenantId, token: next.token };
    });
    if (reused) await this.dataSource.getRepository(RefreshToken).update({ familyId: reused, revokedAt: IsNull() }, { revokedAt: new Date() });
    return result;
  }

  private async familyAlive(em: EntityManager, familyId: string): Promise<boolean> {
    return (await em.count(RefreshToken, { where: { familyId, revokedAt: IsNull() } })) > 0;
  }

  /** Rotated (not revoked by a logout or a reuse) moments ago. */
  private withinReuseGrace(row: RefreshToken): boolean {
    return row.replacedBy !== null && row.revokedAt !== null && Date.now() - row.revokedAt.getTime() < this.config.refreshReuseGraceSeconds * 1000;
  }

  async revokeAllOfUser(em: EntityManager, userId: string): Promise<void> {
    await em.update(RefreshToken, { userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}

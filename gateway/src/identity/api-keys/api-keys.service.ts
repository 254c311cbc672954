import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PageQueryDto, Problems, type Page } from '@crm/common';
import { signAccessToken, type AuthUser } from '@crm/auth';
import { DataSource, IsNull } from 'typeorm';
import { GatewayConfig } from '../../config/gateway-config.js';
import { keysetPage } from '../../shared/keyset-page.js';
import { AuditService, type AuditActor } from '../audit/audit.service.js';
import { generateApiKey, parseApiKey, secretMatches } from './api-key-secret.js';
import { ApiKey } from './api-key.entity.js';
import { toApiKeyView, type ApiKeyView, type CreatedApiKeyView } from './api-key-view.js';
import type { CreateApiKeyDto } from './create-api-key.dto.js';

/** last_used_at is written at most this often per key, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

@Injectable()
export class ApiKeysService {
  private readonly logger = new Logger('ApiKeysService');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly config: GatewayConfig,
  ) {}

  async create(actor: AuditActor & { id: string }, tenantId: string, dto: CreateApiKeyDto): Promise<CreatedApiKeyView> {
    const generated = generateApiKey();
    return this.dataSource.transaction(async (em) => {
      const apiKey = em.create(ApiKey, {
        tenantId,
        name: dto.name.trim(),
        prefix: generated.prefix,
        keyHash: generated.hash,
        scopes: dto.scopes,
        createdBy: actor.id,
        lastUsedAt: null,
        revokedAt: null,
      });
      await em.save(apiKey);
      await this.audit.record(em, {
        tenantId,
        actor,
        entity: 'api-key',
        entityId: apiKey.id,
        action: 'created',
        changes: { name: apiKey.name, scopes: apiKey.scopes, prefix: apiKey.prefix },
      });
      return { ...toApiKeyView(apiKey), key: generated.key };
    });
  }

  list(tenantId: string, query: PageQueryDto): Promise<Page<ApiKeyView>> {
    const qb = this.dataSource.getRepository(ApiKey).createQueryBuilder('k').where('k.tenant_id = :tenantId', { tenantId });
    return keysetPage(qb, { alias: 'k', sortExpr: 'k.created_at', sortType: 'timestamptz', direction: 'DESC', limit: query.limit, cursor: query.cursor }, (keys) => keys.map(toApiKeyView));
  }

  /** Idempotent: revoking a revoked key is a no-op; another tenant's key is a 404. */
  async revoke(actor: AuditActor, tenantId: string, id: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const apiKey = await em.findOne(ApiKey, { where: { id, tenantId }, lock: { mode: 'pessimistic_write' } });
      if (!apiKey) throw Problems.notFound('La clave de API no existe.');
      if (apiKey.revokedAt) return;
      await em.update(ApiKey, { id }, { revokedAt: new Date() });
      await this.audit.record(em, { tenantId, actor, entity: 'api-key', entityId: id, action: 'revoked' });
    });
  }

  /** The caller an API key stands for, or undefined when it is malformed, unknown or revoked. */
  async authenticate(rawKey: string): Promise<AuthUser | undefined> {
    const parsed = parseApiKey(rawKey);
    if (!parsed) return undefined;
    const apiKey = await this.dataSource.getRepository(ApiKey).findOne({ where: { prefix: parsed.prefix, revokedAt: IsNull() } });
    if (!apiKey || !secretMatches(parsed.secret, apiKey.keyHash)) return undefined;
    if (!apiKey.lastUsedAt || Date.now() - apiKey.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      this.dataSource
        .getRepository(ApiKey)
        .update({ id: apiKey.id }, { lastUsedAt: new Date() })
        .catch((error: Error) => this.logger.warn(`could not record API key use: ${error.message}`));
    }
    return { kind: 'api-key', id: apiKey.id, tenantId: apiKey.tenantId, roles: [], teamIds: [], scopes: apiKey.scopes, name: apiKey.name };
  }

  /** The short-lived JWT forwarded to services instead of the key itself. */
  mintToken(caller: AuthUser): Promise<string> {
    return signAccessToken(caller, this.config.jwtSecret, this.config.apiKeyTokenTtlSeconds);
  }
}

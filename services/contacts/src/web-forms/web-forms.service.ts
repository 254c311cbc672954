import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '@crm/auth';
import { decodeKeysetCursor, Problems, type Page, type PageQueryDto } from '@crm/common';
import { assertVersion, timeKeysetPage } from '@crm/database';
import { CatalogLookup } from '../catalogs/catalog-lookup.service.js';
import { TeamPolicy } from '../teams/team-policy.js';
import { UserRef } from '../users/user-ref.entity.js';
import type { CreateWebFormDto } from './dto/create-web-form.dto.js';
import type { UpdateWebFormDto } from './dto/update-web-form.dto.js';
import { newFormKey } from './form-key.js';
import { normaliseAllowedFields } from './web-form-fields.js';
import { WebForm } from './web-form.entity.js';
import { toWebFormView, type WebFormView } from './web-form.view.js';

/** Admin CRUD of web-to-lead forms, per tenant. */
@Injectable()
export class WebFormsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalogs: CatalogLookup,
    private readonly teams: TeamPolicy,
  ) {}

  async create(user: AuthUser, dto: CreateWebFormDto): Promise<WebFormView> {
    return this.dataSource.transaction(async (em) => {
      await this.catalogs.assertSelectableSource(em, user.tenantId, dto.sourceId);
      if (dto.defaultOwnerId) await this.assertOwner(em, user.tenantId, dto.defaultOwnerId);
      await this.teams.assertUsable(em, user, dto.defaultTeamId, 'defaultTeamId');
      const form = em.create(WebForm, {
        tenantId: user.tenantId,
        name: dto.name.trim(),
        formKey: newFormKey(),
        sourceId: dto.sourceId,
        defaultTeamId: dto.defaultTeamId ?? null,
        defaultOwnerId: dto.defaultOwnerId ?? null,
        allowedFields: normaliseAllowedFields(dto.allowedFields),
        active: dto.active ?? true,
        redirectUrl: dto.redirectUrl ?? null,
        thankYouText: dto.thankYouText ?? null,
        submissionCount: 0,
        lastSubmissionAt: null,
        createdBy: user.id,
        updatedBy: user.id,
      });
      return toWebFormView(await em.save(form));
    });
  }

  async list(user: AuthUser, query: PageQueryDto): Promise<Page<WebFormView>> {
    const builder = this.dataSource.manager.createQueryBuilder(WebForm, 'f').where('f.tenant_id = :tenantId', { tenantId: user.tenantId });
    const cursor = decodeKeysetCursor(query.cursor, ['time', 'uuid']);
    if (cursor) builder.andWhere('(f.created_at, f.id) < (:cursorTime, :cursorId)', { cursorTime: cursor[0], cursorId: cursor[1] });
    return timeKeysetPage(builder.orderBy('f.created_at', 'DESC').addOrderBy('f.id', 'DESC'), query.limit, 'f.created_at', toWebFormView);
  }

  async get(user: AuthUser, id: string): Promise<WebFormView> {
    return toWebFormView(await this.find(this.dataSource.manager, user, id));
  }

  async update(user: AuthUser, id: string, dto: Omit<UpdateWebFormDto, 'version'>, version: number): Promise<WebFormView> {
    return this.dataSource.transaction(async (em) => {
      const form = await this.find(em, user, id, true);
      assertVersion(form, version);
      if (dto.sourceId !== undefined && dto.sourceId !== form.sourceId) await this.catalogs.assertSelectableSource(em, user.tenantId, dto.sourceId);
      if (dto.defaultOwnerId) await this.assertOwner(em, user.tenantId, dto.defaultOwnerId);
      if (dto.defaultTeamId !== form.defaultTeamId) await this.teams.assertUsable(em, user, dto.defaultTeamId, 'defaultTeamId');
      if (dto.name !== undefined) form.name = dto.name.trim();
      if (dto.sourceId !== undefined) form.sourceId = dto.sourceId;
      if (dto.defaultTeamId !== undefined) form.defaultTeamId = dto.defaultTeamId;
      if (dto.defaultOwnerId !== undefined) form.defaultOwnerId = dto.defaultOwnerId;
      if (dto.allowedFields !== undefined) form.allowedFields = normaliseAllowedFields(dto.allowedFields);
      if (dto.active !== undefined) form.active = dto.active;
      if (dto.redirectUrl !== undefined) form.redirectUrl = dto.redirectUrl;
      if (dto.thankYouText !== undefined) form.thankYouText = dto.thankYouText;
      form.updatedBy = user.id;
      return toWebFormView(await em.save(form));
    });
  }

  /** A new key: the old embed stops working at once (e.g. after it was abused). */
  async rotateKey(user: AuthUser, id: string, version: number): Promise<WebFormView> {
    return this.dataSource.transaction(async (em) => {
      const form = await this.find(em, user, id, true);
      assertVersion(form, version);
      form.formKey = newFormKey();
      form.updatedBy = user.id;
      return toWebFormView(await em.save(form));
    });
  }

  /** Contacts it created keep their source; only the form goes. */
  async remove(user: AuthUser, id: string): Promise<void> {
    const result = await this.dataSource.manager.delete(WebForm, { id, tenantId: user.tenantId });
    if (!result.affected) throw Problems.notFound('El formulario no existe.');
  }

  private async find(em: EntityManager, user: AuthUser, id: string, lock = false): Promise<WebForm> {
    const query = em.createQueryBuilder(WebForm, 'f').where('f.id = :id AND f.tenant_id = :tenantId', { id, tenantId: user.tenantId });
    if (lock) query.setLock('pessimistic_write');
    const form = await query.getOne();
    if (!form) throw Problems.notFound('El formulario no existe.');
    return form;
  }

  private async assertOwner(em: EntityManager, tenantId: string, ownerId: string): Promise<void> {
    const owner = await em.findOneBy(UserRef, { userId: ownerId, tenantId });
    if (!owner || !owner.active) throw Problems.invalid([{ field: 'defaultOwnerId', message: 'El usuario no existe o está inactivo en su organización.' }]);
  }
}

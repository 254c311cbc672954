import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '@crm/auth';
import { Problems, type Language } from '@crm/common';
import { assertVersion } from '@crm/database';
import { DEFAULT_CATEGORIES } from './default-categories.js';
import { TicketCategory } from './ticket-category.entity.js';
import type { CreateCategoryDto } from './dto/create-category.dto.js';
import type { UpdateCategoryDto } from './dto/update-category.dto.js';

export interface CategoryView {
  id: string;
  code: string | null;
  /** In the caller's language (Spanish unless Accept-Language: en and an English name exists). */
  name: string;
  nameEs: string;
  nameEn: string | null;
  active: boolean;
  position: number;
  version: number;
}

export function toCategoryView(category: TicketCategory, language: Language): CategoryView {
  return {
    id: category.id,
    code: category.code,
    name: language === 'en' && category.nameEn ? category.nameEn : category.nameEs,
    nameEs: category.nameEs,
    nameEn: category.nameEn,
    active: category.active,
    position: category.position,
    version: category.version,
  };
}

/**
 * The category catalogue. Each tenant gets the Spanish defaults the first time anybody reads or
 * uses the catalogue, exactly once (a `category_seed` row records it, so admins may rename or
 * retire defaults without them coming back).
 */
@Injectable()
export class TicketCategoriesService {
  constructor(private readonly dataSource: DataSource) {}

  async ensureSeeded(em: EntityManager, tenantId: string): Promise<void> {
    const seeded: unknown[] = await em.query('INSERT INTO tickets.category_seed (tenant_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING tenant_id', [tenantId]);
    if (seeded.length === 0) return;
    await em.query(
      `INSERT INTO tickets.ticket_category (tenant_id, code, name_es, name_en, position)
       SELECT $1, d.code, d.name_es, d.name_en, d.position FROM unnest($2::text[], $3::text[], $4::text[], $5::int[]) AS d(code, name_es, name_en, position)
       ON CONFLICT DO NOTHING`,
      [tenantId, DEFAULT_CATEGORIES.map((c) => c.code), DEFAULT_CATEGORIES.map((c) => c.nameEs), DEFAULT_CATEGORIES.map((c) => c.nameEn), DEFAULT_CATEGORIES.map((_c, i) => (i + 1) * 10)],
    );
  }

  async list(user: AuthUser, language: Language, includeInactive: boolean): Promise<{ items: CategoryView[] }> {
    return this.dataSource.transaction(async (em) => {
      await this.ensureSeeded(em, user.tenantId);
      const query = em.createQueryBuilder(TicketCategory, 'c').where('c.tenant_id = :tenantId', { tenantId: user.tenantId });
      if (!includeInactive) query.andWhere('c.active');
      const rows = await query.orderBy('c.position', 'ASC').addOrderBy('c.name_es', 'ASC').getMany();
      return { items: rows.map((row) => toCategoryView(row, language)) };
    });
  }

  async get(user: AuthUser, id: string, language: Language): Promise<CategoryView> {
    return toCategoryView(await this.find(this.dataSource.manager, user.tenantId, id), language);
  }

  async create(user: AuthUser, dto: CreateCategoryDto, language: Language): Promise<CategoryView> {
    return this.dataSource.transaction(async (em) => {
      await this.ensureSeeded(em, user.tenantId);
      await this.assertNameFree(em, user.tenantId, dto.nameEs);
      const category = em.create(TicketCategory, {
        tenantId: user.tenantId,
        code: null,
        nameEs: dto.nameEs.trim(),
        nameEn: dto.nameEn?.trim() ?? null,
        active: true,
        position: dto.position ?? 1000,
      });
      await em.save(category);
      return toCategoryView(category, language);
    });
  }

  async update(user: AuthUser, id: string, dto: UpdateCategoryDto, version: number, language: Language): Promise<CategoryView> {
    return this.dataSource.transaction(async (em) => {
      const category = await this.find(em, user.tenantId, id, true);
      assertVersion(category, version);
      if (dto.nameEs !== undefined && dto.nameEs.trim() !== category.nameEs) {
        await this.assertNameFree(em, user.tenantId, dto.nameEs, category.id);
        category.nameEs = dto.nameEs.trim();
      }
      if (dto.nameEn !== undefined) category.nameEn = dto.nameEn?.trim() ?? null;
      if (dto.active !== undefined) category.active = dto.active;
      if (dto.position !== undefined) category.position = dto.position;
      await em.save(category);
      return toCategoryView(category, language);
    });
  }

  /** A category a new ticket (or a change) may use: of the tenant and active; else 400 naming the field. */
  async assertSelectable(em: EntityManager, tenantId: string, id: string, field = 'categoryId'): Promise<TicketCategory> {
    await this.ensureSeeded(em, tenantId);
    const category = await em.findOneBy(TicketCategory, { tenantId, id });
    if (!category || !category.active) throw Problems.invalid([{ field, message: 'La categoría no existe o está inactiva.' }]);
    return category;
  }

  async names(em: EntityManager, tenantId: string, language: Language): Promise<Map<string, string>> {
    const rows = await em.findBy(TicketCategory, { tenantId });
    return new Map(rows.map((row) => [row.id, language === 'en' && row.nameEn ? row.nameEn : row.nameEs]));
  }

  private async find(em: EntityManager, tenantId: string, id: string, lock = false): Promise<TicketCategory> {
    const category = await em.findOne(TicketCategory, { where: { tenantId, id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!category) throw Problems.notFound('La categoría no existe.');
    return category;
  }

  private async assertNameFree(em: EntityManager, tenantId: string, name: string, exceptId?: string): Promise<void> {
    const rows: { id: string }[] = await em.query(
      "SELECT id FROM tickets.ticket_category WHERE tenant_id = $1 AND tickets.fold_text(name_es) = tickets.fold_text($2) AND id <> coalesce($3::uuid, '00000000-0000-0000-0000-000000000000')",
      [tenantId, name.trim(), exceptId ?? null],
    );
    if (rows.length > 0) throw Problems.conflict('Ya existe una categoría con ese nombre.', rows[0].id);
  }
}

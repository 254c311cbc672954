import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { NotificationPreferenceView } from './dto/notification-preference.view.js';
import type { TemplatePreferenceDto } from './dto/update-notification-preferences.dto.js';
import { DEFAULT_CHANNELS, USER_NOTIFICATION_TEMPLATES, type DeliveryChannels } from './notification-templates.js';

/** Per user and template: e-mail and/or in-app. Read by the one place deliveries are decided (RecipientNotifier). */
@Injectable()
export class NotificationPreferencesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inside the caller's (inbox) transaction: where this template goes for this user. */
  async channelsFor(em: EntityManager, tenantId: string, userId: string, template: string): Promise<DeliveryChannels> {
    const [row] = await em.query<{ email: boolean; in_app: boolean }[]>('SELECT email, in_app FROM notification_preference WHERE tenant_id = $1 AND user_id = $2 AND template = $3', [
      tenantId,
      userId,
      template,
    ]);
    return row ? { email: row.email, inApp: row.in_app } : DEFAULT_CHANNELS;
  }

  async list(tenantId: string, userId: string, language: 'es' | 'en'): Promise<NotificationPreferenceView[]> {
    const rows = await this.dataSource.query<{ template: string; email: boolean; in_app: boolean }[]>(
      'SELECT template, email, in_app FROM notification_preference WHERE tenant_id = $1 AND user_id = $2',
      [tenantId, userId],
    );
    const chosen = new Map(rows.map((row) => [row.template, { email: row.email, inApp: row.in_app }]));
    return USER_NOTIFICATION_TEMPLATES.map((template) => ({ template: template.id, label: template.label[language], ...(chosen.get(template.id) ?? DEFAULT_CHANNELS) }));
  }

  /** Upserts the listed templates (the last entry wins when one is listed twice). */
  async update(tenantId: string, userId: string, items: TemplatePreferenceDto[], language: 'es' | 'en'): Promise<NotificationPreferenceView[]> {
    const latest = new Map(items.map((item) => [item.template, item]));
    await this.dataSource.transaction(async (em) => {
      for (const item of latest.values()) {
        await em.query(
          `INSERT INTO notification_preference (tenant_id, user_id, template, email, in_app) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (tenant_id, user_id, template) DO UPDATE SET email = EXCLUDED.email, in_app = EXCLUDED.in_app, updated_at = now()`,
          [tenantId, userId, item.template, item.email, item.inApp],
        );
      }
    });
    return this.list(tenantId, userId, language);
  }
}

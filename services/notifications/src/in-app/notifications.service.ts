import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Problems, toPage, type Page } from '@crm/common';
import { NOTIFICATIONS_IN_APP_CREATED, type InAppNotificationCreatedData } from '@crm/contracts';
import { OutboxService } from '@crm/messaging';
import type { EntityManager, Repository } from 'typeorm';
import { decodeCreatedAtCursor } from '../shared/created-at-cursor.js';
import type { ListNotificationsQueryDto } from './dto/list-notifications-query.dto.js';
import { NotificationView } from './dto/notification.view.js';
import type { NewNotification } from './new-notification.js';
import { Notification } from './notification.entity.js';

/** Never count a whole feed: the badge needs "how many, up to 100". */
export const UNREAD_COUNT_CAP = 100;

/** The in-app feed: every read and write is scoped to the caller's tenant and user. */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * Inside an inbox transaction; a redelivered event (same source id and user) adds nothing.
   * A new row also publishes `notifications.in_app.created` (same transaction, through the
   * outbox): the gateway pushes it live to that user's `notifications` topic.
   */
  async create(em: EntityManager, notification: NewNotification): Promise<void> {
    const inserted = await em.query<{ id: string; created_at: Date }[]>(
      `INSERT INTO notification (tenant_id, user_id, type, title, body, link, data, source_message_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)
       ON CONFLICT (source_message_id, user_id) DO NOTHING
       RETURNING id, created_at`,
      [
        notification.tenantId,
        notification.userId,
        notification.type,
        notification.title,
        notification.body,
        notification.link,
        JSON.stringify(notification.data),
        notification.sourceMessageId,
      ],
    );
    const row = inserted[0];
    if (!row) return;
    await this.outbox.publish<InAppNotificationCreatedData>(em, {
      type: NOTIFICATIONS_IN_APP_CREATED,
      subject: row.id,
      tenantId: notification.tenantId,
      data: {
        notificationId: row.id,
        tenantId: notification.tenantId,
        userId: notification.userId,
        template: notification.template,
        type: notification.type,
        title: notification.title,
        body: notification.body,
        link: notification.link,
        createdAt: new Date(row.created_at).toISOString(),
      },
    });
  }

  /** The caller's unread notifications, counted up to UNREAD_COUNT_CAP (the badge shows "99+" beyond). */
  async unreadCountOf(tenantId: string, userId: string): Promise<{ unreadCount: number; capped: boolean }> {
    const count = await this.unreadCount(tenantId, userId);
    return { unreadCount: count, capped: count >= UNREAD_COUNT_CAP };
  }

  /** Marks every unread notification of the caller read; answers how many changed. */
  async markAllRead(tenantId: string, userId: string): Promise<{ updated: number }> {
    const result = await this.notifications
      .createQueryBuilder()
      .update(Notification)
      .set({ readAt: () => 'now()', version: () => 'version + 1' })
      .where('tenant_id = :tenantId AND user_id = :userId AND read_at IS NULL', { tenantId, userId })
      .execute();
    return { updated: result.affected ?? 0 };
  }

  async feed(tenantId: string, userId: string, query: ListNotificationsQueryDto): Promise<Page<NotificationView> & { unreadCount: number }> {
    const cursor = decodeCreatedAtCursor(query.cursor);
    const qb = this.notifications
      .createQueryBuilder('n')
      .where('n.tenantId = :tenantId AND n.userId = :userId', { tenantId, userId })
      .orderBy('n.createdAt', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(query.limit + 1);
    if (query.unread === true) qb.andWhere('n.readAt IS NULL');
    if (query.unread === false) qb.andWhere('n.readAt IS NOT NULL');
    if (cursor) qb.andWhere('(n.createdAt, n.id) < (CAST(:cursorAt AS timestamptz), CAST(:cursorId AS uuid))', { cursorAt: cursor.createdAt.toISOString(), cursorId: cursor.id });
    const [rows, unreadCount] = await Promise.all([qb.getMany(), this.unreadCount(tenantId, userId)]);
    return { ...toPage(rows, query.limit, (row) => [row.createdAt.toISOString(), row.id], NotificationView.of), unreadCount };
  }

  /** Marks one of the caller's notifications read (idempotent). Someone else's is a 404. */
  async markRead(tenantId: string, userId: string, id: string): Promise<NotificationView> {
    await this.notifications
      .createQueryBuilder()
      .update(Notification)
      .set({ readAt: () => 'now()', version: () => 'version + 1' })
      .where('id = :id AND tenant_id = :tenantId AND user_id = :userId AND read_at IS NULL', { id, tenantId, userId })
      .execute();
    const row = await this.notifications.findOne({ where: { id, tenantId, userId } });
    if (!row) throw Problems.notFound('La notificación no existe o no es suya.');
    return NotificationView.of(row);
  }

  private async unreadCount(tenantId: string, userId: string): Promise<number> {
    const [row] = await this.notifications.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM (
         SELECT 1 FROM notification WHERE tenant_id = $1 AND user_id = $2 AND read_at IS NULL LIMIT ${UNREAD_COUNT_CAP}
       ) unread`,
      [tenantId, userId],
    );
    return row?.count ?? 0;
  }
}

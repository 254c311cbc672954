import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Notification } from '../notification.entity.js';

export class NotificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'contact.assigned' }) type: string;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: '/contacts/6f1c…' }) link: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
  @ApiProperty() read: boolean;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) readAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty() version: number;

  static of(row: Notification): NotificationView {
    return {
      id: row.id,
      type: row.type,
      title: row.title,
      body: row.body,
      link: row.link,
      data: row.data,
      read: row.readAt !== null,
      readAt: row.readAt ? row.readAt.toISOString() : null,
      createdAt: row.createdAt.toISOString(),
      version: row.version,
    };
  }
}

export class NotificationFeed {
  @ApiProperty({ type: [NotificationView] }) items: NotificationView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
  @ApiProperty({ description: `Unread notifications of the caller, counted up to 100 (a badge shows "99+" beyond)` })
  unreadCount: number;
}

export class UnreadCountView {
  @ApiProperty({ description: 'Unread notifications of the caller, counted up to 100' }) unreadCount: number;
  @ApiProperty({ description: 'True when there are 100 or more (show "99+")' }) capped: boolean;
}

export class ReadAllView {
  @ApiProperty({ description: 'Notifications that went from unread to read' }) updated: number;
}

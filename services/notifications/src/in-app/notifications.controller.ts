import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '@crm/auth';
import { UuidOr404Pipe } from '../shared/uuid-or-404.pipe.js';
import { ListNotificationsQueryDto } from './dto/list-notifications-query.dto.js';
import { NotificationFeed, NotificationView, ReadAllView, UnreadCountView } from './dto/notification.view.js';
import { NotificationsService } from './notifications.service.js';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'My in-app notifications, newest first (keyset pages; unread=true for the unread ones)' })
  @ApiOkResponse({ type: NotificationFeed })
  feed(@CurrentUser() user: AuthUser, @Query() query: ListNotificationsQueryDto): Promise<NotificationFeed> {
    return this.notifications.feed(user.tenantId, user.id, query);
  }

  @Get('unread-count')
  @ApiOperation({ summary: 'How many of my notifications are unread, counted up to 100 (capped=true beyond)' })
  @ApiOkResponse({ type: UnreadCountView })
  unreadCount(@CurrentUser() user: AuthUser): Promise<UnreadCountView> {
    return this.notifications.unreadCountOf(user.tenantId, user.id);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark all my notifications as read; answers how many changed' })
  @ApiOkResponse({ type: ReadAllView })
  readAll(@CurrentUser() user: AuthUser): Promise<ReadAllView> {
    return this.notifications.markAllRead(user.tenantId, user.id);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of my notifications as read (idempotent)' })
  @ApiOkResponse({ type: NotificationView })
  @ApiNotFoundResponse({ description: 'No such notification, or it belongs to someone else' })
  markRead(@CurrentUser() user: AuthUser, @Param('id', UuidOr404Pipe) id: string): Promise<NotificationView> {
    return this.notifications.markRead(user.tenantId, user.id, id);
  }
}

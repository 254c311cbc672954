import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '@crm/auth';
import { UuidOr404Pipe } from '../shared/uuid-or-404.pipe.js';
import { ListNotificationsQueryDto } from './dto/list-notifications-query.dto.js';
import { NotificationFeed, NotificationView } from './dto/notification.view.js';
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

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of my notifications as read (idempotent)' })
  @ApiOkResponse({ type: NotificationView })
  @ApiNotFoundResponse({ description: 'No such notification, or it belongs to someone else' })
  markRead(@CurrentUser() user: AuthUser, @Param('id', UuidOr404Pipe) id: string): Promise<NotificationView> {
    return this.notifications.markRead(user.tenantId, user.id, id);
  }
}

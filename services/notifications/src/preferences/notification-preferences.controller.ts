import { Body, Controller, Get, Headers, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '@crm/auth';
import { preferredLanguage } from '@crm/common';
import { NotificationPreferencesView } from './dto/notification-preference.view.js';
import { UpdateNotificationPreferencesDto } from './dto/update-notification-preferences.dto.js';
import { NotificationPreferencesService } from './notification-preferences.service.js';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notification-preferences')
export class NotificationPreferencesController {
  constructor(private readonly preferences: NotificationPreferencesService) {}

  @Get()
  @ApiOperation({ summary: 'My notification preferences: per template, e-mail and/or in-app (default: both)' })
  @ApiOkResponse({ type: NotificationPreferencesView })
  async get(@CurrentUser() user: AuthUser, @Headers('accept-language') acceptLanguage?: string): Promise<NotificationPreferencesView> {
    return { items: await this.preferences.list(user.tenantId, user.id, preferredLanguage(acceptLanguage)) };
  }

  @Put()
  @ApiOperation({ summary: 'Change the listed templates (others keep their setting); honoured by every notifier from the next event on' })
  @ApiOkResponse({ type: NotificationPreferencesView })
  async put(@CurrentUser() user: AuthUser, @Body() body: UpdateNotificationPreferencesDto, @Headers('accept-language') acceptLanguage?: string): Promise<NotificationPreferencesView> {
    return { items: await this.preferences.update(user.tenantId, user.id, body.items, preferredLanguage(acceptLanguage)) };
  }
}

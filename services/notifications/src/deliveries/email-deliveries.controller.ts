import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@crm/auth';
import type { Page } from '@crm/common';
import { EmailDeliveryPage, type EmailDeliveryView } from './dto/email-delivery.view.js';
import { ListEmailDeliveriesQueryDto } from './dto/list-email-deliveries-query.dto.js';
import { EmailDeliveriesService } from './email-deliveries.service.js';

@ApiTags('email-deliveries')
@ApiBearerAuth()
@Controller('email-deliveries')
export class EmailDeliveriesController {
  constructor(private readonly deliveries: EmailDeliveriesService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'What e-mail was sent, to whom, and in which state (admins of the tenant)' })
  @ApiOkResponse({ type: EmailDeliveryPage })
  list(@CurrentUser() user: AuthUser, @Query() query: ListEmailDeliveriesQueryDto): Promise<Page<EmailDeliveryView>> {
    return this.deliveries.list(user.tenantId, query);
  }
}

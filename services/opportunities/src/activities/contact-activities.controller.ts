import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Scopes, type AuthUser } from '@crm/auth';
import { ContactActivitiesService } from './contact-activities.service.js';
import { ContactActivitiesQueryDto } from './dto/contact-activities.query.dto.js';

@ApiTags('activities')
@ApiBearerAuth()
@Controller('activities')
export class ContactActivitiesController {
  constructor(private readonly activities: ContactActivitiesService) {}

  @Get()
  @Scopes('opportunities:read')
  @ApiOperation({ summary: 'The latest activities of a contact (contactId required), newest due first; only those you may see' })
  list(@CurrentUser() user: AuthUser, @Query() query: ContactActivitiesQueryDto) {
    return this.activities.list(user, query);
  }
}

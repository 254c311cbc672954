import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Scopes, type AuthUser } from '@crm/auth';
import { ActivitiesService } from './activities.service.js';

@ApiTags('activities')
@ApiBearerAuth()
@Controller('opportunities/:opportunityId/activities')
export class OpportunityActivitiesController {
  constructor(private readonly activities: ActivitiesService) {}

  @Get()
  @Scopes('opportunities:read')
  @ApiOperation({ summary: 'The activities of an opportunity, by due time' })
  list(@CurrentUser() user: AuthUser, @Param('opportunityId') opportunityId: string) {
    return this.activities.forOpportunity(user, opportunityId);
  }
}

import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '@crm/auth';
import { DashboardService } from './dashboard.service.js';
import { DashboardView } from './dto/dashboard.view.js';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class DashboardController {
  constructor(private readonly dashboards: DashboardService) {}

  /**
   * Any authenticated user of the tenant; the tenant comes from the token only.
   *
   * Visibility decision (for now): every role sees the tenant's aggregates. For admins and
   * managers that is the intended view. For sales/support/readonly these are plain counts with
   * no record ids, names or per-owner figures, so they reveal nothing about records the user
   * cannot open; per-owner/per-team breakdowns (`/reports/sellers`) must apply
   * visibilityLevel() and narrow to the caller's own or team figures when they are added.
   */
  @Get('dashboard')
  @ApiOperation({ summary: "The tenant's headline figures (contacts today; opportunities and tickets later)" })
  @ApiOkResponse({ type: DashboardView })
  dashboard(@CurrentUser() user: AuthUser): Promise<DashboardView> {
    return this.dashboards.dashboard(user.tenantId);
  }
}

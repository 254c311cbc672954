import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@crm/auth';
import { RebuildService } from './rebuild.service.js';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports/rebuild')
export class RebuildController {
  constructor(private readonly rebuilds: RebuildService) {}

  @Post()
  @HttpCode(202)
  @Roles('admin')
  @ApiOperation({ summary: "Re-derive the tenant's read models from a replay of the services' published events (admin; asynchronous)" })
  rebuild(@CurrentUser() user: AuthUser) {
    return this.rebuilds.rebuild(user);
  }
}

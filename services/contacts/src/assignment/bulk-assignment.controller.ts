import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Scopes, type AuthUser } from '@crm/auth';
import { BulkAssignmentService, type BulkAssignResult } from './bulk-assignment.service.js';
import { BulkAssignDto } from './dto/bulk-assign.dto.js';

@ApiTags('assignment')
@ApiBearerAuth()
@Controller('contacts')
export class BulkAssignmentController {
  constructor(private readonly bulk: BulkAssignmentService) {}

  @Post('assign')
  @HttpCode(200)
  @Scopes('contacts:write')
  @ApiOperation({
    summary: 'Assign up to 500 contacts to one agent (one transaction); per-id result assigned / unchanged / not_found / not_allowed; one e-mail per contact',
  })
  assign(@CurrentUser() user: AuthUser, @Body() dto: BulkAssignDto): Promise<BulkAssignResult> {
    return this.bulk.assign(user, dto);
  }
}

import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Scopes, type AuthUser } from '@crm/auth';
import { etagOf, expectedVersion } from '@crm/database';
import { AssignmentRulesService, type AssignmentRuleView } from './assignment-rules.service.js';
import { PutAssignmentRuleDto } from './dto/put-assignment-rule.dto.js';

@ApiTags('assignment')
@ApiBearerAuth()
@Controller('assignment-rules')
export class AssignmentRulesController {
  constructor(private readonly rules: AssignmentRulesService) {}

  @Get(':teamId')
  @Scopes('contacts:read')
  @ApiOperation({ summary: 'The team’s assignment rule (admin or a manager of the team): round-robin on/off and who takes turns' })
  async get(@CurrentUser() user: AuthUser, @Param('teamId', ParseUUIDPipe) teamId: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<AssignmentRuleView> {
    const rule = await this.rules.get(user, teamId);
    if (rule.version > 0) void reply.header('etag', etagOf(rule));
    return rule;
  }

  @Put(':teamId')
  @Scopes('contacts:write')
  @ApiOperation({ summary: 'Set the team’s rule: round-robin for new prospects created without owner, over memberIds or the team’s sales people' })
  async put(
    @CurrentUser() user: AuthUser,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Body() dto: PutAssignmentRuleDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AssignmentRuleView> {
    const version = dto.version !== undefined || ifMatch !== undefined ? expectedVersion(dto.version, ifMatch) : undefined;
    const rule = await this.rules.put(user, teamId, dto, version);
    void reply.header('etag', etagOf(rule));
    return rule;
  }
}

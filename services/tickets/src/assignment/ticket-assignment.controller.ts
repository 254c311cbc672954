import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, Scopes, type AuthUser } from '@crm/auth';
import { expectedVersion } from '@crm/database';
import { AssignTicketDto } from './dto/assign-ticket.dto.js';
import { PutAssignmentRuleDto } from './dto/put-assignment-rule.dto.js';
import { TicketAssignmentService } from './ticket-assignment.service.js';

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('tickets')
export class TicketAssignmentController {
  constructor(private readonly assignment: TicketAssignmentService) {}

  @Get('assignment-rules')
  @Scopes('tickets:read')
  @ApiOperation({ summary: "Teams' automatic assignment rules" })
  rules(@CurrentUser() user: AuthUser) {
    return this.assignment.rules(user);
  }

  @Put('assignment-rules/:teamId')
  @Roles('admin', 'manager')
  @Scopes('tickets:write')
  @ApiOperation({ summary: "Set a team's rule: round_robin or least_open (admins any team, managers their own)" })
  putRule(@CurrentUser() user: AuthUser, @Param('teamId', ParseUUIDPipe) teamId: string, @Body() dto: PutAssignmentRuleDto) {
    return this.assignment.putRule(user, teamId, dto.strategy, dto.active ?? true);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Scopes('tickets:write')
  @ApiOperation({ summary: "Assign to an agent, or auto: true for the team's rule; send the version" })
  assign(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AssignTicketDto, @Headers('if-match') ifMatch: string | undefined) {
    const { version, ...assignment } = dto;
    return this.assignment.assign(user, id, assignment, expectedVersion(version, ifMatch));
  }

  @Get(':id/assignments')
  @Scopes('tickets:read')
  @ApiOperation({ summary: 'Reassignment history: who, when, from, to' })
  assignments(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.assignment.assignments(user, id);
  }
}

import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Scopes, type AuthUser } from '@crm/auth';
import { CannedRenderService, type RenderedCannedResponse } from './canned-render.service.js';

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('tickets/:ticketId/canned-responses')
export class TicketCannedResponsesController {
  constructor(private readonly renderer: CannedRenderService) {}

  @Post(':cannedId/render')
  @HttpCode(200)
  @Scopes('tickets:read')
  @ApiOperation({
    summary: 'Fill a canned response for this ticket: {{solicitante.nombre}}, {{radicado}}, {{asunto}}, {{fecha_vencimiento}}, {{agente.nombre}} (English aliases too); nothing is sent',
  })
  render(@CurrentUser() user: AuthUser, @Param('ticketId', ParseUUIDPipe) ticketId: string, @Param('cannedId', ParseUUIDPipe) cannedId: string): Promise<RenderedCannedResponse> {
    return this.renderer.render(user, ticketId, cannedId);
  }
}

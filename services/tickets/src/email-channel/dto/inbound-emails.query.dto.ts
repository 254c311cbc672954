import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '@crm/common';
import { INBOUND_OUTCOMES, type InboundOutcome } from '../inbound-email.view.js';

export class InboundEmailsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only the e-mails of this ticket.' })
  @IsOptional()
  @IsUUID()
  ticketId?: string;

  @ApiPropertyOptional({ enum: INBOUND_OUTCOMES })
  @IsOptional()
  @IsIn(INBOUND_OUTCOMES)
  outcome?: InboundOutcome;
}

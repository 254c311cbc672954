import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { CANNED_SCOPES, type CannedScope } from '../canned-response.entity.js';

export class ListCannedResponsesQueryDto {
  @ApiPropertyOptional({ enum: CANNED_SCOPES })
  @IsOptional()
  @IsIn(CANNED_SCOPES)
  scope?: CannedScope;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @ApiPropertyOptional({ description: 'Words in the title or text.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
}

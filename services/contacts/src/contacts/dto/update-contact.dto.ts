import { ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsInt, IsOptional, Min } from 'class-validator';
import { CreateContactDto } from './create-contact.dto.js';

/** Owner changes go through POST /contacts/{id}/assign, so they are recorded and notified. */
export class UpdateContactDto extends PartialType(OmitType(CreateContactDto, ['kind'] as const)) {
  @ApiPropertyOptional({ description: 'The version you edited (or send If-Match). A stale one gets 412.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

import { ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import { CreateContactDto } from './create-contact.dto.js';

/**
 * Owner changes go through POST /contacts/{id}/assign and lifecycle changes through
 * POST /contacts/{id}/convert, so they are recorded and published (`lifecycle` here may only
 * repeat the current value; anything else is a 400 pointing to convert).
 */
export class UpdateContactDto extends PartialType(OmitType(CreateContactDto, ['kind'] as const)) {
  @ApiPropertyOptional({
    description: 'Organisations only: their main person, one of the people whose companyId is this organisation (the ERP gets it on conversion). null clears it.',
  })
  @IsOptional()
  @IsUUID()
  primaryContactId?: string | null;

  @ApiPropertyOptional({ description: 'The version you edited (or send If-Match). A stale one gets 412.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

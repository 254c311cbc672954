import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { PQR_CLASSES, type PqrClass } from '../../tickets/ticket-vocabulary.js';
import { PublicRequesterDto } from './public-requester.dto.js';

/** The honeypot: hidden from people by the page, filled by bots that fill every field. */
export const PUBLIC_HONEYPOT_FIELD = 'website_url';

/**
 * What the public PQR page sends: nothing else is accepted (no priority, assignee, team, channel,
 * tags or receivedAt: those are staff decisions; the reception time is now).
 */
export class PublicFilingDto {
  @ApiProperty({ description: "The company's PQR portal key (GET /pqr-portal, admin)." })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{24,64}$/, { message: 'portal debe ser la clave del formulario público de PQR.' })
  portal: string;

  @ApiPropertyOptional({ description: 'Honeypot: leave empty (hidden on the page).' })
  @IsOptional()
  @IsString()
  [PUBLIC_HONEYPOT_FIELD]?: string;

  @ApiProperty({ enum: PQR_CLASSES, description: 'Petición, queja, reclamo… (decides the legal term).' })
  @IsIn(PQR_CLASSES)
  pqrClass: PqrClass;

  @ApiPropertyOptional({ description: 'An active category of the company (GET /public/tickets/portal/{portal}).' })
  @IsOptional()
  @IsUUID()
  categoryId?: string;

  @ApiProperty({ maxLength: 300 })
  @IsString()
  @Length(3, 300)
  subject: string;

  @ApiProperty({ maxLength: 20000 })
  @IsString()
  @Length(1, 20000)
  description: string;

  @ApiProperty({ type: PublicRequesterDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => PublicRequesterDto)
  requester: PublicRequesterDto;
}

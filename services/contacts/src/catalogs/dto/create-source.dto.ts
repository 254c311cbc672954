import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length, MaxLength, ValidateNested } from 'class-validator';
import { SOURCE_CHANNELS, type SourceChannel } from '@crm/contracts';
import { DatePeriodDto } from './date-period.dto.js';
import { MoneyDto } from './money.dto.js';

export class CreateSourceDto {
  @ApiProperty({ example: 'Feria Expoconstrucción 2026' })
  @IsString()
  @Length(1, 120)
  name: string;

  @ApiPropertyOptional({ example: 'Stand 42, pabellón 3' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string | null;

  @ApiProperty({ enum: SOURCE_CHANNELS, description: 'web, trade_show (feria), referral (referido), social_media (redes sociales), phone (llamada), email, advertising, partner, other' })
  @IsIn(SOURCE_CHANNELS)
  channel: SourceChannel;

  @ApiPropertyOptional({ type: MoneyDto, description: 'What the source cost over `period` (acquisition cost per source in reporting).' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyDto)
  cost?: MoneyDto | null;

  @ApiPropertyOptional({ type: DatePeriodDto, description: 'The period the cost covers.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DatePeriodDto)
  period?: DatePeriodDto | null;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

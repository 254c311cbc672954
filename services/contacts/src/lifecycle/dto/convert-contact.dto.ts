import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Min } from 'class-validator';
import { CONVERSION_TARGETS, type ConversionTarget } from '@crm/contracts';

export class ConvertContactDto {
  @ApiProperty({ enum: CONVERSION_TARGETS, description: 'prospect (prospecto), customer (cliente) or supplier (proveedor)' })
  @IsIn(CONVERSION_TARGETS)
  to: ConversionTarget;

  @ApiPropertyOptional({ description: 'The version you saw (or send If-Match). A stale one gets 412.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

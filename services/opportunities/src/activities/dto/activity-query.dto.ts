import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';

export class AgendaQueryDto {
  @ApiPropertyOptional({ format: 'date-time' })
  @IsISO8601({ strict: true }, { message: 'from debe ser una fecha y hora ISO 8601.' })
  from: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsISO8601({ strict: true }, { message: 'to debe ser una fecha y hora ISO 8601.' })
  to: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Whose agenda (default: yours; others need manager or admin).' })
  @IsOptional()
  @IsUUID('all', { message: 'userId debe ser un UUID.' })
  userId?: string;
}

export class OverdueQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'userId debe ser un UUID.' })
  userId?: string;
}

export class FinishActivityDto {
  @ApiPropertyOptional({ description: 'The version you saw (or send If-Match).' })
  @IsOptional()
  @IsInt({ message: 'version debe ser un entero.' })
  @Min(1, { message: 'version debe ser un entero.' })
  version?: number;

  @ApiPropertyOptional({ maxLength: 2000, example: 'Pidió ajustar el descuento.' })
  @IsOptional()
  @IsString({ message: 'outcome debe ser texto.' })
  @MaxLength(2000, { message: 'outcome admite como máximo 2000 caracteres.' })
  outcome?: string;
}

export class ReportQueryDto {
  @ApiPropertyOptional({ format: 'date-time' })
  @IsISO8601({ strict: true }, { message: 'from debe ser una fecha y hora ISO 8601.' })
  from: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsISO8601({ strict: true }, { message: 'to debe ser una fecha y hora ISO 8601.' })
  to: string;
}

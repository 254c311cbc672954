import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsUUID, Min, ValidateIf } from 'class-validator';

export class UpdatePqrPortalDto {
  @ApiPropertyOptional({ description: 'false closes the public page (filing answers 404).' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ nullable: true, description: 'Team that receives public PQRs (its assignment rule picks the agent); null for none.' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  teamId?: string | null;

  @ApiPropertyOptional({ description: 'Current version (or If-Match).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

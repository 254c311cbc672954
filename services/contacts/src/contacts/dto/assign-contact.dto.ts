import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsUUID, Min } from 'class-validator';

export class AssignContactDto {
  @ApiProperty({ description: 'The user (sales agent) who will own the contact.' })
  @IsUUID()
  ownerId: string;

  @ApiPropertyOptional({ description: 'Also move it to this team.' })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @ApiPropertyOptional({ description: 'The version you saw (or send If-Match).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

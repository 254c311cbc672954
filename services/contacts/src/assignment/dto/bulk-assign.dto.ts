import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsOptional, IsUUID } from 'class-validator';

export const BULK_ASSIGN_MAX = 500;

export class BulkAssignDto {
  @ApiProperty({ type: [String], maxItems: BULK_ASSIGN_MAX, description: `Up to ${BULK_ASSIGN_MAX} contact ids.` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BULK_ASSIGN_MAX)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  contactIds: string[];

  @ApiProperty({ description: 'The user (sales agent) who will own them.' })
  @IsUUID()
  ownerId: string;

  @ApiPropertyOptional({ description: 'Also move them to this team.' })
  @IsOptional()
  @IsUUID()
  teamId?: string;
}

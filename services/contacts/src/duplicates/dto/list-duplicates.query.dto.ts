import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayNotEmpty, IsArray, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export const DUPLICATE_REASONS = ['email', 'phone', 'taxId', 'name'] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];
export const MAX_DUPLICATE_GROUPS = 100;

/** GET /contacts/duplicates: a page of likely duplicate groups. */
export class ListDuplicatesQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_DUPLICATE_GROUPS, default: 20, description: 'Groups per page.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_DUPLICATE_GROUPS)
  limit: number = 20;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page (nextCursor).' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  cursor?: string;

  @ApiPropertyOptional({
    type: [String],
    enum: DUPLICATE_REASONS,
    description: 'Only these reasons (repeat the parameter or separate with commas). Default: all, in this order: email, phone, taxId, name.',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value.flatMap((v) => String(v).split(',')) : value))
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(DUPLICATE_REASONS, { each: true })
  reason?: DuplicateReason[];
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '@crm/common';

/** Catalogue lists: by name, keyset pages; `?active=true` for what can be chosen now. */
export class ListCatalogQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only active (true) or only deactivated (false) entries.' })
  @IsOptional()
  @IsIn(['true', 'false'])
  active?: 'true' | 'false';
}

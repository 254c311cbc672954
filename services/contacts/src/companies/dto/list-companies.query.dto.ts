import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '@crm/common';

export const COMPANY_SORTS = ['displayName', '-displayName', 'createdAt', '-createdAt'] as const;
export type CompanySort = (typeof COMPANY_SORTS)[number];

/** Companies and a company's people: keyset pages, by name (default) or creation. */
export class ListCompaniesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: COMPANY_SORTS, default: 'displayName' })
  @IsOptional()
  @IsIn(COMPANY_SORTS)
  sort: CompanySort = 'displayName';
}

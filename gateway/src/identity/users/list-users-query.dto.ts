import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageQueryDto } from '@crm/common';
import { ROLES, type Role } from '@crm/contracts';

export const USER_SORTS = ['createdAt', '-createdAt', 'name', '-name'] as const;
export type UserSort = (typeof USER_SORTS)[number];

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'E-mail prefix or part of the name (2+ characters)' })
  @IsOptional()
  @IsString()
  @Length(2, 100)
  q?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ enum: USER_SORTS, default: 'createdAt' })
  @IsOptional()
  @IsIn(USER_SORTS)
  sort: UserSort = 'createdAt';
}

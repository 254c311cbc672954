import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { ListFilter, UUID_OR_NONE } from '@crm/common';
import { CONTACT_KINDS, CONTACT_LIFECYCLES, type ContactKind, type ContactLifecycle } from '@crm/contracts';

export const CONTACT_PRIORITIES = ['low', 'normal', 'high'] as const;
export const INTEREST_LEVELS = ['low', 'medium', 'high'] as const;

/**
 * The search box and the filters of the contact list, reusable by anything that works on "the
 * current filtered list" (export): ContactsQueryService.buildFilteredQuery(user, filters).
 */
export class ContactFiltersQueryDto {
  @ApiPropertyOptional({
    description:
      'Search: name, every e-mail, phone (digits, any format), company (free text or linked organisation) and tax id (with or without dots and dashes). Accents and case do not matter. At least 3 characters in a row.',
    minLength: 3,
  })
  @IsOptional()
  @IsString()
  @Length(3, 100)
  q?: string;

  @ListFilter('person or organization.', IsIn(CONTACT_KINDS, { each: true }))
  kind?: ContactKind[];

  @ListFilter('contact, prospect, customer, supplier.', IsIn(CONTACT_LIFECYCLES, { each: true }))
  lifecycle?: ContactLifecycle[];

  @ListFilter('Industry (case and accents ignored).', IsString({ each: true }), MaxLength(120, { each: true }))
  industry?: string[];

  @ListFilter('Category (case and accents ignored).', IsString({ each: true }), MaxLength(120, { each: true }))
  category?: string[];

  @ListFilter('City (case and accents ignored: "bogota" finds "Bogotá").', IsString({ each: true }), MaxLength(120, { each: true }))
  city?: string[];

  @ListFilter('Country, ISO 3166-1 alpha-2 (CO, ES…).', Matches(/^[A-Za-z]{2}$/, { each: true, message: 'country debe ser un código ISO de 2 letras' }))
  country?: string[];

  @ListFilter('Tags: contacts carrying any of them.', IsString({ each: true }), MaxLength(60, { each: true }))
  tags?: string[];

  @ListFilter('Source of capture (GET /sources).', IsUUID('all', { each: true }))
  sourceId?: string[];

  @ListFilter('Interest (GET /interests): contacts interested in any of them.', IsUUID('all', { each: true }))
  interestId?: string[];

  @ListFilter('Owner (user id); "none" = unassigned.', Matches(UUID_OR_NONE, { each: true, message: 'ownerId debe ser un UUID o "none"' }))
  ownerId?: string[];

  @ListFilter('Team id.', IsUUID('all', { each: true }))
  teamId?: string[];

  @ListFilter('low, normal, high.', IsIn(CONTACT_PRIORITIES, { each: true }))
  priority?: (typeof CONTACT_PRIORITIES)[number][];

  @ListFilter('low, medium, high.', IsIn(INTEREST_LEVELS, { each: true }))
  interestLevel?: (typeof INTEREST_LEVELS)[number][];

  @ApiPropertyOptional({ description: 'Created on or after: a date (YYYY-MM-DD, from 00:00 UTC) or an ISO date-time.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  createdFrom?: string;

  @ApiPropertyOptional({ description: 'Created on or before: a date (YYYY-MM-DD, the whole day, UTC) or an ISO date-time.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  createdTo?: string;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsObject, IsOptional, IsUUID } from 'class-validator';
import { CONTACT_KINDS, CONTACT_LIFECYCLES, type ContactKind, type ContactLifecycle } from '@crm/contracts';

export const DEDUPE_KEYS = ['email', 'taxId'] as const;
export type DedupeKey = (typeof DEDUPE_KEYS)[number];
export const DUPLICATE_POLICIES = ['skip', 'update', 'create'] as const;
export type DuplicatePolicy = (typeof DUPLICATE_POLICIES)[number];
export const DELIMITERS = [',', ';', '\t', '|'] as const;

/** The JSON of the multipart field `options` of POST /contacts/imports. */
export class ImportOptionsDto {
  @ApiPropertyOptional({
    description: 'Column header → contact field (or "ignore"). Headers compare without case or accents; unmapped headers use the Spanish/English defaults.',
    example: { 'Nombre completo': 'firstName', 'Correo corporativo': 'email', Notas: 'ignore' },
  })
  @IsOptional()
  @IsObject()
  mapping?: Record<string, string>;

  @ApiPropertyOptional({ enum: CONTACT_KINDS, default: 'person', description: 'Type of every row without a "tipo" column.' })
  @IsOptional()
  @IsIn(CONTACT_KINDS)
  kind?: ContactKind;

  @ApiPropertyOptional({ enum: CONTACT_LIFECYCLES, default: 'prospect', description: 'Lifecycle of created contacts without an "etapa" column.' })
  @IsOptional()
  @IsIn(CONTACT_LIFECYCLES)
  lifecycle?: ContactLifecycle;

  @ApiPropertyOptional({ enum: DEDUPE_KEYS, default: 'email' })
  @IsOptional()
  @IsIn(DEDUPE_KEYS)
  dedupeOn?: DedupeKey;

  @ApiPropertyOptional({ enum: DUPLICATE_POLICIES, default: 'skip', description: 'What to do with a row whose e-mail (or tax id) matches an existing contact.' })
  @IsOptional()
  @IsIn(DUPLICATE_POLICIES)
  onDuplicate?: DuplicatePolicy;

  @ApiPropertyOptional({ default: false, description: 'Validate and count what would happen; change nothing.' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({ description: 'Fuente de captación of the created contacts.' })
  @IsOptional()
  @IsUUID()
  sourceId?: string;

  @ApiPropertyOptional({ description: 'Owner (sales agent) of the created contacts; must be an active user of the tenant.' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({ description: "Team of the created contacts (default: the requester's first team)." })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  sharedWithTeam?: boolean;

  @ApiPropertyOptional({ enum: DELIMITERS, description: 'CSV separator; detected from the header line when omitted.' })
  @IsOptional()
  @IsIn(DELIMITERS)
  delimiter?: (typeof DELIMITERS)[number];
}

/** Options as stored on the job, every default filled in. */
export interface ImportOptions {
  mapping: Record<string, string>;
  kind: ContactKind;
  lifecycle: ContactLifecycle;
  dedupeOn: DedupeKey;
  onDuplicate: DuplicatePolicy;
  dryRun: boolean;
  sourceId: string | null;
  ownerId: string | null;
  teamId: string | null;
  sharedWithTeam: boolean;
  delimiter: (typeof DELIMITERS)[number] | null;
}

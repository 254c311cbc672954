import { Column, Entity } from 'typeorm';
import { TenantEntity } from '@crm/database';

export const CANNED_SCOPES = ['personal', 'team', 'tenant'] as const;
export type CannedScope = (typeof CANNED_SCOPES)[number];

/**
 * A canned response: text with placeholders an agent fills into a reply. Personal ones belong to
 * their owner only; team ones to the team's members (its managers and admins edit them); tenant
 * ones (the seeded Spanish defaults) to everyone, edited by admins.
 */
@Entity({ name: 'canned_response' })
export class CannedResponse extends TenantEntity {
  @Column({ type: 'text' })
  scope: CannedScope;

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ name: 'team_id', type: 'uuid', nullable: true })
  teamId: string | null;

  @Column({ type: 'text' })
  title: string;

  /** Markdown-style text with {{placeholders}}. */
  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'seed_key', type: 'text', nullable: true, update: false })
  seedKey: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true, update: false })
  createdBy: string | null;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}

import { Column, Entity, Index } from 'typeorm';
import { TenantEntity } from '@crm/database';
import type { FormField } from './web-form-fields.js';

/** A web-to-lead form: its public key, the source its leads come from, and where they go. */
@Entity({ name: 'web_form' })
@Index('web_form_keyset', ['tenantId', 'createdAt', 'id'])
export class WebForm extends TenantEntity {
  @Column({ type: 'text' })
  name: string;

  /** Public and unguessable; rotating it disables the old embed. */
  @Column({ name: 'form_key', type: 'text', unique: true })
  formKey: string;

  /** Fuente de captación given to every contact the form creates. */
  @Column({ name: 'source_id', type: 'uuid' })
  sourceId: string;

  @Column({ name: 'default_team_id', type: 'uuid', nullable: true })
  defaultTeamId: string | null;

  @Column({ name: 'default_owner_id', type: 'uuid', nullable: true })
  defaultOwnerId: string | null;

  @Column({ name: 'allowed_fields', type: 'text', array: true })
  allowedFields: FormField[];

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'redirect_url', type: 'text', nullable: true })
  redirectUrl: string | null;

  @Column({ name: 'thank_you_text', type: 'text', nullable: true })
  thankYouText: string | null;

  @Column({ name: 'submission_count', type: 'int', default: 0 })
  submissionCount: number;

  @Column({ name: 'last_submission_at', type: 'timestamptz', nullable: true })
  lastSubmissionAt: Date | null;

  @Column({ name: 'created_by', type: 'uuid', update: false })
  createdBy: string;

  @Column({ name: 'updated_by', type: 'uuid' })
  updatedBy: string;
}

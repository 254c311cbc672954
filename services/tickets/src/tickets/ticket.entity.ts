import { Column, Entity } from 'typeorm';
import { TenantEntity } from '@crm/database';
import type { PqrClass, TicketChannel, TicketPriority, TicketStatus } from './ticket-vocabulary.js';

/**
 * A PQR (petición, queja, reclamo…): numbered by its radicado, owned by whoever registered it,
 * worked by an assignee of a team. The requester is a contact (by id, with copies of name and
 * e-mail for e-mails and search) or a person not yet a contact.
 */
@Entity({ name: 'ticket' })
export class Ticket extends TenantEntity {
  /** `PQR-2026-000042`: per tenant and year of reception, gapless. */
  @Column({ type: 'text', update: false })
  radicado: string;

  @Column({ name: 'pqr_class', type: 'text' })
  pqrClass: PqrClass;

  @Column({ name: 'category_id', type: 'uuid', nullable: true })
  categoryId: string | null;

  @Column({ type: 'text' })
  priority: TicketPriority;

  @Column({ type: 'text' })
  status: TicketStatus;

  @Column({ type: 'text' })
  channel: TicketChannel;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'contact_id', type: 'uuid', nullable: true })
  contactId: string | null;

  @Column({ name: 'requester_name', type: 'text', nullable: true })
  requesterName: string | null;

  @Column({ name: 'requester_document_type', type: 'text', nullable: true })
  requesterDocumentType: string | null;

  @Column({ name: 'requester_document_number', type: 'text', nullable: true })
  requesterDocumentNumber: string | null;

  @Column({ name: 'requester_email', type: 'text', nullable: true })
  requesterEmail: string | null;

  @Column({ name: 'requester_phone', type: 'text', nullable: true })
  requesterPhone: string | null;

  @Column({ name: 'requester_language', type: 'text', default: 'es' })
  requesterLanguage: 'es' | 'en';

  /** Who registered it (null for a PQR filed on the public page). */
  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId: string | null;

  @Column({ name: 'team_id', type: 'uuid', nullable: true })
  teamId: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  /** When the PQR reached the company (the legal term counts from here), never in the future. */
  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  @Column({ name: 'first_responded_at', type: 'timestamptz', nullable: true })
  firstRespondedAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'closed_by', type: 'uuid', nullable: true })
  closedBy: string | null;

  @Column({ type: 'text', nullable: true })
  resolution: string | null;

  /** SHA-256 (hex) of the public tracking token; the token itself is never stored. */
  @Column({ name: 'tracking_token_hash', type: 'text', nullable: true, select: false })
  trackingTokenHash: string | null;

  @Column({ name: 'merged_into_id', type: 'uuid', nullable: true })
  mergedIntoId: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true, update: false })
  createdBy: string | null;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;
}

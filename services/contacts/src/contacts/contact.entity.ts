import { Column, Entity, Index } from 'typeorm';
import { TenantEntity } from '@crm/database';
import type { ContactKind, ContactLifecycle } from '@crm/contracts';

/** A person or an organisation the tenant deals with, at some point of its lifecycle. */
@Entity({ name: 'contact' })
@Index('contact_keyset_created', ['tenantId', 'createdAt', 'id'])
export class Contact extends TenantEntity {
  @Column({ type: 'text' })
  kind: ContactKind;

  @Column({ type: 'text' })
  lifecycle: ContactLifecycle;

  @Column({ name: 'first_name', type: 'text', nullable: true })
  firstName: string | null;

  @Column({ name: 'last_name', type: 'text', nullable: true })
  lastName: string | null;

  /** Legal or trade name for organisations; the employer for people (free text until companies exist). */
  @Column({ name: 'company_name', type: 'text', nullable: true })
  companyName: string | null;

  /** What lists and e-mails show: "Nombre Apellido" for people, the company name otherwise. */
  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  /** Cargo. */
  @Column({ type: 'text', nullable: true })
  position: string | null;

  /** NIT, CIF, RUT… */
  @Column({ name: 'tax_id', type: 'text', nullable: true })
  taxId: string | null;

  @Column({ type: 'text', nullable: true })
  city: string | null;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'text', nullable: true })
  country: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ name: 'team_id', type: 'uuid', nullable: true })
  teamId: string | null;

  /** Team members may see it (sales and support otherwise see only their own). */
  @Column({ name: 'shared_with_team', type: 'boolean', default: true })
  sharedWithTeam: boolean;

  @Column({ name: 'created_by', type: 'uuid', update: false })
  createdBy: string;

  @Column({ name: 'updated_by', type: 'uuid' })
  updatedBy: string;
}

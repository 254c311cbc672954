import { Column, Entity, Index, VirtualColumn } from 'typeorm';
import { TenantEntity } from '@crm/database';
import type { ContactKind, ContactLifecycle } from '@crm/contracts';

/** One e-mail address or phone number of a contact; exactly one of each list is primary. */
export interface ContactChannel {
  value: string;
  label: string;
  primary: boolean;
}

export type InterestLevel = 'low' | 'medium' | 'high';
export type ContactPriority = 'low' | 'normal' | 'high';

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

  /** The primary e-mail, kept in its own column for search, dedupe and indexes. */
  @Column({ type: 'text', nullable: true })
  email: string | null;

  /** The primary phone, likewise. */
  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  emails: ContactChannel[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  phones: ContactChannel[];

  @Column({ name: 'linkedin_url', type: 'text', nullable: true })
  linkedinUrl: string | null;

  @Column({ type: 'text', nullable: true })
  website: string | null;

  @Column({ type: 'text', nullable: true })
  street: string | null;

  /** Departamento, provincia, estado. */
  @Column({ type: 'text', nullable: true })
  region: string | null;

  @Column({ name: 'postal_code', type: 'text', nullable: true })
  postalCode: string | null;

  @Column({ type: 'text', nullable: true })
  industry: string | null;

  @Column({ type: 'text', nullable: true })
  category: string | null;

  @Column({ name: 'interest_level', type: 'text', nullable: true })
  interestLevel: InterestLevel | null;

  @Column({ type: 'text', default: 'normal' })
  priority: ContactPriority;

  /** Fuente de captación (catalogue `sources`). */
  @Column({ name: 'source_id', type: 'uuid', nullable: true })
  sourceId: string | null;

  /** The organisation (a contact of kind organization) this person belongs to. */
  @Column({ name: 'company_id', type: 'uuid', nullable: true })
  companyId: string | null;

  @Column({ name: 'marketing_consent', type: 'boolean', default: false })
  marketingConsent: boolean;

  @Column({ name: 'consent_at', type: 'timestamptz', nullable: true })
  consentAt: Date | null;

  @Column({ name: 'consent_channel', type: 'text', nullable: true })
  consentChannel: string | null;

  @Column({ name: 'converted_at', type: 'timestamptz', nullable: true })
  convertedAt: Date | null;

  @Column({ name: 'converted_by', type: 'uuid', nullable: true })
  convertedBy: string | null;

  /** Became a customer (by conversion, a won opportunity, or created as one); never cleared. */
  @Column({ name: 'customer_since', type: 'timestamptz', nullable: true })
  customerSince: Date | null;

  /** Became a supplier; never cleared, so a customer who also supplies us is both. */
  @Column({ name: 'supplier_since', type: 'timestamptz', nullable: true })
  supplierSince: Date | null;

  /** For organisations: the person the ERP and sellers should address (one of its people). */
  @Column({ name: 'primary_contact_id', type: 'uuid', nullable: true })
  primaryContactId: string | null;

  /**
   * Intereses (products or services), read from `contacts.contact_interest` with every load so
   * every view carries them; written by the contacts service through that join table.
   */
  @VirtualColumn({
    type: 'jsonb',
    query: (alias) => `SELECT coalesce(jsonb_agg(ci.interest_id ORDER BY ci.interest_id), '[]'::jsonb) FROM contacts.contact_interest ci WHERE ci.contact_id = ${alias}.id`,
  })
  interestIds?: string[];

  @Column({ name: 'anonymized_at', type: 'timestamptz', nullable: true })
  anonymizedAt: Date | null;

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

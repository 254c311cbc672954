import { Column, Entity } from 'typeorm';
import { TenantEntity } from '@crm/database';

/** A category (tipo) of PQR from the tenant's catalogue: Facturación, Soporte Técnico… */
@Entity({ name: 'ticket_category' })
export class TicketCategory extends TenantEntity {
  /** Stable key of a seeded default (`facturacion`…); null for categories admins add. */
  @Column({ type: 'text', nullable: true, update: false })
  code: string | null;

  @Column({ name: 'name_es', type: 'text' })
  nameEs: string;

  @Column({ name: 'name_en', type: 'text', nullable: true })
  nameEn: string | null;

  /** Inactive categories stay on old tickets but cannot be chosen for new ones. */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'int', default: 0 })
  position: number;
}

import { Column, Entity } from 'typeorm';
import { TenantEntity } from '@crm/database';
import type { Locale, Role } from '@crm/contracts';

@Entity({ name: 'users' })
export class User extends TenantEntity {
  /** Stored lower-cased; unique per tenant. */
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  roles: Role[];

  @Column({ type: 'text', default: 'es' })
  locale: Locale;

  @Column({ type: 'boolean', default: true })
  active: boolean;
}

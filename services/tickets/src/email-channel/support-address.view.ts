import type { PqrClass, TicketPriority } from '../tickets/ticket-vocabulary.js';

/** A support address as the API shows it. */
export interface SupportAddressView {
  id: string;
  address: string;
  pqrClass: PqrClass;
  priority: TicketPriority;
  categoryId: string | null;
  teamId: string | null;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface SupportAddressRow {
  id: string;
  tenant_id: string;
  address: string;
  pqr_class: PqrClass;
  priority: TicketPriority;
  category_id: string | null;
  team_id: string | null;
  active: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export function toSupportAddressView(row: SupportAddressRow): SupportAddressView {
  return {
    id: row.id,
    address: row.address,
    pqrClass: row.pqr_class,
    priority: row.priority,
    categoryId: row.category_id,
    teamId: row.team_id,
    active: row.active,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

import type { Money } from '../i18n/format';

export interface Contact {
  id: string;
  kind: 'person' | 'organization';
  lifecycle: 'contact' | 'prospect' | 'customer' | 'supplier';
  displayName: string;
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
  email: string | null;
  phone: string | null;
  position: string | null;
  taxId: string | null;
  city: string | null;
  country: string | null;
  industry: string | null;
  priority: 'low' | 'normal' | 'high';
  tags: string[];
  ownerId: string | null;
  teamId: string | null;
  createdAt: string;
  updatedAt: string;
  customerSince: string | null;
  version: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

export interface Opportunity {
  id: string;
  title: string;
  status: 'open' | 'won' | 'lost';
  pipelineId: string;
  stageId: string;
  stageName: string;
  contactId: string;
  contactName: string;
  value: Money | null;
  probability: number;
  expectedCloseDate: string | null;
  ownerId: string | null;
  lostReasonId: string | null;
  lostNote: string | null;
  wonAt: string | null;
  lostAt: string | null;
  description: string | null;
  createdAt: string;
  version: number;
}

export interface Stage {
  id: string;
  pipelineId: string;
  name: string;
  position: number;
  probability: number;
  kind: 'open' | 'won' | 'lost';
  archived: boolean;
  version: number;
}

export interface Pipeline {
  id: string;
  name: string;
  isDefault: boolean;
  archived: boolean;
  stages: Stage[];
  version: number;
}

export interface Ticket {
  id: string;
  radicado: string;
  pqrClass: string;
  priority: string;
  status: 'abierto' | 'en_proceso' | 'pendiente' | 'cerrado';
  channel: string;
  subject: string;
  description: string;
  contactId: string | null;
  requester: { name: string; email: string | null; phone: string | null; documentType: string | null; documentNumber: string | null } | null;
  assigneeId: string | null;
  receivedAt: string;
  closedAt: string | null;
  legalDueAt: string | null;
  legalBusinessDaysLeft: number | null;
  legalState: string | null;
  resolutionDueAt: string | null;
  firstResponseDueAt: string | null;
  slaState: string | null;
  /** Set when this ticket was merged into another (then closed and read-only). */
  mergedIntoId?: string | null;
  mergedIntoRadicado?: string | null;
  version: number;
}

export interface TicketMessage {
  id: string;
  kind: 'public' | 'internal';
  authorKind: 'staff' | 'requester' | 'system';
  authorName: string | null;
  body: string;
  bodyHtml?: string;
  attachments: Array<{ id: string; fileName: string; contentType?: string; sizeBytes?: number; size?: number }>;
  createdAt: string;
}

export interface ReadReceipt {
  readerKind: 'staff' | 'requester';
  readerId: string | null;
  readerFirstName: string | null;
  lastReadMessageId: string;
  readAt: string;
}

export interface Activity {
  id: string;
  type: 'task' | 'call' | 'meeting' | 'visit' | 'email';
  subject: string;
  description: string | null;
  opportunityId: string | null;
  contactId: string | null;
  dueAt: string | null;
  status: string;
  overdue: boolean;
  completedAt: string | null;
  version: number;
}

export interface Quote {
  id: string;
  number: string;
  revision: number;
  status: string;
  currency: string;
  total: string;
  validUntil: string;
  createdAt: string;
}

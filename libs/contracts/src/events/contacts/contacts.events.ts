import { dateTime, integer, nullableText, nullableUuid, object, text, uuid, type JsonSchema } from '../../json-schema.js';

export const CONTACTS_CONTACT_CREATED = 'contacts.contact.created';
export const CONTACTS_CONTACT_UPDATED = 'contacts.contact.updated';
export const CONTACTS_CONTACT_ASSIGNED = 'contacts.contact.assigned';
export const CONTACTS_DOCUMENT_UPLOADED = 'contacts.document.uploaded';
export const CONTACTS_DOCUMENT_DELETED = 'contacts.document.deleted';

export const CONTACT_KINDS = ['person', 'organization'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];
export const CONTACT_LIFECYCLES = ['contact', 'prospect', 'customer', 'supplier'] as const;
export type ContactLifecycle = (typeof CONTACT_LIFECYCLES)[number];

export interface ContactCreatedData {
  contactId: string;
  kind: ContactKind;
  lifecycle: ContactLifecycle;
  displayName: string;
  email: string | null;
  phone: string | null;
  ownerId: string | null;
  teamId: string | null;
  /** Added in 1.1 (additive): where the contact came from and the organisation it belongs to. */
  sourceId?: string | null;
  companyId?: string | null;
  taxId?: string | null;
  createdBy: string;
  createdAt: string;
  version: number;
}

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface ContactUpdatedData {
  contactId: string;
  changes: FieldChange[];
  updatedBy: string;
  updatedAt: string;
  version: number;
}

export interface ContactAssignedData {
  contactId: string;
  displayName: string;
  ownerId: string;
  previousOwnerId: string | null;
  teamId: string | null;
  assignedBy: string;
  assignedAt: string;
  version: number;
}

export interface DocumentUploadedData {
  contactId: string;
  documentId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  uploadedBy: string;
  uploadedAt: string;
}

export interface DocumentDeletedData {
  contactId: string;
  documentId: string;
  deletedBy: string;
  deletedAt: string;
}

const kind: JsonSchema = { type: 'string', enum: CONTACT_KINDS };
const lifecycle: JsonSchema = { type: 'string', enum: CONTACT_LIFECYCLES };

export const contactCreatedSchema = object(
  {
    contactId: uuid,
    kind,
    lifecycle,
    displayName: text,
    email: nullableText,
    phone: nullableText,
    ownerId: nullableUuid,
    teamId: nullableUuid,
    sourceId: nullableUuid,
    companyId: nullableUuid,
    taxId: nullableText,
    createdBy: uuid,
    createdAt: dateTime,
    version: integer,
  },
  ['contactId', 'kind', 'lifecycle', 'displayName', 'email', 'phone', 'ownerId', 'teamId', 'createdBy', 'createdAt', 'version'],
);

export const contactUpdatedSchema = object({
  contactId: uuid,
  changes: {
    type: 'array',
    items: object({ field: text, from: {}, to: {} }, ['field']),
  },
  updatedBy: uuid,
  updatedAt: dateTime,
  version: integer,
});

export const contactAssignedSchema = object({
  contactId: uuid,
  displayName: text,
  ownerId: uuid,
  previousOwnerId: nullableUuid,
  teamId: nullableUuid,
  assignedBy: uuid,
  assignedAt: dateTime,
  version: integer,
});

export const documentUploadedSchema = object({
  contactId: uuid,
  documentId: uuid,
  fileName: text,
  contentType: text,
  sizeBytes: integer,
  uploadedBy: uuid,
  uploadedAt: dateTime,
});

export const documentDeletedSchema = object({
  contactId: uuid,
  documentId: uuid,
  deletedBy: uuid,
  deletedAt: dateTime,
});

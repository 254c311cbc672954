import { dateTime, object, text, uuid, type JsonSchema } from '../../json-schema.js';

export const CONTACTS_PQR_REQUESTER_LINKED = 'contacts.pqr_requester.linked';

/**
 * Contacts answers a `tickets.ticket.created` whose requester has an e-mail but no contact: it
 * found the contact by e-mail (following merges) or created one (source "PQR"). The tickets
 * service sets `contact_id` on the ticket. A dedicated event (rather than a field on
 * `contacts.contact.created`) because an existing contact is linked without being created.
 */
export interface PqrRequesterLinkedData {
  ticketId: string;
  radicado: string;
  contactId: string;
  /** True when contacts created the contact for this PQR (it then also published `contacts.contact.created`). */
  created: boolean;
  linkedAt: string;
}

export const pqrRequesterLinkedSchema: JsonSchema = object({
  ticketId: uuid,
  radicado: text,
  contactId: uuid,
  created: { type: 'boolean' },
  linkedAt: dateTime,
});

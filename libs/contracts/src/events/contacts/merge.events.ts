import { dateTime, integer, object, uuid, type JsonSchema } from '../../json-schema.js';

export const CONTACTS_CONTACT_MERGED = 'contacts.contact.merged';

/**
 * Two or more contacts were merged: `mergedIds` no longer exist on their own (reads of them
 * answer 404 naming the survivor); their notes, documents, interests, timeline and account
 * movements now belong to `survivorId`. Consumers that keep contact ids repoint them to it.
 */
export interface ContactMergedData {
  survivorId: string;
  mergedIds: string[];
  mergedBy: string;
  mergedAt: string;
  /** The survivor's version after the merge. */
  version: number;
}

export const contactMergedSchema: JsonSchema = object(
  {
    survivorId: uuid,
    mergedIds: { type: 'array', items: uuid, description: 'The contacts merged into the survivor (1 to 10).' },
    mergedBy: uuid,
    mergedAt: dateTime,
    version: integer,
  },
  ['survivorId', 'mergedIds', 'mergedBy', 'mergedAt'],
);

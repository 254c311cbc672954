import { dateTime, nullableText, object, text, uuid, type JsonSchema } from '../../json-schema.js';

export const NOTIFICATIONS_IN_APP_CREATED = 'notifications.in_app.created';

/**
 * An entry was added to a user's in-app feed (the bell). The realtime gateway pushes it to that
 * user's `notifications` topic only; it is in the user's language at the time it was made.
 */
export interface InAppNotificationCreatedData {
  notificationId: string;
  tenantId: string;
  userId: string;
  /** The template that caused it, e.g. `new-contact-agent`. */
  template: string;
  /** What happened, e.g. `contact.assigned` (the feed entry's `type`). */
  type: string;
  title: string;
  body: string;
  /** Path in the web app, e.g. `/contacts/<id>`. */
  link: string | null;
  createdAt: string;
}

export const inAppNotificationCreatedSchema: JsonSchema = object({
  notificationId: uuid,
  tenantId: uuid,
  userId: uuid,
  template: text,
  type: text,
  title: text,
  body: text,
  link: nullableText,
  createdAt: dateTime,
});

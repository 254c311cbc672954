export interface NewNotification {
  tenantId: string;
  userId: string;
  /** The template that caused it (in the `notifications.in_app.created` event). */
  template: string;
  type: string;
  title: string;
  body: string;
  link: string | null;
  data: Record<string, unknown>;
  sourceMessageId: string;
}

export interface NewNotification {
  tenantId: string;
  userId: string;
  type: string;
  title: string;
  body: string;
  link: string | null;
  data: Record<string, unknown>;
  sourceMessageId: string;
}

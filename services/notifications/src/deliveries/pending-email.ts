/** What the inbox transaction records for one e-mail to send after commit. */
export interface PendingEmail {
  tenantId: string;
  messageId: string;
  recipientUserId: string;
  template: string;
  locale: string;
  toAddress: string;
  subject: string;
  bodyText: string;
  bodyHtml: string;
}

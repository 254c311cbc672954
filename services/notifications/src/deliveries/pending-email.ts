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
  /** One file stored in S3 (document storage), attached when the mail is sent. */
  attachment?: { objectKey: string; fileName: string; contentType: string };
  /** Threading headers (ticket e-mails): the Message-ID to send with, and what it answers. */
  threading?: { messageId: string; inReplyTo?: string; references?: string[] };
}

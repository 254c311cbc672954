import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CONTACTS_CONTACT_ANONYMIZED, type CloudEvent, type ContactAnonymizedData } from '@crm/contracts';
import { InboxService } from '@crm/messaging';
import { isUuid } from '@crm/common';

const CONSUMER = 'notifications.contact-anonymized';

const NOTICE_TITLE = 'Notificación sobre un contacto anonimizado';
const NOTICE_BODY = 'Los datos personales de este contacto fueron anonimizados a solicitud del titular.';
const MAIL_SUBJECT = 'Correo sobre un contacto anonimizado';
const MAIL_TEXT = 'El contenido de este correo se eliminó porque los datos personales del contacto fueron anonimizados.';

/**
 * contacts.contact.anonymized → our copies of that contact's personal data go: the in-app
 * notifications about it (their `data.contactId`) lose title, body and data, and so do the
 * e-mails caused by the same events (email_delivery has no contact column; every e-mail we send
 * about a contact is recorded with an in-app notification of the same event id, which links
 * them). Recipient, template, status and dates stay for the delivery log.
 */
@Controller()
export class ContactAnonymizedHandler {
  private readonly logger = new Logger(ContactAnonymizedHandler.name);

  constructor(private readonly inbox: InboxService) {}

  @EventPattern<string>(CONTACTS_CONTACT_ANONYMIZED)
  async onContactAnonymized(@Payload() event: CloudEvent<ContactAnonymizedData>): Promise<void> {
    const contactId = event.data?.contactId;
    if (typeof contactId !== 'string' || !isUuid(contactId)) return;
    const { result } = await this.inbox.handleOnce(event, CONSUMER, async (em) => {
      const [mails]: [unknown[], number] = await em.query(
        `UPDATE notifications.email_delivery d SET subject = $3, body_text = $4, body_html = $5, version = version + 1, updated_at = now()
         WHERE d.tenant_id = $1 AND d.message_id IN (
           SELECT n.source_message_id FROM notifications.notification n
           WHERE n.tenant_id = $1 AND n.data->>'contactId' = $2 AND n.source_message_id IS NOT NULL)
         RETURNING d.id`,
        [event.tenantid, contactId, MAIL_SUBJECT, MAIL_TEXT, `<p>${MAIL_TEXT}</p>`],
      );
      const [notices]: [unknown[], number] = await em.query(
        `UPDATE notifications.notification SET title = $3, body = $4, data = jsonb_build_object('contactId', $2::text, 'anonymized', true), version = version + 1, updated_at = now()
         WHERE tenant_id = $1 AND data->>'contactId' = $2 RETURNING id`,
        [event.tenantid, contactId, NOTICE_TITLE, NOTICE_BODY],
      );
      return { mails: mails.length, notices: notices.length };
    });
    if (result) this.logger.log(`contact ${contactId} anonymised: ${result.notices} notifications and ${result.mails} e-mails scrubbed`);
  }
}

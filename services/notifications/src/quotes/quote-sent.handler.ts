import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { OPPORTUNITIES_QUOTE_SENT, type CloudEvent, type QuoteSentData } from '@crm/contracts';
import { InboxService } from '@crm/messaging';
import { EmailDeliverySender } from '../deliveries/email-delivery-sender.service.js';
import { formatTotal, quoteSentTemplate } from './quote-sent.template.js';

const CONSUMER = 'notifications.quote-sent';

/**
 * opportunities.quote.sent → one e-mail to the contact's primary address with the quote's PDF
 * (read from S3 when sending) attached. Exactly-once like every e-mail here: the inbox
 * transaction records the delivery (keyed by message id and contact), it is sent after commit,
 * and a redelivery sends it only if it is not `sent` yet. Customers get Spanish.
 */
@Controller()
export class QuoteSentHandler {
  constructor(
    private readonly inbox: InboxService,
    private readonly sender: EmailDeliverySender,
  ) {}

  @EventPattern<string>(OPPORTUNITIES_QUOTE_SENT)
  async onQuoteSent(@Payload() event: CloudEvent<QuoteSentData>): Promise<void> {
    const { data } = event;
    // An event from before the PDF/recipient fields carries nothing to e-mail.
    if (!data.pdf?.objectKey || !data.recipient?.email) return;
    await this.inbox.handleOnce(event, CONSUMER, async (em) => {
      const rendered = quoteSentTemplate.render('es', {
        customerName: data.recipient.name,
        issuerName: data.issuerName,
        number: data.number,
        opportunityTitle: data.opportunityTitle,
        total: formatTotal('es', data.total.amount, data.total.currency),
        validUntil: data.validUntil,
        sellerName: data.sellerName,
      });
      await this.sender.record(em, {
        tenantId: event.tenantid,
        messageId: event.id,
        // The recipient is a contact, not a user: its id keys the delivery.
        recipientUserId: data.contactId,
        template: quoteSentTemplate.id,
        locale: rendered.locale,
        toAddress: data.recipient.email,
        subject: rendered.subject,
        bodyText: rendered.text,
        bodyHtml: rendered.html,
        attachment: { objectKey: data.pdf.objectKey, fileName: data.pdf.fileName, contentType: 'application/pdf' },
      });
    });
    // Also after a duplicate: a crash or an SMTP failure may have left it unsent.
    await this.sender.sendOutstanding(event.id);
  }
}

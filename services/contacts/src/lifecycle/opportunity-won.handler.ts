import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { OPPORTUNITIES_OPPORTUNITY_WON, type CloudEvent, type OpportunityWonData } from '@crm/contracts';
import { InboxService } from '@crm/messaging';
import { ContactConversionService } from './contact-conversion.service.js';
import { isUuid } from '@crm/common';

/** A won opportunity makes its contact a customer (once: the inbox drops redeliveries). */
@Controller()
export class OpportunityWonHandler {
  private readonly log = new Logger('OpportunityWonHandler');

  constructor(
    private readonly inbox: InboxService,
    private readonly conversion: ContactConversionService,
  ) {}

  @EventPattern<string>(OPPORTUNITIES_OPPORTUNITY_WON)
  async onWon(@Payload() event: CloudEvent<OpportunityWonData>): Promise<void> {
    const data = event.data;
    // A malformed event cannot be fixed by retrying it: report it and acknowledge.
    if (!data || typeof data.contactId !== 'string' || !isUuid(data.contactId) || typeof event.tenantid !== 'string' || !isUuid(event.tenantid)) {
      this.log.warn(`ignored ${OPPORTUNITIES_OPPORTUNITY_WON} ${String(event.id)}: no valid contactId or tenantid`);
      return;
    }
    const { result, duplicate } = await this.inbox.handleOnce(event, 'contacts.opportunity-won', (em) => this.conversion.convertForWonOpportunity(em, event.tenantid, data));
    if (!duplicate) this.log.log(`opportunity ${data.opportunityId} won: contact ${data.contactId} ${result}`);
  }
}

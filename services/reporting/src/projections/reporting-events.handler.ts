import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  CONTACTS_CONTACT_ASSIGNED,
  CONTACTS_CONTACT_CONVERTED,
  CONTACTS_CONTACT_CREATED,
  CONTACTS_CONTACT_UPDATED,
  CONTACTS_SOURCE_CHANGED,
  ERP_FINANCE_PAYMENT_RECEIVED,
  ERP_SALES_INVOICE_ISSUED,
} from '@crm/contracts';
import { AmqpContext } from '@crm/messaging';
import { EventIngestor } from './event-ingestor.js';
import type { AnyEvent } from './projection.js';

/**
 * Every event the read models read: contacts by type, the other families by wildcard (a family's
 * types the projections do not use, e.g. activity.due, are recorded in the inbox and change nothing). Each handler resolves once its batch
 * committed, so the transport acks only durable effects.
 */
@Controller()
export class ReportingEventsHandler {
  constructor(private readonly ingestor: EventIngestor) {}

  @EventPattern<string>(CONTACTS_CONTACT_CREATED)
  contactCreated(@Payload() event: AnyEvent, @Ctx() context: AmqpContext): Promise<void> {
    return this.ingestor.submit(event, context);
  }

  @EventPattern<string>(CONTACTS_CONTACT_UPDATED)
  contactUpdated(@Payload() event: AnyEvent, @Ctx() context: AmqpContext): Promise<void> {
    return this.ingestor.submit(event, context);
  }

  @EventPattern<string>(CONTACTS_CONTACT_ASSIGNED)
  contactAssigned(@Payload() event: AnyEvent, @Ctx() context: AmqpContext): Promise<void> {
    return this.ingestor.submit(event, context);
  }

  @EventPattern<string>(CONTACTS_CONTACT_CONVERTED)
  contactConverted(@Payload() event: AnyEvent, @Ctx() context: AmqpContext): Promise<void> {
    return this.ingestor.submit(event, context);
  }

  @EventPattern<string>(CONTACTS_SOURCE_CHANGED)
  sources(@Payload() event: AnyEvent, @Ctx() context: AmqpContext): Promise<void> {
    return this.ingestor.submit(event, context);
  }

  @EventPattern<string>('opportunities.opportunity.*')
  opportunities(@Payload() event: AnyEvent, @Ctx() context: AmqpContext): Promise<void> {
    return this.ingestor.submit(event, context);
  }

  @EventPattern<string>('opportunities.activity.*')
  activities(@Payload() event: AnyEvent, @Ctx() context: AmqpContext): Promise<void> {
    return this.ingestor.submit(event, context);
  }

  @EventPattern<string>('opportunities.quote.*')
  quotes(@Payload() event: AnyEvent, @Ctx() context: AmqpContext): Promise<void> {
    return this.ingestor.submit(event, context);
  }

  @EventPattern<string>('tickets.ticket.*')
  tickets(@Payload() event: AnyEvent, @Ctx() context: AmqpContext): Promise<void> {
    return this.ingestor.submit(event, context);
  }

  @EventPattern<string>('identity.user.*')
  users(@Payload() event: AnyEvent, @Ctx() context: AmqpContext): Promise<void> {
    return this.ingestor.submit(event, context);
  }

  @EventPattern<string>(ERP_SALES_INVOICE_ISSUED)
  invoices(@Payload() event: AnyEvent, @Ctx() context: AmqpContext): Promise<void> {
    return this.ingestor.submit(event, context);
  }

  @EventPattern<string>(ERP_FINANCE_PAYMENT_RECEIVED)
  payments(@Payload() event: AnyEvent, @Ctx() context: AmqpContext): Promise<void> {
    return this.ingestor.submit(event, context);
  }
}

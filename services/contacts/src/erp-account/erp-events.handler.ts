import { randomUUID } from 'node:crypto';
import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { DataSource, type EntityManager } from 'typeorm';
import { ERP_FINANCE_ACCOUNT_STATEMENT_UPDATED, ERP_FINANCE_PAYMENT_RECEIVED, ERP_SALES_INVOICE_ISSUED, type CloudEvent } from '@crm/contracts';
import { InboxService } from '@crm/messaging';
import { AccountLedger, type LedgerTarget } from './account-ledger.service.js';
import { ErpCustomerMatcher } from './erp-customer-matcher.js';
import { InvalidErpPayload, parseInvoice, parsePayment, parseStatement, type CustomerRef } from './erp-payload.js';
import { ErpUnmatchedService } from './erp-unmatched.service.js';
import { isUuid } from '@crm/common';

type Outcome = 'applied' | 'stale' | 'unknown_customer' | 'ambiguous_customer' | 'invalid';

/**
 * The ERP's sales and finance events (exchange `erp.events`; the messaging lib binds `sales.*`
 * and `finance.*` patterns there). Each runs once per message id (inbox). An event that cannot
 * be attributed — unknown or ambiguous customer, invalid payload — is stored in
 * `contacts.erp_unmatched` and acknowledged: retrying would never make it fit.
 */
@Controller()
export class ErpEventsHandler {
  private readonly logger = new Logger(ErpEventsHandler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly inbox: InboxService,
    private readonly matcher: ErpCustomerMatcher,
    private readonly ledger: AccountLedger,
    private readonly unmatched: ErpUnmatchedService,
  ) {}

  @EventPattern<string>(ERP_SALES_INVOICE_ISSUED)
  async onInvoiceIssued(@Payload() event: CloudEvent): Promise<void> {
    await this.process(event, 'contacts.erp-invoice', parseInvoice, async (em, target, invoice) => {
      await this.ledger.applyInvoice(em, target, invoice);
      return 'applied';
    });
  }

  @EventPattern<string>(ERP_FINANCE_PAYMENT_RECEIVED)
  async onPaymentReceived(@Payload() event: CloudEvent): Promise<void> {
    await this.process(event, 'contacts.erp-payment', parsePayment, async (em, target, payment) => {
      await this.ledger.applyPayment(em, target, payment);
      return 'applied';
    });
  }

  @EventPattern<string>(ERP_FINANCE_ACCOUNT_STATEMENT_UPDATED)
  async onStatementUpdated(@Payload() event: CloudEvent): Promise<void> {
    await this.process(event, 'contacts.erp-statement', parseStatement, async (em, target, statement) => ((await this.ledger.applyStatement(em, target, statement)) ? 'applied' : 'stale'));
  }

  private async process<T extends CustomerRef>(
    event: CloudEvent,
    consumer: string,
    parse: (data: unknown) => T,
    apply: (em: EntityManager, target: LedgerTarget, parsed: T) => Promise<Outcome>,
  ): Promise<void> {
    const type = typeof event.type === 'string' ? event.type : 'unknown';
    if (typeof event.id !== 'string' || !event.id || event.id.length > 200 || typeof event.tenantid !== 'string' || !isUuid(event.tenantid)) {
      // Without an id the inbox cannot deduplicate, without a tenant nothing can be matched.
      const messageId = typeof event.id === 'string' && event.id && event.id.length <= 200 ? event.id : `no-id:${randomUUID()}`;
      await this.dataSource.transaction((em) =>
        this.unmatched.record(em, {
          messageId,
          tenantId: null,
          eventType: type,
          reason: 'invalid',
          detail: 'the CloudEvent needs an id and a UUID tenantid',
          crmContactId: null,
          customerTaxId: null,
          envelope: event,
        }),
      );
      this.logger.warn(`${type} without id or tenantid: stored in erp_unmatched (${messageId})`);
      return;
    }
    const tenantId = event.tenantid;
    const { duplicate, result } = await this.inbox.handleOnce(event, consumer, async (em): Promise<Outcome> => {
      let parsed: T;
      try {
        parsed = parse(event.data);
      } catch (error) {
        if (!(error instanceof InvalidErpPayload)) throw error;
        const ref = event.data as Partial<CustomerRef> | undefined;
        await this.unmatched.record(em, {
          messageId: event.id,
          tenantId,
          eventType: type,
          reason: 'invalid',
          detail: error.message,
          crmContactId: text(ref?.crmContactId),
          customerTaxId: text(ref?.customerTaxId),
          envelope: event,
        });
        return 'invalid';
      }
      const match = await this.matcher.match(em, tenantId, parsed);
      if (match.contactId === undefined) {
        await this.unmatched.record(em, {
          messageId: event.id,
          tenantId,
          eventType: type,
          reason: match.reason,
          detail: match.detail,
          crmContactId: parsed.crmContactId,
          customerTaxId: parsed.customerTaxId,
          envelope: event,
        });
        return match.reason;
      }
      return apply(em, { tenantId, contactId: match.contactId, messageId: event.id }, parsed);
    });
    if (duplicate) this.logger.log(`${type} ${event.id} already handled; skipped`);
    else if (result !== 'applied') this.logger.warn(`${type} ${event.id}: ${result}${result === 'stale' ? ' (older than the stored statement)' : '; stored in erp_unmatched'}`);
  }
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value.slice(0, 100) : null;
}

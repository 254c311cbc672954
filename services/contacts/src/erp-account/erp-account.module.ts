import { Module } from '@nestjs/common';
import { ActivityModule } from '../activity/activity.module.js';
import { ContactsModule } from '../contacts/contacts.module.js';
import { AccountController } from './account.controller.js';
import { AccountLedger } from './account-ledger.service.js';
import { AccountQueryService } from './account-query.service.js';
import { ErpCustomerMatcher } from './erp-customer-matcher.js';
import { ErpEventsHandler } from './erp-events.handler.js';
import { ErpUnmatchedService } from './erp-unmatched.service.js';

/** The customer's account as the ERP reports it (erp.events) and its purchase history. */
@Module({
  imports: [ContactsModule, ActivityModule],
  controllers: [AccountController, ErpEventsHandler],
  providers: [AccountLedger, AccountQueryService, ErpCustomerMatcher, ErpUnmatchedService],
})
export class ErpAccountModule {}

import { Module } from '@nestjs/common';
import { TicketCategoriesModule } from '../categories/ticket-categories.module.js';
import { ClocksModule } from '../clocks/clocks.module.js';
import { MessagesModule } from '../messages/messages.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { PqrPortalController } from './pqr-portal.controller.js';
import { PqrPortalService } from './pqr-portal.service.js';
import { PublicFormService } from './public-form.service.js';
import { PublicTicketsController } from './public-tickets.controller.js';
import { PublicTicketsService } from './public-tickets.service.js';
import { RequesterReplyEffects } from './requester-reply-effects.service.js';
import { SatisfactionService } from './satisfaction.service.js';
import { TicketSatisfactionController } from './ticket-satisfaction.controller.js';
import { TrackingLookupService } from './tracking-lookup.service.js';

/** Public PQR filing, tracking, requester replies and satisfaction (no login), and the portal settings. */
@Module({
  imports: [TicketsModule, MessagesModule, TicketCategoriesModule, ClocksModule],
  controllers: [PublicTicketsController, PqrPortalController, TicketSatisfactionController],
  providers: [PqrPortalService, PublicFormService, PublicTicketsService, RequesterReplyEffects, SatisfactionService, TrackingLookupService],
})
export class PublicModule {}

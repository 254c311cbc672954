import { Module } from '@nestjs/common';
import { TicketCategoriesModule } from '../categories/ticket-categories.module.js';
import { ClocksModule } from '../clocks/clocks.module.js';
import { MessagesModule } from '../messages/messages.module.js';
import { RequesterReplyEffects } from '../public/requester-reply-effects.service.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { DefaultCategoryCheck } from './default-category-check.service.js';
import { EMAIL_CHANNEL_CONFIG, loadEmailChannelConfig } from './email-channel-env.js';
import { InboundEmailLogService } from './inbound-email-log.service.js';
import { InboundMailService } from './inbound-mail.service.js';
import { InboundSmtpServer } from './inbound-smtp.server.js';
import { ReplyMatcher } from './reply-matcher.service.js';
import { SupportAddressesController } from './support-addresses.controller.js';
import { SupportAddressesService } from './support-addresses.service.js';
import { TicketEmailsController } from './ticket-emails.controller.js';

/** E-mail to ticket (issue #9 §4): support addresses, the inbound SMTP listener and its log. */
@Module({
  imports: [TicketsModule, MessagesModule, TicketCategoriesModule, ClocksModule],
  controllers: [SupportAddressesController, TicketEmailsController],
  providers: [
    { provide: EMAIL_CHANNEL_CONFIG, useFactory: () => loadEmailChannelConfig() },
    SupportAddressesService,
    InboundEmailLogService,
    InboundMailService,
    InboundSmtpServer,
    ReplyMatcher,
    DefaultCategoryCheck,
    RequesterReplyEffects,
  ],
})
export class EmailChannelModule {}

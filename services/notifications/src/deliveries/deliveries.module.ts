import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailModule } from '../mail/mail.module.js';
import { EmailDeliveriesController } from './email-deliveries.controller.js';
import { EmailAttachmentReader } from './email-attachment-reader.service.js';
import { EmailDeliveriesService } from './email-deliveries.service.js';
import { EmailDeliverySender } from './email-delivery-sender.service.js';
import { EmailDelivery } from './email-delivery.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([EmailDelivery]), MailModule],
  controllers: [EmailDeliveriesController],
  providers: [EmailDeliveriesService, EmailDeliverySender, EmailAttachmentReader],
  exports: [EmailDeliverySender],
})
export class DeliveriesModule {}

import { Module } from '@nestjs/common';
import { SmtpMailer } from './smtp-mailer.service.js';

@Module({
  providers: [SmtpMailer],
  exports: [SmtpMailer],
})
export class MailModule {}

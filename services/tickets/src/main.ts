import 'reflect-metadata';
import { runService } from '@crm/common';
import { AmqpTransport } from '@crm/messaging';
import { AppModule } from './app.module.js';
import { CLOCKS_ENV } from './clocks/clocks-config.js';
import { TICKETS_ENV } from './config/tickets-env.js';
import { EMAIL_CHANNEL_ENV } from './email-channel/email-channel-env.js';

await runService({
  name: 'tickets',
  module: AppModule,
  defaultPort: 3003,
  multipart: true,
  env: { ...TICKETS_ENV, ...CLOCKS_ENV, ...EMAIL_CHANNEL_ENV },
  description: 'PQR tickets: SLA and legal clocks, conversations, satisfaction.',
  transport: (app) => app.get(AmqpTransport),
});

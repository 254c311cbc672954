import 'reflect-metadata';
import { runService } from '@crm/common';
import { AmqpTransport } from '@crm/messaging';
import { AppModule } from './app.module.js';

await runService({
  name: 'tickets',
  module: AppModule,
  defaultPort: 3003,
  multipart: true,
  description: 'PQR tickets: SLA and legal clocks, conversations, satisfaction.',
  transport: (app) => app.get(AmqpTransport),
});

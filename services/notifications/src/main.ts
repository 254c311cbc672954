import 'reflect-metadata';
import { runService } from '@crm/common';
import { AmqpTransport } from '@crm/messaging';
import { AppModule } from './app.module.js';
import { NOTIFICATIONS_ENV } from './config/notifications-env.js';

await runService({
  name: 'notifications',
  module: AppModule,
  defaultPort: 3004,
  description: 'E-mail and in-app notifications, and the e-mail delivery log.',
  env: NOTIFICATIONS_ENV,
  transport: (app) => app.get(AmqpTransport),
});

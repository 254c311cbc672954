import 'reflect-metadata';
import { runService } from '@crm/common';
import { AmqpTransport } from '@crm/messaging';
import { AppModule } from './app.module.js';
import { CONTACTS_ENV } from './config/contacts-env.js';

await runService({
  name: 'contacts',
  module: AppModule,
  defaultPort: 3001,
  description: 'Contacts, companies and the lead lifecycle.',
  env: CONTACTS_ENV,
  transport: (app) => app.get(AmqpTransport),
  multipart: true,
});

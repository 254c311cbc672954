import 'reflect-metadata';
import { runService } from '@crm/common';
import { AmqpTransport } from '@crm/messaging';
import { AppModule } from './app.module.js';
import { REPORTING_ENV } from './config/reporting-env.js';

await runService({
  name: 'reporting',
  module: AppModule,
  defaultPort: 3005,
  description: 'Read models built from events: dashboards and reports.',
  env: REPORTING_ENV,
  transport: (app) => app.get(AmqpTransport),
});

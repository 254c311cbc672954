import 'reflect-metadata';
import { runService } from '@crm/common';
import { AmqpTransport } from '@crm/messaging';
import { AppModule } from './app.module.js';

await runService({
  name: 'opportunities',
  module: AppModule,
  defaultPort: 3002,
  description: 'Pipelines, stages, opportunities, activities and quotes.',
  transport: (app) => app.get(AmqpTransport),
  multipart: true,
});

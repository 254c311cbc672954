import { Module } from '@nestjs/common';
import { ContactEventsHandler } from './contact-events.handler.js';
import { ContactStatsProjector } from './contact-stats.projector.js';

@Module({
  controllers: [ContactEventsHandler],
  providers: [ContactStatsProjector],
})
export class ContactStatsModule {}

import { Module } from '@nestjs/common';
import { EventIngestor } from './event-ingestor.js';
import { ProjectionRunner } from './projection-runner.js';
import { ReportingEventsHandler } from './reporting-events.handler.js';
import { TicketProjection } from './ticket.projection.js';

@Module({
  controllers: [ReportingEventsHandler],
  providers: [TicketProjection, ProjectionRunner, EventIngestor],
  exports: [ProjectionRunner],
})
export class ProjectionsModule {}

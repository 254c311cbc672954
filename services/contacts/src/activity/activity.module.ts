import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityRecorder } from './activity-recorder.service.js';
import { ContactActivity } from './contact-activity.entity.js';
import { ServiceEventActivityHandler } from './service-event-activity.handler.js';

/**
 * What other systems report on a contact's timeline (contact_activity), the opportunities and
 * tickets events that feed it.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ContactActivity])],
  controllers: [ServiceEventActivityHandler],
  providers: [ActivityRecorder],
  exports: [ActivityRecorder],
})
export class ActivityModule {}

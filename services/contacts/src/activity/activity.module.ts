import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TimelinePagingInterceptor } from '../timeline/timeline-paging.interceptor.js';
import { ActivityRecorder } from './activity-recorder.service.js';
import { ContactActivity } from './contact-activity.entity.js';
import { ServiceEventActivityHandler } from './service-event-activity.handler.js';

/**
 * What other systems report on a contact's timeline (contact_activity), the opportunities and
 * tickets events that feed it, and the timeline's paging (the route lives in ContactsController).
 */
@Module({
  imports: [TypeOrmModule.forFeature([ContactActivity])],
  controllers: [ServiceEventActivityHandler],
  providers: [ActivityRecorder, { provide: APP_INTERCEPTOR, useClass: TimelinePagingInterceptor }],
  exports: [ActivityRecorder],
})
export class ActivityModule {}

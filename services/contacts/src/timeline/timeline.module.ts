import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TimelinePagingInterceptor } from './timeline-paging.interceptor.js';
import { TimelineService } from './timeline.service.js';

/**
 * A contact's history: TimelineService writes entries in the caller's transaction and reads the
 * merged timeline; the interceptor gives `GET /contacts/{id}/timeline` its paging.
 */
@Module({
  providers: [TimelineService, { provide: APP_INTERCEPTOR, useClass: TimelinePagingInterceptor }],
  exports: [TimelineService],
})
export class TimelineModule {}

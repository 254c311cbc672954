import { Module } from '@nestjs/common';
import { UserEventsHandler } from './user-events.handler.js';
import { UserProjectionService } from './user-projection.service.js';

@Module({
  controllers: [UserEventsHandler],
  providers: [UserProjectionService],
  exports: [UserProjectionService],
})
export class UsersModule {}

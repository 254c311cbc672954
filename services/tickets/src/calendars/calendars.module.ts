import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BusinessCalendar } from './business-calendar.entity.js';
import { BusinessCalendarsController } from './business-calendars.controller.js';
import { BusinessCalendarsService } from './business-calendars.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([BusinessCalendar])],
  controllers: [BusinessCalendarsController],
  providers: [BusinessCalendarsService],
  exports: [BusinessCalendarsService],
})
export class CalendarsModule {}

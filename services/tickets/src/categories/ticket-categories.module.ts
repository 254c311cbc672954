import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TicketCategoriesController } from './ticket-categories.controller.js';
import { TicketCategoriesService } from './ticket-categories.service.js';
import { TicketCategory } from './ticket-category.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([TicketCategory])],
  controllers: [TicketCategoriesController],
  providers: [TicketCategoriesService],
  exports: [TicketCategoriesService],
})
export class TicketCategoriesModule {}

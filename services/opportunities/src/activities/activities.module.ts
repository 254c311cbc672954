import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OpportunityAccessModule } from '../opportunities/opportunity-access.module.js';
import { ProjectionsModule } from '../projections/projections.module.js';
import { ActivitiesController } from './activities.controller.js';
import { ActivitiesService } from './activities.service.js';
import { Activity } from './activity.entity.js';
import { ContactActivitiesController } from './contact-activities.controller.js';
import { ContactActivitiesService } from './contact-activities.service.js';
import { OpportunityActivitiesController } from './opportunity-activities.controller.js';

@Module({
  imports: [TypeOrmModule.forFeature([Activity]), OpportunityAccessModule, ProjectionsModule],
  controllers: [ActivitiesController, OpportunityActivitiesController, ContactActivitiesController],
  providers: [ActivitiesService, ContactActivitiesService],
})
export class ActivitiesModule {}

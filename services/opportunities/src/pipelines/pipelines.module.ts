import { Module } from '@nestjs/common';
import { CatalogSeeder } from './catalog-seeder.service.js';
import { PipelinesController } from './pipelines.controller.js';
import { PipelinesService } from './pipelines.service.js';
import { StagesService } from './stages.service.js';

@Module({
  controllers: [PipelinesController],
  providers: [CatalogSeeder, PipelinesService, StagesService],
  exports: [CatalogSeeder, PipelinesService, StagesService],
})
export class PipelinesModule {}

import { Module } from '@nestjs/common';
import { PipelinesModule } from '../pipelines/pipelines.module.js';
import { LostReasonsController } from './lost-reasons.controller.js';
import { LostReasonsService } from './lost-reasons.service.js';

@Module({
  imports: [PipelinesModule],
  controllers: [LostReasonsController],
  providers: [LostReasonsService],
  exports: [LostReasonsService],
})
export class LostReasonsModule {}

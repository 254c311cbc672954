import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssignmentRule } from './assignment-rule.entity.js';
import { AssignmentRulesController } from './assignment-rules.controller.js';
import { AssignmentRulesService } from './assignment-rules.service.js';
import { RoundRobinAssigner } from './round-robin-assigner.service.js';

/** Per-team rules and the round-robin pick; the contacts feature uses it when creating prospects. */
@Module({
  imports: [TypeOrmModule.forFeature([AssignmentRule])],
  controllers: [AssignmentRulesController],
  providers: [AssignmentRulesService, RoundRobinAssigner],
  exports: [RoundRobinAssigner],
})
export class AssignmentRulesModule {}

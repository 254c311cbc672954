import { Module } from '@nestjs/common';
import { AssignmentRulesModule } from '../assignment/assignment-rules.module.js';
import { CatalogsModule } from '../catalogs/catalogs.module.js';
import { TeamPolicy } from '../teams/team-policy.js';
import { TimelineModule } from '../timeline/timeline.module.js';
import { ContactAccess } from './contact-access.js';
import { ContactAssignmentService } from './contact-assignment.service.js';
import { ContactsQueryService } from './contacts-query.service.js';
import { ContactsController } from './contacts.controller.js';
import { ContactsService } from './contacts.service.js';

@Module({
  imports: [CatalogsModule, AssignmentRulesModule, TimelineModule],
  controllers: [ContactsController],
  providers: [ContactAccess, ContactsService, ContactsQueryService, ContactAssignmentService, TeamPolicy],
  // TimelineModule is re-exported: every feature that changes a contact records it in its timeline.
  exports: [ContactAccess, ContactsQueryService, ContactAssignmentService, ContactsService, TimelineModule, TeamPolicy],
})
export class ContactsModule {}

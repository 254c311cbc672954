import { Module } from '@nestjs/common';
import { AssignmentRulesModule } from '../assignment/assignment-rules.module.js';
import { CatalogsModule } from '../catalogs/catalogs.module.js';
import { TeamPolicy } from '../teams/team-policy.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { UserDirectoryHandler } from '../users/user-directory.handler.js';
import { ContactAccess } from './contact-access.js';
import { ContactAssignmentService } from './contact-assignment.service.js';
import { ContactsQueryService } from './contacts-query.service.js';
import { ContactsController } from './contacts.controller.js';
import { ContactsService } from './contacts.service.js';

@Module({
  imports: [CatalogsModule, AssignmentRulesModule],
  controllers: [ContactsController, UserDirectoryHandler],
  providers: [ContactAccess, ContactsService, ContactsQueryService, ContactAssignmentService, TimelineService, TeamPolicy],
  exports: [ContactAccess, TimelineService, ContactAssignmentService, ContactsService, TeamPolicy],
})
export class ContactsModule {}

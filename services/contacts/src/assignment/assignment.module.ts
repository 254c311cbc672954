import { Module } from '@nestjs/common';
import { ContactsModule } from '../contacts/contacts.module.js';
import { BulkAssignmentController } from './bulk-assignment.controller.js';
import { BulkAssignmentService } from './bulk-assignment.service.js';

/** Bulk assignment (POST /contacts/assign); the per-team rules live in AssignmentRulesModule. */
@Module({
  imports: [ContactsModule],
  controllers: [BulkAssignmentController],
  providers: [BulkAssignmentService],
})
export class AssignmentModule {}

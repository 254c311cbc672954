import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { canWrite, type AuthUser } from '@crm/auth';
import { Problems } from '@crm/common';
import { ContactAccess } from '../contacts/contact-access.js';
import { ContactAssignmentService } from '../contacts/contact-assignment.service.js';
import { TeamPolicy } from '../teams/team-policy.js';
import { assignmentDenial } from './assignment-policy.js';
import type { BulkAssignDto } from './dto/bulk-assign.dto.js';

export type BulkAssignStatus = 'assigned' | 'unchanged' | 'not_found' | 'not_allowed';

export interface BulkAssignResult {
  batchId: string;
  ownerId: string;
  results: { contactId: string; status: BulkAssignStatus; version?: number }[];
  summary: Record<BulkAssignStatus, number>;
}

/**
 * Hands many contacts to one agent in ONE transaction, set-based (one UPDATE, one timeline
 * insert, one outbox insert): either every visible, allowed contact is
 * assigned or (on an unexpected error) none is. Contacts the caller cannot see answer
 * `not_found` (never revealing they exist), those they see but may not reassign `not_allowed`.
 * Rows are locked in id order so two overlapping bulk requests cannot deadlock. One
 * `contacts.contact.assigned` per assigned contact, as for a single assignment.
 */
@Injectable()
export class BulkAssignmentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ContactAccess,
    private readonly assignment: ContactAssignmentService,
    private readonly teams: TeamPolicy,
  ) {}

  async assign(user: AuthUser, dto: BulkAssignDto): Promise<BulkAssignResult> {
    if (!canWrite(user)) throw Problems.forbidden();
    const batchId = randomUUID();
    return this.dataSource.transaction(async (em) => {
      await this.teams.assertUsable(em, user, dto.teamId);
      const owner = await this.assignment.activeOwner(em, user.tenantId, dto.ownerId);
      const contacts = await this.access.visibleQuery(user, em).andWhere('c.id IN (:...ids)', { ids: dto.contactIds }).orderBy('c.id').setLock('pessimistic_write').getMany();
      const byId = new Map(contacts.map((contact) => [contact.id, contact]));
      // Judged on the contacts as they were, before any of them changes hands.
      const allowed = contacts.filter((contact) => !assignmentDenial(user, contact));
      const allowedIds = new Set(allowed.map((contact) => contact.id));
      const changed = await this.assignment.applyMany(em, user, allowed, owner, { teamId: dto.teamId, via: 'bulk', batchId });
      const results: BulkAssignResult['results'] = dto.contactIds.map((contactId) => {
        const contact = byId.get(contactId);
        if (!contact) return { contactId, status: 'not_found' };
        if (!allowedIds.has(contactId)) return { contactId, status: 'not_allowed' };
        return { contactId, status: changed.has(contactId) ? 'assigned' : 'unchanged', version: contact.version };
      });
      const summary: Record<BulkAssignStatus, number> = { assigned: 0, unchanged: 0, not_found: 0, not_allowed: 0 };
      for (const result of results) summary[result.status]++;
      return { batchId, ownerId: owner.userId, results, summary };
    });
  }
}

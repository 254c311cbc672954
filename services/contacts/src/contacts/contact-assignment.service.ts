import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { canWrite, type AuthUser } from '@crm/auth';
import { Problems } from '@crm/common';
import { CONTACTS_CONTACT_ASSIGNED, type ContactAssignedData, type FieldChange } from '@crm/contracts';
import { assertVersion } from '@crm/database';
import { OutboxService } from '@crm/messaging';
import { TimelineService } from '../timeline/timeline.service.js';
import { UserRef } from '../users/user-ref.entity.js';
import { ContactAccess } from './contact-access.js';
import { toContactView, type ContactView } from './contact.view.js';
import type { AssignContactDto } from './dto/assign-contact.dto.js';

/** Gives a contact to a sales agent; notifications e-mails them ("new-contact-agent"). */
@Injectable()
export class ContactAssignmentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ContactAccess,
    private readonly outbox: OutboxService,
    private readonly timeline: TimelineService,
  ) {}

  async assign(user: AuthUser, id: string, dto: AssignContactDto, version: number): Promise<ContactView> {
    if (!canWrite(user)) throw Problems.forbidden();
    return this.dataSource.transaction(async (em) => {
      const contact = await this.access.findVisible(user, id, em, true);
      assertVersion(contact, version);
      const owner = await em.findOneBy(UserRef, { userId: dto.ownerId, tenantId: user.tenantId });
      if (!owner || !owner.active) {
        throw Problems.invalid([{ field: 'ownerId', message: 'El usuario no existe o está inactivo en su organización.' }]);
      }
      const teamId = dto.teamId ?? contact.teamId ?? owner.teamIds[0] ?? null;
      if (contact.ownerId === owner.userId && contact.teamId === teamId) return toContactView(contact);

      const previousOwnerId = contact.ownerId;
      const changes: FieldChange[] = [{ field: 'ownerId', from: previousOwnerId, to: owner.userId }];
      if (teamId !== contact.teamId) changes.push({ field: 'teamId', from: contact.teamId, to: teamId });
      contact.ownerId = owner.userId;
      contact.teamId = teamId;
      contact.updatedBy = user.id;
      await em.save(contact);
      await this.timeline.record(em, { tenantId: user.tenantId, contactId: contact.id, kind: 'assigned', actorId: user.id, changes, details: { ownerName: owner.name } });
      const data: ContactAssignedData = {
        contactId: contact.id,
        displayName: contact.displayName,
        ownerId: owner.userId,
        previousOwnerId,
        teamId,
        assignedBy: user.id,
        assignedAt: contact.updatedAt.toISOString(),
        version: contact.version,
      };
      await this.outbox.publish(em, { type: CONTACTS_CONTACT_ASSIGNED, subject: contact.id, tenantId: user.tenantId, data });
      return toContactView(contact);
    });
  }
}

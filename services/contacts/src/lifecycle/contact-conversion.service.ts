import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { canWrite, type AuthUser } from '@crm/auth';
import { Problems, isUuid } from '@crm/common';
import { CONTACTS_CONTACT_CONVERTED, CONTACTS_CONTACT_UPDATED, type ContactUpdatedData, type ConversionTarget, type FieldChange, type OpportunityWonData } from '@crm/contracts';
import { assertVersion } from '@crm/database';
import { OutboxService } from '@crm/messaging';
import { SYSTEM_ACTOR_ID } from '../catalogs/catalog-actor.js';
import { ContactAccess } from '../contacts/contact-access.js';
import { Contact } from '../contacts/contact.entity.js';
import { toContactView, type ContactView } from '../contacts/contact.view.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { convertedPayload, type ConversionFacts } from './conversion-payload.js';
import { conversionRefusal } from './lifecycle-transitions.js';

export type WonOutcome = 'converted' | 'already_customer' | 'unknown_contact' | 'not_convertible';

/**
 * "Convert with one click": moves a contact along its lifecycle keeping its whole history (the
 * timeline entry says who, when, from → to), stamps converted_at/by and customer/supplier since,
 * and writes — in the same transaction — `contacts.contact.updated` (the lifecycle field change,
 * which reporting counts) and `contacts.contact.converted` (what the ERP needs).
 */
@Injectable()
export class ContactConversionService {
  private readonly log = new Logger('ContactConversion');

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ContactAccess,
    private readonly outbox: OutboxService,
    private readonly timeline: TimelineService,
  ) {}

  async convert(user: AuthUser, id: string, to: ConversionTarget, version: number): Promise<ContactView> {
    if (!canWrite(user)) throw Problems.forbidden('Su rol no permite convertir contactos.');
    return this.dataSource.transaction(async (em) => {
      const contact = await this.access.findVisible(user, id, em, true);
      assertVersion(contact, version);
      const refusal = conversionRefusal(contact, to);
      if (refusal) throw Problems.conflict(refusal);
      await this.apply(em, contact, user.id, { from: contact.lifecycle, to, trigger: 'manual', opportunityId: null });
      return toContactView(contact);
    });
  }

  /**
   * `opportunities.opportunity.won`, inside the inbox transaction: the contact becomes a customer
   * unless it already is one (then nothing changes). An unknown contact is reported, not retried:
   * redelivering cannot make it appear.
   */
  async convertForWonOpportunity(em: EntityManager, tenantId: string, data: OpportunityWonData): Promise<WonOutcome> {
    const contact = await em.createQueryBuilder(Contact, 'c').where('c.id = :id AND c.tenant_id = :tenantId', { id: data.contactId, tenantId }).setLock('pessimistic_write').getOne();
    if (!contact) {
      this.log.warn(`opportunity ${data.opportunityId} won for unknown contact ${data.contactId} (tenant ${tenantId}); acknowledged without effect`);
      return 'unknown_contact';
    }
    const refusal = conversionRefusal(contact, 'customer');
    if (refusal) {
      if (contact.customerSince || contact.lifecycle === 'customer') return 'already_customer';
      this.log.warn(`opportunity ${data.opportunityId} won for contact ${contact.id}, which cannot become a customer: ${refusal}`);
      return 'not_convertible';
    }
    const actorId = typeof data.ownerId === 'string' && isUuid(data.ownerId) ? data.ownerId : SYSTEM_ACTOR_ID;
    await this.apply(em, contact, actorId, { from: contact.lifecycle, to: 'customer', trigger: 'opportunity_won', opportunityId: data.opportunityId }, { amount: data.amount });
    return 'converted';
  }

  private async apply(em: EntityManager, contact: Contact, actorId: string, facts: ConversionFacts, extraDetails: Record<string, unknown> = {}): Promise<void> {
    const now = new Date();
    contact.lifecycle = facts.to;
    contact.convertedAt = now;
    contact.convertedBy = actorId;
    if (facts.to === 'customer') contact.customerSince = now;
    if (facts.to === 'supplier') contact.supplierSince = now;
    contact.updatedBy = actorId;
    await em.save(contact);

    const changes: FieldChange[] = [{ field: 'lifecycle', from: facts.from, to: facts.to }];
    const details: Record<string, unknown> = { from: facts.from, to: facts.to, trigger: facts.trigger, ...extraDetails };
    if (facts.opportunityId) details.opportunityId = facts.opportunityId;
    await this.timeline.record(em, { tenantId: contact.tenantId, contactId: contact.id, kind: 'converted', actorId, changes, details });

    const updated: ContactUpdatedData = { contactId: contact.id, changes, updatedBy: actorId, updatedAt: contact.updatedAt.toISOString(), version: contact.version };
    await this.outbox.publish(em, { type: CONTACTS_CONTACT_UPDATED, subject: contact.id, tenantId: contact.tenantId, data: updated });
    await this.outbox.publish(em, { type: CONTACTS_CONTACT_CONVERTED, subject: contact.id, tenantId: contact.tenantId, data: await convertedPayload(em, contact, facts) });
  }
}

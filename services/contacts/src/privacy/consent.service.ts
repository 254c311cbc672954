import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { canWrite, type AuthUser } from '@crm/auth';
import { Problems } from '@crm/common';
import { CONTACTS_CONTACT_CONSENT_CHANGED, type ConsentChannel, type ContactConsentChangedData, type FieldChange } from '@crm/contracts';
import { assertVersion } from '@crm/database';
import { OutboxService } from '@crm/messaging';
import { ContactAccess } from '../contacts/contact-access.js';
import { toContactView, type ContactView } from '../contacts/contact.view.js';
import { TimelineService } from '../timeline/timeline.service.js';

/** Tolerance for clocks: a consent "given" a little in the future is a skewed client clock. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export interface ConsentInput {
  granted: boolean;
  channel: ConsentChannel;
  at?: string;
  version?: number;
  /** Stated through an anonymous public form: recorded as unverified public input. */
  unverified?: boolean;
}

/**
 * Marketing consent (autorización de tratamiento de datos, Ley 1581): the current state lives on
 * the contact (granted, date, channel); every statement — even a repeated one, which is new
 * evidence — is a timeline entry with who recorded it, and a `contacts.contact.consent_changed`.
 */
@Injectable()
export class ConsentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ContactAccess,
    private readonly outbox: OutboxService,
    private readonly timeline: TimelineService,
  ) {}

  async set(user: AuthUser, contactId: string, input: ConsentInput): Promise<ContactView> {
    if (!canWrite(user)) throw Problems.forbidden();
    const at = input.at ? new Date(input.at) : new Date();
    if (at.getTime() > Date.now() + FUTURE_TOLERANCE_MS) throw Problems.invalid([{ field: 'at', message: 'La fecha de la autorización no puede estar en el futuro.' }]);
    return this.dataSource.transaction((em) => this.record(em, user, contactId, { ...input, at: at.toISOString() }));
  }

  /** In the caller's transaction (web forms record consent with the submission). */
  async record(em: EntityManager, user: AuthUser, contactId: string, input: ConsentInput & { at: string }): Promise<ContactView> {
    const contact = await this.access.findVisible(user, contactId, em, true);
    if (contact.anonymizedAt) throw Problems.conflict('El contacto fue anonimizado y no puede modificarse.');
    if (input.version !== undefined) assertVersion(contact, input.version);
    const changes: FieldChange[] = [
      { field: 'marketingConsent', from: contact.marketingConsent, to: input.granted },
      { field: 'consentChannel', from: contact.consentChannel, to: input.channel },
      { field: 'consentAt', from: contact.consentAt?.toISOString() ?? null, to: input.at },
    ];
    const [[updated]]: [{ version: number }[], number] = await em.query(
      `UPDATE contacts.contact SET marketing_consent = $3, consent_channel = $4, consent_at = $5, updated_by = $6, version = version + 1, updated_at = now()
       WHERE id = $1 AND tenant_id = $2 RETURNING version`,
      [contact.id, user.tenantId, input.granted, input.channel, input.at, user.id],
    );
    await this.timeline.record(em, {
      tenantId: user.tenantId,
      contactId: contact.id,
      kind: 'consent_changed',
      actorId: user.id,
      changes,
      details: { granted: input.granted, channel: input.channel, at: input.at, ...(input.unverified ? { unverified: true } : {}) },
    });
    const data: ContactConsentChangedData = { contactId: contact.id, granted: input.granted, channel: input.channel, at: input.at, changedBy: user.id, version: updated!.version };
    if (input.unverified) data.unverified = true;
    await this.outbox.publish(em, { type: CONTACTS_CONTACT_CONSENT_CHANGED, subject: contact.id, tenantId: user.tenantId, data });
    return toContactView(await this.access.findVisible(user, contact.id, em));
  }
}

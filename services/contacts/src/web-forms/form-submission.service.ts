import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '@crm/auth';
import { ProblemException, Problems } from '@crm/common';
import { ActivityRecorder } from '../activity/activity-recorder.service.js';
import { WEB_FORM_TITLE } from '../activity/service-event-entry.js';
import { Source } from '../catalogs/source.entity.js';
import { ContactAssignmentService } from '../contacts/contact-assignment.service.js';
import { ContactsService } from '../contacts/contacts.service.js';
import type { CreateContactDto } from '../contacts/dto/create-contact.dto.js';
import { ConsentService } from '../privacy/consent.service.js';
import type { FormSubmissionDto } from './dto/form-submission.dto.js';
import { FORM_KEY_PATTERN } from './form-key.js';
import { HONEYPOT_FIELD, type FormField } from './web-form-fields.js';
import { WebForm } from './web-form.entity.js';

export interface SubmissionReceipt {
  status: 'accepted';
  message: string;
  redirectUrl: string | null;
}

const DEFAULT_THANKS = 'Gracias. Recibimos sus datos y un asesor se comunicará con usted pronto.';

/**
 * A visitor's submission of a public form, acting as the form itself: a system actor of the
 * form's tenant (id = the form's id, role admin so it may find an existing contact by e-mail)
 * creates the prospect through ContactsService — same validation, timeline and
 * `contacts.contact.created` as any creation — or adds "Nuevo formulario recibido" to the contact
 * that already has that e-mail. The answer is the same in every case and reveals nothing.
 */
@Injectable()
export class FormSubmissionService {
  private readonly logger = new Logger(FormSubmissionService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly contacts: ContactsService,
    private readonly assignment: ContactAssignmentService,
    private readonly consent: ConsentService,
    private readonly activities: ActivityRecorder,
  ) {}

  /**
   * The active form with that key, else 404 (unknown and inactive look the same). A form whose
   * source was deactivated is inactive too: contacts may no longer be given that source.
   */
  async activeForm(formKey: string): Promise<WebForm> {
    const form = FORM_KEY_PATTERN.test(formKey)
      ? await this.dataSource.manager
          .createQueryBuilder(WebForm, 'f')
          .innerJoin(Source, 's', 's.id = f.source_id AND s.tenant_id = f.tenant_id AND s.active')
          .where('f.form_key = :formKey AND f.active', { formKey })
          .getOne()
      : null;
    if (!form) throw Problems.notFound('El formulario no existe o no está activo.');
    return form;
  }

  receipt(form: WebForm): SubmissionReceipt {
    return { status: 'accepted', message: form.thankYouText ?? DEFAULT_THANKS, redirectUrl: form.redirectUrl };
  }

  /** Fields sent that this form does not collect: 400 naming each. */
  assertAllowed(form: WebForm, body: Record<string, unknown>): void {
    const allowed = new Set<string>([...form.allowedFields, HONEYPOT_FIELD]);
    const refused = Object.keys(body).filter((field) => !allowed.has(field));
    if (refused.length > 0) throw Problems.invalid(refused.map((field) => ({ field, message: `El campo "${field}" no está permitido en este formulario.` })));
  }

  async submit(form: WebForm, dto: FormSubmissionDto): Promise<void> {
    const actor = this.actorOf(form);
    const email = dto.email.trim().toLowerCase();
    let contactId = await this.existingContact(form.tenantId, email);
    let created = false;
    if (!contactId) {
      try {
        const { contact } = await this.contacts.create(actor, this.contactFrom(form, dto));
        contactId = contact.id;
        created = true;
        if (!contact.ownerId && form.defaultOwnerId) await this.assignDefaultOwner(actor, form, contact.id, contact.version);
      } catch (error) {
        // Someone (another submission, an import) created that e-mail a moment ago.
        const existingId = error instanceof ProblemException && error.getStatus() === 409 ? (error.extras.existingId as string | undefined) : undefined;
        if (!existingId) throw error;
        contactId = existingId;
      }
    }
    await this.dataSource.transaction(async (em) => {
      // Public input is unverified: it may add a consent grant, never override a withdrawal.
      const withdrawn = dto.acceptsMarketing === true && (await this.consentWithdrawn(em, form.tenantId, contactId!));
      await this.activities.record(em, {
        tenantId: form.tenantId,
        contactId: contactId!,
        source: 'web-form',
        kind: 'web_form_submitted',
        title: `${WEB_FORM_TITLE}: ${form.name}`,
        occurredAt: new Date(),
        referenceId: form.id,
        actorId: form.id,
        details: { formId: form.id, formName: form.name, newContact: created, unverified: true, ...(withdrawn ? { consentIgnored: 'withdrawn' } : {}), fields: this.answers(dto) },
      });
      if (dto.acceptsMarketing === true && !withdrawn) {
        await this.consent.record(em, actor, contactId!, { granted: true, channel: 'web-form', at: new Date().toISOString(), unverified: true });
      }
      await em.query('UPDATE contacts.web_form SET submission_count = submission_count + 1, last_submission_at = now() WHERE id = $1', [form.id]);
    });
  }

  private actorOf(form: WebForm): AuthUser {
    return {
      kind: 'user',
      id: form.id,
      tenantId: form.tenantId,
      roles: ['admin'],
      teamIds: form.defaultTeamId ? [form.defaultTeamId] : [],
      scopes: [],
      name: `Formulario web: ${form.name}`,
    };
  }

  /**
   * The live contact with that e-mail; else the survivor of a contact with that e-mail that was
   * merged away (a merge repoints every merged contact straight at its survivor). Anonymised
   * contacts never match: the person starts afresh.
   */
  private async existingContact(tenantId: string, email: string): Promise<string | null> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT coalesce(s.id, c.id) AS id
         FROM contacts.contact c
         LEFT JOIN contacts.contact s ON s.id = c.merged_into_id AND s.tenant_id = c.tenant_id
        WHERE c.tenant_id = $1 AND lower(c.email) = $2 AND c.anonymized_at IS NULL
          AND (c.merged_into_id IS NULL OR (s.merged_into_id IS NULL AND s.anonymized_at IS NULL))
        ORDER BY c.merged_into_id IS NOT NULL, c.created_at
        LIMIT 1`,
      [tenantId, email],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * The contact's last recorded statement is a withdrawal: consent false with a date (false
   * without a date is "never stated"). The row stays locked until the submission commits.
   */
  private async consentWithdrawn(em: EntityManager, tenantId: string, contactId: string): Promise<boolean> {
    const rows: { withdrawn: boolean }[] = await em.query(
      'SELECT (NOT marketing_consent AND consent_at IS NOT NULL) AS withdrawn FROM contacts.contact WHERE id = $1 AND tenant_id = $2 FOR UPDATE',
      [contactId, tenantId],
    );
    return rows[0]?.withdrawn === true;
  }

  private contactFrom(form: WebForm, dto: FormSubmissionDto): CreateContactDto {
    return {
      kind: 'person',
      lifecycle: 'prospect',
      firstName: dto.firstName.trim(),
      lastName: dto.lastName?.trim() || undefined,
      email: dto.email,
      phone: dto.phone,
      companyName: dto.companyName?.trim() || undefined,
      position: dto.position?.trim() || undefined,
      city: dto.city?.trim() || undefined,
      country: dto.country,
      sourceId: form.sourceId,
      teamId: form.defaultTeamId ?? undefined,
    } as CreateContactDto;
  }

  private async assignDefaultOwner(actor: AuthUser, form: WebForm, contactId: string, version: number): Promise<void> {
    try {
      await this.assignment.assign(actor, contactId, { ownerId: form.defaultOwnerId!, teamId: form.defaultTeamId ?? undefined }, version);
    } catch (error) {
      // The lead is safe; an owner who left the company must not lose it. An admin assigns it.
      this.logger.warn(`form ${form.id}: default owner ${form.defaultOwnerId} not assigned to ${contactId}: ${(error as Error).message}`);
    }
  }

  /** What the visitor typed, for the sales team (the timeline entry), minus the honeypot. */
  private answers(dto: FormSubmissionDto): Partial<Record<FormField, unknown>> {
    const { [HONEYPOT_FIELD]: _honeypot, ...answers } = dto as FormSubmissionDto & Record<string, unknown>;
    return answers as Partial<Record<FormField, unknown>>;
  }
}

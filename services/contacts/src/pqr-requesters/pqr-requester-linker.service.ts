import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@crm/auth';
import { ProblemException } from '@crm/common';
import type { TicketRequester } from '@crm/contracts';
import { idempotencySchema, idempotencyScopeOf } from '@crm/database';
import { SYSTEM_ACTOR_ID } from '../catalogs/catalog-actor.js';
import { ContactsService } from '../contacts/contacts.service.js';
import type { CreateContactDto } from '../contacts/dto/create-contact.dto.js';
import { PqrSourceService } from './pqr-source.service.js';

/** What the linker reads of tickets.ticket.created or .requester_changed. */
export interface RequesterOfTicket {
  ticketId: string;
  radicado: string;
  requester: TicketRequester;
}

export interface RequesterLink {
  contactId: string;
  created: boolean;
}

/** Merged contacts point at their survivor; a few hops at most. */
const MAX_MERGE_HOPS = 5;

/**
 * Finds or creates the contact of a PQR requester who is not a contact yet. Idempotent without a
 * transaction of its own: the creation carries the Idempotency-Key `pqr-ticket:<ticket id>`, so
 * a redelivered event finds what the first delivery created.
 */
@Injectable()
export class PqrRequesterLinker {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contacts: ContactsService,
    private readonly pqrSource: PqrSourceService,
  ) {}

  /**
   * `key` defaults to the ticket's creation; a later change of the requester's e-mail passes its
   * own (one contact per ticket and e-mail change, however often the event is delivered).
   */
  async link(tenantId: string, data: RequesterOfTicket, email: string, key = `pqr-ticket:${data.ticketId}`): Promise<RequesterLink | null> {
    const { earlier, existing } = await this.earlierOrExisting(tenantId, key, email);
    if (earlier) return this.survivor(tenantId, earlier, true);
    if (existing) return this.survivor(tenantId, existing, false);
    const actor: AuthUser = { kind: 'user', id: SYSTEM_ACTOR_ID, tenantId, roles: ['admin'], teamIds: [], scopes: [], name: `PQR ${data.radicado}` };
    try {
      // A constant fingerprint: every delivery of the event asks for the same thing.
      const { contact } = await this.contacts.create(actor, await this.contactFrom(actor, data, email), { key, fingerprint: key });
      return { contactId: contact.id, created: true };
    } catch (error) {
      // Someone (a form, an import, a user) created that e-mail a moment ago.
      const existingId = error instanceof ProblemException && error.getStatus() === 409 ? (error.extras.existingId as string | undefined) : undefined;
      if (!existingId) throw error;
      return this.survivor(tenantId, existingId, false);
    }
  }

  private async contactFrom(actor: AuthUser, data: RequesterOfTicket, email: string): Promise<CreateContactDto> {
    const [firstName, ...rest] = data.requester.name.trim().split(/\s+/);
    return {
      kind: 'person',
      lifecycle: 'contact',
      firstName: firstName || email,
      lastName: rest.join(' ') || undefined,
      email,
      phone: data.requester.phone ?? undefined,
      sourceId: (await this.pqrSource.ensure(actor)) ?? undefined,
    } as CreateContactDto;
  }

  /**
   * One round trip: the contact an earlier delivery of this event created (Idempotency-Key), and
   * the live contact with the e-mail. Live contacts only: an anonymised one has no e-mail left, so
   * the person starts afresh.
   */
  private async earlierOrExisting(tenantId: string, key: string, email: string): Promise<{ earlier: string | null; existing: string | null }> {
    const scope = idempotencyScopeOf({ tenantId, kind: 'user', id: SYSTEM_ACTOR_ID });
    const [row]: { earlier: string | null; existing: string | null }[] = await this.dataSource.query(
      `SELECT (SELECT resource_id FROM ${idempotencySchema('contacts')}.idempotency_record WHERE tenant_id = $1 AND caller = $2 AND key = $3) AS earlier,
              (SELECT id FROM contacts.contact WHERE tenant_id = $4 AND lower(email) = $5 AND anonymized_at IS NULL
                ORDER BY (merged_into_id IS NULL) DESC, created_at LIMIT 1) AS existing`,
      [scope.tenantId, scope.caller, key, tenantId, email],
    );
    return { earlier: row?.earlier ?? null, existing: row?.existing ?? null };
  }

  private async survivor(tenantId: string, contactId: string, created: boolean): Promise<RequesterLink | null> {
    let id = contactId;
    for (let hop = 0; hop <= MAX_MERGE_HOPS; hop++) {
      const rows: { merged_into_id: string | null; anonymized_at: Date | null }[] = await this.dataSource.query(
        'SELECT merged_into_id, anonymized_at FROM contacts.contact WHERE id = $1 AND tenant_id = $2',
        [id, tenantId],
      );
      const row = rows[0];
      if (!row || row.anonymized_at) return null;
      if (!row.merged_into_id) return { contactId: id, created };
      id = row.merged_into_id;
    }
    return null;
  }
}

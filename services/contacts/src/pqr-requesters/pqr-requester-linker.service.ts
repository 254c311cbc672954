import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '@crm/auth';
import { CONTACTS_CONTACT_CREATED, CONTACTS_PQR_REQUESTER_LINKED, type CloudEvent, type ContactCreatedData, type PqrRequesterLinkedData, type TicketRequester } from '@crm/contracts';
import { idempotencySchema, idempotencyScopeOf } from '@crm/database';
import { InboxService, OutboxService, type OutboxEvent } from '@crm/messaging';
import { SYSTEM_ACTOR_ID } from '../catalogs/catalog-actor.js';
import { normaliseChannels, primaryOf } from '../contacts/contact-channels.js';
import { displayNameOf } from '../contacts/contact.view.js';
import { PQR_SOURCE_NAME, PqrSourceService } from './pqr-source.service.js';

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

/** What one delivery of the event did: nothing (a duplicate), no link (anonymised / merged away), or the link published. */
export type LinkOutcome = { duplicate: true } | { duplicate: false; link: RequesterLink | null };

/** Merged contacts point at their survivor; a few hops at most. */
const MAX_MERGE_HOPS = 5;

interface LookupRow {
  fresh: boolean;
  earlier: string | null;
  existing: string | null;
  existing_merged_into: string | null;
  source_id: string | null;
  source_active: boolean | null;
}

/**
 * Finds or creates the contact of a PQR requester and publishes `contacts.pqr_requester.linked`,
 * atomically with the event's inbox row (exactly once), in as few round trips as possible
 * (issue #8: this runs for every public filing and every e-mail that opens a PQR).
 *
 * A new requester of a tenant whose "PQR" source is known here: ONE autocommit statement that
 * claims the event and writes everything below only if the requester is still new and the source
 * unchanged when it runs ({@link createIfNew}). Anything else (a duplicate, a known, merged or
 * anonymised contact, the tenant's first PQR, a changed source) declines there and goes through:
 *
 *   BEGIN
 *   1 statement: claim the inbox row + the contact an earlier delivery created (Idempotency-Key
 *     `pqr-ticket:<ticket id>`, kept so merges repoint it) + the live contact with that e-mail
 *     + the tenant's "PQR" source
 *   1 statement: (a new requester) contact + its Idempotency-Key + its `created` history entry
 *     + `contacts.contact.created` and `contacts.pqr_requester.linked` in the outbox;
 *     (a known requester) the `linked` event only
 *   COMMIT
 *
 * The contact is created exactly like ContactsService.create creates a person with lifecycle
 * contact, an e-mail, maybe a phone and a source (same columns, history entry and event), minus
 * what a PQR requester cannot have (team, owner, company, interests, round-robin).
 */
@Injectable()
export class PqrRequesterLinker {
  private readonly idempotencyTable = `${idempotencySchema('contacts')}.idempotency_record`;

  constructor(
    private readonly dataSource: DataSource,
    private readonly pqrSource: PqrSourceService,
    private readonly inbox: InboxService,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * `key` defaults to the ticket's creation; a later change of the requester's e-mail passes its
   * own (one contact per ticket and e-mail change, however often the event is delivered).
   */
  async linkOnce(event: Pick<CloudEvent, 'id'>, consumer: string, tenantId: string, data: RequesterOfTicket, email: string, key = `pqr-ticket:${data.ticketId}`): Promise<LinkOutcome> {
    const scope = idempotencyScopeOf({ tenantId, kind: 'user', id: SYSTEM_ACTOR_ID });
    const source = this.pqrSource.known(tenantId);
    if (source) {
      const link = await this.createIfNew(event, consumer, tenantId, data, email, key, scope.caller, source);
      if (link) return { duplicate: false, link };
    }
    return this.dataSource.transaction(async (em) => {
      const claim = this.inbox.claimStatement(event, consumer, 1);
      // Live contacts only: an anonymised one has no e-mail left, so the person starts afresh.
      const [row] = (await em.query(
        `WITH claim AS (${claim.sql})
         SELECT EXISTS (SELECT 1 FROM claim) AS fresh,
                (SELECT resource_id FROM ${this.idempotencyTable} WHERE tenant_id = $3 AND caller = $4 AND key = $5) AS earlier,
                e.id AS existing, e.merged_into_id AS existing_merged_into, s.id AS source_id, s.active AS source_active
           FROM (SELECT 1) one
           LEFT JOIN LATERAL (SELECT id, merged_into_id FROM contacts.contact WHERE tenant_id = $6 AND lower(email) = $7 AND anonymized_at IS NULL
                               ORDER BY (merged_into_id IS NULL) DESC, created_at LIMIT 1) e ON true
           LEFT JOIN LATERAL (SELECT id, active FROM contacts.source WHERE tenant_id = $6 AND lower(name) = lower($8) LIMIT 1) s ON true`,
        [...claim.params, scope.tenantId, scope.caller, key, tenantId, email, PQR_SOURCE_NAME],
      )) as LookupRow[];
      if (row?.source_id) this.pqrSource.remember(tenantId, { id: row.source_id, active: row.source_active === true });
      if (!row?.fresh) {
        this.inbox.countDuplicate();
        return { duplicate: true };
      }
      let link: RequesterLink | null;
      if (row.earlier) link = await this.survivor(em, tenantId, row.earlier, true);
      else if (row.existing && !row.existing_merged_into) link = { contactId: row.existing, created: false };
      else if (row.existing) link = await this.survivor(em, tenantId, row.existing_merged_into!, false);
      else {
        const sourceId = row.source_id ? (row.source_active ? row.source_id : null) : await this.pqrSource.ensure(this.actor(tenantId, data));
        const creation = this.creation(tenantId, data, email, key, scope.caller, sourceId);
        await em.query(creation.sql, creation.params);
        return { duplicate: false, link: creation.link };
      }
      if (link) await this.outbox.publish(em, this.linkedEvent(tenantId, data, link));
      return { duplicate: false, link };
    });
  }

  /**
   * The common case in one autocommit statement instead of four round trips: a requester nobody
   * created or linked for this ticket, with no live contact of that e-mail, in a tenant whose
   * "PQR" source is as last seen. The statement claims the event and creates the contact only if
   * all of that still holds when it runs; otherwise it changes nothing and answers null, and the
   * transaction above decides (a duplicate, a known or merged contact, a changed source).
   */
  private async createIfNew(
    event: Pick<CloudEvent, 'id'>,
    consumer: string,
    tenantId: string,
    data: RequesterOfTicket,
    email: string,
    key: string,
    caller: string,
    source: { id: string; active: boolean },
  ): Promise<RequesterLink | null> {
    const creation = this.creation(tenantId, data, email, key, caller, source.active ? source.id : null, ({ first, callerAt, keyAt }) => {
      const guard: unknown[] = [email, PQR_SOURCE_NAME, source.id, source.active];
      const [emailAt, nameAt, sourceAt, activeAt] = [first, first + 1, first + 2, first + 3];
      const claim = this.inbox.claimStatement(
        event,
        consumer,
        first + guard.length,
        `NOT EXISTS (SELECT 1 FROM ${this.idempotencyTable} WHERE tenant_id = $2 AND caller = $${callerAt} AND key = $${keyAt})
           AND NOT EXISTS (SELECT 1 FROM contacts.contact WHERE tenant_id = $2 AND lower(email) = $${emailAt} AND anonymized_at IS NULL)
           AND EXISTS (SELECT 1 FROM contacts.source WHERE tenant_id = $2 AND lower(name) = lower($${nameAt}) AND id = $${sourceAt} AND active = $${activeAt})`,
      );
      return { claimSql: claim.sql, params: [...guard, ...claim.params] };
    });
    const [row] = (await this.dataSource.query(creation.sql, creation.params)) as { id: string }[];
    return row ? creation.link : null;
  }

  private actor(tenantId: string, data: RequesterOfTicket): AuthUser {
    return { kind: 'user', id: SYSTEM_ACTOR_ID, tenantId, roles: ['admin'], teamIds: [], scopes: [], name: `PQR ${data.radicado}` };
  }

  private linkedEvent(tenantId: string, data: RequesterOfTicket, link: RequesterLink): OutboxEvent<PqrRequesterLinkedData> {
    const linked: PqrRequesterLinkedData = { ticketId: data.ticketId, radicado: data.radicado, contactId: link.contactId, created: link.created, linkedAt: new Date().toISOString() };
    return { type: CONTACTS_PQR_REQUESTER_LINKED, subject: link.contactId, tenantId, data: linked };
  }

  /**
   * The new contact, its Idempotency-Key, its history entry and both events: one statement. With
   * `guarded`, the statement first claims the event under a condition (its SQL and parameters,
   * numbered from `first`; it may use the caller and key at `callerAt` and `keyAt`) and writes
   * nothing unless that claim succeeded.
   */
  private creation(
    tenantId: string,
    data: RequesterOfTicket,
    email: string,
    key: string,
    caller: string,
    sourceId: string | null,
    guarded?: (at: { first: number; callerAt: number; keyAt: number }) => { claimSql: string; params: unknown[] },
  ): { sql: string; params: unknown[]; link: RequesterLink } {
    const [firstName, ...rest] = data.requester.name.trim().split(/\s+/);
    const emails = normaliseChannels(undefined, email, [], 'email');
    const phones = normaliseChannels(undefined, data.requester.phone ?? undefined, [], 'phone');
    const person = { kind: 'person' as const, firstName: firstName || email, lastName: rest.join(' ') || null, companyName: null };
    const id = randomUUID();
    const now = new Date();
    const created: ContactCreatedData = {
      contactId: id,
      kind: 'person',
      lifecycle: 'contact',
      displayName: displayNameOf(person),
      email: primaryOf(emails),
      phone: primaryOf(phones),
      ownerId: null,
      teamId: null,
      sourceId,
      companyId: null,
      taxId: null,
      createdBy: SYSTEM_ACTOR_ID,
      createdAt: now.toISOString(),
      version: 1,
    };
    const link: RequesterLink = { contactId: id, created: true };
    const params: unknown[] = [
      id,
      tenantId,
      now,
      person.firstName,
      person.lastName,
      created.displayName,
      created.email,
      created.phone,
      JSON.stringify(emails),
      JSON.stringify(phones),
      sourceId,
      SYSTEM_ACTOR_ID,
    ];
    const events = this.outbox.insertStatement<unknown>(
      [{ type: CONTACTS_CONTACT_CREATED, subject: id, tenantId, data: created }, this.linkedEvent(tenantId, data, link)],
      params.length + 1,
      guarded ? { when: 'EXISTS (SELECT 1 FROM contact)' } : {},
    );
    params.push(...events.params, caller, key);
    const [callerAt, keyAt] = [params.length - 1, params.length];
    const guard = guarded?.({ first: params.length + 1, callerAt, keyAt });
    if (guard) params.push(...guard.params);
    // Typed: in `SELECT … FROM claim` PostgreSQL does not take the parameters' types from the columns.
    const values = `$1::uuid, $2::uuid, 1, $3::timestamptz, $3::timestamptz, 'person', 'contact', $4::text, $5::text, $6::text, $7::text, $8::text, $9::jsonb, $10::jsonb,
                    $11::uuid, NULL, NULL, true, $12::uuid, $12::uuid`;
    return {
      sql: `WITH ${guard ? `claim AS (${guard.claimSql}),` : ''} contact AS (
         INSERT INTO contacts.contact (id, tenant_id, version, created_at, updated_at, kind, lifecycle, first_name, last_name, display_name, email, phone, emails, phones,
                                       source_id, owner_id, team_id, shared_with_team, created_by, updated_by)
         ${guard ? `SELECT ${values} FROM claim` : `VALUES (${values})`}
         RETURNING id),
       idempotency AS (
         INSERT INTO ${this.idempotencyTable} (tenant_id, caller, key, fingerprint, resource_id) SELECT $2, $${callerAt}, $${keyAt}, $${keyAt}, id FROM contact),
       history AS (
         INSERT INTO contacts.contact_change (tenant_id, contact_id, kind, actor_id, occurred_at) SELECT $2, id, 'created', $12, $3 FROM contact),
       outbox AS (${events.sql})
       SELECT id FROM contact`,
      params,
      link,
    };
  }

  private async survivor(em: EntityManager, tenantId: string, contactId: string, created: boolean): Promise<RequesterLink | null> {
    let id = contactId;
    for (let hop = 0; hop <= MAX_MERGE_HOPS; hop++) {
      const rows: { merged_into_id: string | null; anonymized_at: Date | null }[] = await em.query(
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

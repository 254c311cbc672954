import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A contact as tickets knows it (projection of contacts.contact.* events). */
export interface ContactRef {
  contactId: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  taxId: string | null;
  mergedIntoId: string | null;
  anonymizedAt: Date | null;
}

/** A user as tickets knows it (projection of identity.user.* events). */
export interface UserRef {
  userId: string;
  name: string;
  email: string | null;
  language: 'es' | 'en';
  teamIds: string[];
  roles: string[];
  active: boolean;
}

/**
 * Who tickets can point at: contacts (requesters) and users (assignees, managers), read from the
 * service's own projections, which the handlers in this folder keep from events.
 */
@Injectable()
export class RequestersService {
  /** The contact, following merges to the survivor; null when unknown in the tenant. */
  async contact(em: EntityManager, tenantId: string, contactId: string): Promise<ContactRef | null> {
    let id = contactId;
    for (let hop = 0; hop < 5; hop++) {
      const rows: Record<string, unknown>[] = await em.query(
        'SELECT contact_id, display_name, email, phone, tax_id, merged_into_id, anonymized_at FROM tickets.contact_ref WHERE contact_id = $1 AND tenant_id = $2',
        [id, tenantId],
      );
      const row = rows[0];
      if (!row) return null;
      if (!row.merged_into_id) {
        return {
          contactId: row.contact_id as string,
          displayName: row.display_name as string,
          email: (row.email as string | null) ?? null,
          phone: (row.phone as string | null) ?? null,
          taxId: (row.tax_id as string | null) ?? null,
          mergedIntoId: null,
          anonymizedAt: (row.anonymized_at as Date | null) ?? null,
        };
      }
      id = row.merged_into_id as string;
    }
    return null;
  }

  async user(em: EntityManager, tenantId: string, userId: string): Promise<UserRef | null> {
    const rows: Record<string, unknown>[] = await em.query('SELECT user_id, name, email, language, team_ids, roles, active FROM tickets.user_ref WHERE user_id = $1 AND tenant_id = $2', [
      userId,
      tenantId,
    ]);
    return rows[0] ? toUserRef(rows[0]) : null;
  }

  async users(em: EntityManager, tenantId: string, userIds: readonly string[]): Promise<Map<string, UserRef>> {
    if (userIds.length === 0) return new Map();
    const rows: Record<string, unknown>[] = await em.query(
      'SELECT user_id, name, email, language, team_ids, roles, active FROM tickets.user_ref WHERE tenant_id = $1 AND user_id = ANY($2::uuid[])',
      [tenantId, [...new Set(userIds)]],
    );
    return new Map(rows.map((row) => [row.user_id as string, toUserRef(row)]));
  }

  /** Active managers who are members of the team: who an escalation goes to. */
  async managerIdsOf(em: EntityManager, tenantId: string, teamId: string | null): Promise<string[]> {
    if (!teamId) return [];
    const rows: { user_id: string }[] = await em.query(
      "SELECT user_id FROM tickets.user_ref WHERE tenant_id = $1 AND active AND $2::uuid = ANY(team_ids) AND 'manager' = ANY(roles) ORDER BY user_id",
      [tenantId, teamId],
    );
    return rows.map((row) => row.user_id);
  }

  /** Active members of the team who can work tickets (support, or managers), in a stable order. */
  async agentIdsOf(em: EntityManager, tenantId: string, teamId: string): Promise<string[]> {
    const rows: { user_id: string }[] = await em.query(
      "SELECT user_id FROM tickets.user_ref WHERE tenant_id = $1 AND active AND $2::uuid = ANY(team_ids) AND 'support' = ANY(roles) ORDER BY user_id",
      [tenantId, teamId],
    );
    return rows.map((row) => row.user_id);
  }
}

function toUserRef(row: Record<string, unknown>): UserRef {
  return {
    userId: row.user_id as string,
    name: row.name as string,
    email: (row.email as string | null) ?? null,
    language: row.language === 'en' ? 'en' : 'es',
    teamIds: (row.team_ids as string[]) ?? [],
    roles: (row.roles as string[]) ?? [],
    active: row.active as boolean,
  };
}

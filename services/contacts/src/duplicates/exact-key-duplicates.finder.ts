import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@crm/auth';
import { ContactAccess } from '../contacts/contact-access.js';
import { MAX_GROUP_MEMBERS, type FoundGroup, type PhasePage } from './duplicate-group.js';

export type ExactKeyKind = 'email' | 'phone' | 'taxId';

/** Keys shared by two or more contacts looked at per request, before visibility is applied. */
const CANDIDATE_FACTOR = 3;
const MAX_CANDIDATES = 300;

/**
 * Groups of contacts sharing an exact key (an e-mail, a phone's last 9 digits, a tax id without
 * punctuation), read in key order from contact_match_key's index: keys held by more than one
 * contact first (an index-only scan that stops after a few hundred), then their members the
 * caller can see. Keys whose visible members are fewer than two are skipped.
 */
@Injectable()
export class ExactKeyDuplicatesFinder {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ContactAccess,
  ) {}

  async page(user: AuthUser, kind: ExactKeyKind, afterKey: string | null, wanted: number): Promise<PhasePage<string>> {
    const limit = Math.min(MAX_CANDIDATES, wanted * CANDIDATE_FACTOR);
    const candidates: { key: string }[] = await this.dataSource.query(
      `SELECT k.key FROM contacts.contact_match_key k
       WHERE k.tenant_id = $1 AND k.kind = $2 AND k.key > $3
       GROUP BY k.key HAVING count(*) > 1
       ORDER BY k.key LIMIT $4`,
      [user.tenantId, kind, afterKey ?? '', limit],
    );
    if (candidates.length === 0) return { groups: [], next: null };

    const visible = this.access.visiblePredicate(user, 'c');
    const [sql, values] = this.dataSource.driver.escapeQueryWithParameters(
      `SELECT g.key, m.id FROM unnest(CAST(:keys AS text[])) WITH ORDINALITY AS g(key, position)
       CROSS JOIN LATERAL (
         SELECT c.id, c.created_at FROM contacts.contact c
         WHERE c.id IN (SELECT k.contact_id FROM contacts.contact_match_key k WHERE k.tenant_id = :tenantId AND k.kind = :kind AND k.key = g.key)
           AND ${visible.sql}
         ORDER BY c.created_at, c.id
         LIMIT ${MAX_GROUP_MEMBERS + 1}
       ) m
       ORDER BY g.position, m.created_at, m.id`,
      { ...visible.params, keys: candidates.map((candidate) => candidate.key), kind },
    );
    const rows: { key: string; id: string }[] = await this.dataSource.query(sql, values);
    const members = new Map<string, string[]>();
    for (const row of rows) members.set(row.key, [...(members.get(row.key) ?? []), row.id]);

    const groups: FoundGroup[] = [];
    for (const { key } of candidates) {
      const ids = members.get(key) ?? [];
      if (ids.length < 2) continue;
      groups.push({ reason: kind, key, memberIds: ids.slice(0, MAX_GROUP_MEMBERS), more: ids.length > MAX_GROUP_MEMBERS });
      if (groups.length >= wanted) return { groups, next: key };
    }
    return { groups, next: candidates.length === limit ? candidates[candidates.length - 1].key : null };
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CONTACT_IDEMPOTENCY } from '../contacts/contact-idempotency.js';

/** What a merge moves to the survivor, per kind of row (what the dry run reports). */
export interface MovedCounts {
  notes: number;
  documents: number;
  interests: number;
  timelineEntries: number;
  activities: number;
  accountMovements: number;
  accountStatus: number;
  companyMembers: number;
}

/** Rows that point at a contact and follow it into the survivor: `UPDATE … SET contact_id = survivor`. */
const SIMPLE_TABLES: { table: string; count: keyof MovedCounts }[] = [
  { table: 'contacts.contact_note', count: 'notes' },
  { table: 'contacts.contact_document', count: 'documents' },
  { table: 'contacts.contact_change', count: 'timelineEntries' },
  { table: 'contacts.contact_activity', count: 'activities' },
  { table: 'contacts.account_movement', count: 'accountMovements' },
];

@Injectable()
export class MergeRelatedRows {
  /** How many rows each table would move (the dry run, and the answer of a real merge). */
  async count(em: EntityManager, tenantId: string, survivorId: string, mergedIds: string[]): Promise<MovedCounts> {
    const counts: MovedCounts = { notes: 0, documents: 0, interests: 0, timelineEntries: 0, activities: 0, accountMovements: 0, accountStatus: 0, companyMembers: 0 };
    const countOf = async (sql: string, params: unknown[]) => Number((await em.query(sql, params))[0]?.n ?? 0);
    for (const { table, count } of SIMPLE_TABLES) {
      counts[count] = await countOf(`SELECT count(*) AS n FROM ${table} WHERE tenant_id = $1 AND contact_id = ANY($2::uuid[])`, [tenantId, mergedIds]);
    }
    counts.interests = await countOf(
      `SELECT count(DISTINCT ci.interest_id) AS n FROM contacts.contact_interest ci
       WHERE ci.contact_id = ANY($1::uuid[]) AND NOT EXISTS (SELECT 1 FROM contacts.contact_interest p WHERE p.contact_id = $2 AND p.interest_id = ci.interest_id)`,
      [mergedIds, survivorId],
    );
    counts.accountStatus = await countOf(
      `SELECT count(*) AS n FROM (SELECT 1 FROM contacts.account_status WHERE contact_id = ANY($1::uuid[]) LIMIT 1) s
       WHERE NOT EXISTS (SELECT 1 FROM contacts.account_status WHERE contact_id = $2)`,
      [mergedIds, survivorId],
    );
    counts.companyMembers = await countOf('SELECT count(*) AS n FROM contacts.contact WHERE tenant_id = $1 AND company_id = ANY($2::uuid[]) AND merged_into_id IS NULL', [
      tenantId,
      mergedIds,
    ]);
    return counts;
  }

  /** Moves everything in the caller's transaction (the contacts are already locked). */
  async move(em: EntityManager, tenantId: string, survivorId: string, mergedIds: string[], actorId: string): Promise<void> {
    for (const { table } of SIMPLE_TABLES) {
      await em.query(`UPDATE ${table} SET contact_id = $3 WHERE tenant_id = $1 AND contact_id = ANY($2::uuid[])`, [tenantId, mergedIds, survivorId]);
    }
    // One row per (contact, interest): drop what the survivor (or an earlier duplicate) has.
    await em.query(
      `DELETE FROM contacts.contact_interest d WHERE d.contact_id = ANY($1::uuid[]) AND (
         EXISTS (SELECT 1 FROM contacts.contact_interest p WHERE p.contact_id = $2 AND p.interest_id = d.interest_id)
         OR EXISTS (SELECT 1 FROM contacts.contact_interest o WHERE o.contact_id = ANY($1::uuid[]) AND o.interest_id = d.interest_id AND o.contact_id < d.contact_id))`,
      [mergedIds, survivorId],
    );
    await em.query('UPDATE contacts.contact_interest SET contact_id = $2 WHERE contact_id = ANY($1::uuid[])', [mergedIds, survivorId]);
    // One status per contact (the ERP's statement): the survivor keeps its own; without one it
    // takes the most recent of the merged contacts'. The others stay with their merged contact
    // until the ERP, told by contacts.contact.merged, reports on the survivor.
    await em.query(
      `UPDATE contacts.account_status SET contact_id = $2
       WHERE contact_id = (SELECT contact_id FROM contacts.account_status WHERE contact_id = ANY($1::uuid[]) ORDER BY statement_as_of DESC NULLS LAST, updated_at DESC LIMIT 1)
         AND NOT EXISTS (SELECT 1 FROM contacts.account_status WHERE contact_id = $2)`,
      [mergedIds, survivorId],
    );
    // People of a merged organisation now work for the survivor: a change to them (version
    // bumped, an entry in their timeline), in one statement.
    await em.query(
      `WITH moved AS (
         UPDATE contacts.contact c SET company_id = $3, version = c.version + 1, updated_at = now(), updated_by = $4
         FROM (SELECT id, company_id FROM contacts.contact WHERE tenant_id = $1 AND company_id = ANY($2::uuid[])) old
         WHERE c.id = old.id
         RETURNING c.id, old.company_id AS previous)
       INSERT INTO contacts.contact_change (tenant_id, contact_id, kind, actor_id, changes, details)
       SELECT $1, m.id, 'updated', $4, jsonb_build_array(jsonb_build_object('field', 'companyId', 'from', m.previous, 'to', $3::uuid)), jsonb_build_object('reason', 'merge')
       FROM moved m`,
      [tenantId, mergedIds, survivorId, actorId],
    );
    await em.query('UPDATE contacts.contact SET primary_contact_id = $3 WHERE tenant_id = $1 AND primary_contact_id = ANY($2::uuid[])', [tenantId, mergedIds, survivorId]);
    // A create replayed with an old Idempotency-Key returns the survivor.
    await CONTACT_IDEMPOTENCY.repoint(em, tenantId, mergedIds, survivorId);
    // Contacts merged earlier into one of these now point straight at the survivor.
    await em.query('UPDATE contacts.contact SET merged_into_id = $3 WHERE tenant_id = $1 AND merged_into_id = ANY($2::uuid[])', [tenantId, mergedIds, survivorId]);
  }
}

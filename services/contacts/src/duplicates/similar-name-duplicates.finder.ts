import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@crm/auth';
import { ContactAccess } from '../contacts/contact-access.js';
import { nameGroups, type PhasePage } from './duplicate-group.js';

/** Contacts compared per request, and how many following names each is compared with. */
const SEEDS_PER_PAGE = 400;
const WINDOW = 20;
export const NAME_SIMILARITY = 0.6;

export type NamePosition = [name: string, id: string];

/**
 * Similar names within the same company or city, by sorted neighbourhood: contacts are walked
 * in folded-name order on the (tenant, fold_text(display_name), id) index, and each is compared
 * (pg_trgm similarity ≥ 0.6) with the next WINDOW names only. Work per request is bounded
 * (SEEDS_PER_PAGE × WINDOW index rows), never N²; a per-contact GIN `%` probe was measured at
 * 60–190 ms for common Spanish names over 1M rows, so it is not used. Found: accents, case,
 * suffixes ("S.A.S."), typos after the first letters. Not found: names whose first letters
 * differ. Pairs that already share an e-mail, phone or tax id are left to those groups.
 */
@Injectable()
export class SimilarNameDuplicatesFinder {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ContactAccess,
  ) {}

  async page(user: AuthUser, after: NamePosition | null, wanted: number): Promise<PhasePage<NamePosition>> {
    const seedsVisible = this.access.visiblePredicate(user, 'c');
    const neighbourVisible = this.access.visiblePredicate(user, 'o');
    const [sql, values] = this.dataSource.driver.escapeQueryWithParameters(
      `WITH seeds AS MATERIALIZED (
         SELECT c.id, c.kind, contacts.fold_text(c.display_name) AS name, c.company_id,
                contacts.fold_text(c.company_name) AS company, contacts.fold_text(c.city) AS city
         FROM contacts.contact c
         WHERE ${seedsVisible.sql} AND (contacts.fold_text(c.display_name), c.id) > (:afterName, CAST(:afterId AS uuid))
         ORDER BY contacts.fold_text(c.display_name), c.id
         LIMIT ${SEEDS_PER_PAGE}
       )
       SELECT s.id, s.name, coalesce((
         SELECT json_agg(json_build_object('id', n.id, 'score', similarity(s.name, n.name)) ORDER BY n.name, n.id)
         FROM (
           SELECT o.id, o.kind, contacts.fold_text(o.display_name) AS name, o.company_id,
                  contacts.fold_text(o.company_name) AS company, contacts.fold_text(o.city) AS city
           FROM contacts.contact o
           WHERE ${neighbourVisible.sql} AND (contacts.fold_text(o.display_name), o.id) > (s.name, s.id)
           ORDER BY contacts.fold_text(o.display_name), o.id
           LIMIT ${WINDOW}
         ) n
         WHERE n.kind = s.kind AND similarity(s.name, n.name) >= ${NAME_SIMILARITY}
           AND ((s.company_id IS NOT NULL AND n.company_id = s.company_id) OR (s.company IS NOT NULL AND n.company = s.company) OR (s.city IS NOT NULL AND n.city = s.city))
           AND NOT EXISTS (
             SELECT 1 FROM contacts.contact_match_key k1
             JOIN contacts.contact_match_key k2 ON k2.tenant_id = k1.tenant_id AND k2.kind = k1.kind AND k2.key = k1.key
             WHERE k1.contact_id = s.id AND k2.contact_id = n.id)
       ), '[]') AS matches
       FROM seeds s
       ORDER BY s.name, s.id`,
      { ...seedsVisible.params, ...neighbourVisible.params, afterName: after?.[0] ?? '', afterId: after?.[1] ?? '00000000-0000-0000-0000-000000000000' },
    );
    const seeds: { id: string; name: string; matches: { id: string; score: number }[] }[] = await this.dataSource.query(sql, values);
    if (seeds.length === 0) return { groups: [], next: null };
    const { groups, lastSeed } = nameGroups(seeds, wanted);
    const done = groups.length < wanted && seeds.length < SEEDS_PER_PAGE;
    return { groups, next: done ? null : [seeds[lastSeed].name, seeds[lastSeed].id] };
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Language } from '@crm/common';
import { labelOf } from '../pipelines/default-pipeline.js';
import type { Opportunity } from './opportunity.entity.js';
import type { OpportunityLabels } from './opportunity.view.js';

/** A stage already loaded by the caller (the board has its pipeline's stages): its label needs no query. */
export interface KnownStage {
  id: string;
  name: string;
  seedKey: string | null;
}

/** Contact and stage names for views, in one query per page (none for stages the caller already has). */
@Injectable()
export class OpportunityLabelsService {
  async labelsOf(em: EntityManager, items: readonly Opportunity[], language: Language, knownStages: readonly KnownStage[] = []): Promise<Map<string, OpportunityLabels>> {
    const result = new Map<string, OpportunityLabels>();
    if (items.length === 0) return result;
    const stageNames = new Map(knownStages.map((s) => [s.id, labelOf(s, language)]));
    const contactIds = [...new Set(items.map((o) => o.contactId))];
    const stageIds = [...new Set(items.map((o) => o.stageId))].filter((id) => !stageNames.has(id));
    // One round trip for both look-ups (a list page used to send two).
    const rows = (await em.query(
      `SELECT 'contact' AS kind, contact_id AS id, display_name AS name, NULL AS seed_key FROM opportunities.contact_ref WHERE contact_id = ANY($1::uuid[])
       UNION ALL
       SELECT 'stage', id, name, seed_key FROM opportunities.stage WHERE id = ANY($2::uuid[])`,
      [contactIds, stageIds],
    )) as { kind: 'contact' | 'stage'; id: string; name: string; seed_key: string | null }[];
    const contactNames = new Map<string, string>();
    for (const row of rows) {
      if (row.kind === 'contact') contactNames.set(row.id, row.name);
      else stageNames.set(row.id, labelOf({ name: row.name, seedKey: row.seed_key }, language));
    }
    for (const o of items) result.set(o.id, { contactName: contactNames.get(o.contactId) ?? null, stageName: stageNames.get(o.stageId) ?? null });
    return result;
  }

  async labelOf(em: EntityManager, o: Opportunity, language: Language): Promise<OpportunityLabels> {
    return (await this.labelsOf(em, [o], language)).get(o.id)!;
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Language } from '@crm/common';
import { labelOf } from '../pipelines/default-pipeline.js';
import type { Opportunity } from './opportunity.entity.js';
import type { OpportunityLabels } from './opportunity.view.js';

/** Contact and stage names for views, in one query per page. */
@Injectable()
export class OpportunityLabelsService {
  async labelsOf(em: EntityManager, items: readonly Opportunity[], language: Language): Promise<Map<string, OpportunityLabels>> {
    const result = new Map<string, OpportunityLabels>();
    if (items.length === 0) return result;
    const contacts = (await em.query('SELECT contact_id, display_name FROM opportunities.contact_ref WHERE contact_id = ANY($1::uuid[])', [[...new Set(items.map((o) => o.contactId))]])) as {
      contact_id: string;
      display_name: string;
    }[];
    const stages = (await em.query('SELECT id, name, seed_key FROM opportunities.stage WHERE id = ANY($1::uuid[])', [[...new Set(items.map((o) => o.stageId))]])) as {
      id: string;
      name: string;
      seed_key: string | null;
    }[];
    const contactNames = new Map(contacts.map((c) => [c.contact_id, c.display_name]));
    const stageNames = new Map(stages.map((s) => [s.id, labelOf({ name: s.name, seedKey: s.seed_key }, language)]));
    for (const o of items) result.set(o.id, { contactName: contactNames.get(o.contactId) ?? null, stageName: stageNames.get(o.stageId) ?? null });
    return result;
  }

  async labelOf(em: EntityManager, o: Opportunity, language: Language): Promise<OpportunityLabels> {
    return (await this.labelsOf(em, [o], language)).get(o.id)!;
  }
}

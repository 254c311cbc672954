import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ContactActivity, type ActivitySource } from './contact-activity.entity.js';

export interface ActivityInput {
  tenantId: string;
  contactId: string;
  source: ActivitySource;
  kind: string;
  title: string;
  occurredAt: Date;
  referenceId?: string | null;
  actorId?: string | null;
  details?: Record<string, unknown>;
  messageId?: string | null;
}

/** Adds entries to a contact's timeline in the caller's transaction (inbox or request). */
@Injectable()
export class ActivityRecorder {
  async record(em: EntityManager, input: ActivityInput): Promise<ContactActivity> {
    const activity = em.create(ContactActivity, {
      ...input,
      referenceId: input.referenceId ?? null,
      actorId: input.actorId ?? null,
      details: input.details ?? {},
      messageId: input.messageId ?? null,
    });
    return em.save(activity);
  }
}

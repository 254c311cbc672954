import type { Activity } from './activity.entity.js';

export function toActivityView(a: Activity) {
  return {
    id: a.id,
    type: a.type,
    subject: a.subject,
    description: a.description,
    opportunityId: a.opportunityId,
    contactId: a.contactId,
    dueAt: a.dueAt?.toISOString() ?? null,
    durationMinutes: a.durationMinutes,
    assignedTo: a.assignedTo,
    createdBy: a.createdBy,
    status: a.status,
    outcome: a.outcome,
    completedAt: a.completedAt?.toISOString() ?? null,
    reminderMinutesBefore: a.reminderMinutesBefore,
    remindAt: a.remindAt?.toISOString() ?? null,
    reminderSentAt: a.reminderSentAt?.toISOString() ?? null,
    overdue: a.status === 'pending' && a.dueAt !== null && a.dueAt.getTime() < Date.now(),
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    version: a.version,
  };
}

export type ActivityView = ReturnType<typeof toActivityView>;

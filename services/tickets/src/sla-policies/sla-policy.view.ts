import type { SlaPolicy } from './sla-policy.entity.js';

export interface SlaPolicyView {
  id: string;
  name: string;
  priority: string;
  categoryId: string | null;
  calendarId: string | null;
  firstResponseMinutes: number;
  resolutionMinutes: number;
  warningPercent: number;
  raisePriorityOnBreach: boolean;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function toSlaPolicyView(policy: SlaPolicy): SlaPolicyView {
  return {
    id: policy.id,
    name: policy.name,
    priority: policy.priority,
    categoryId: policy.categoryId,
    calendarId: policy.calendarId,
    firstResponseMinutes: policy.firstResponseMinutes,
    resolutionMinutes: policy.resolutionMinutes,
    warningPercent: policy.warningPercent,
    raisePriorityOnBreach: policy.raisePriorityOnBreach,
    active: policy.active,
    version: policy.version,
    createdAt: policy.createdAt.toISOString(),
    updatedAt: policy.updatedAt.toISOString(),
  };
}

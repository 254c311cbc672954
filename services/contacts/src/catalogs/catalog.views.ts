import type { Interest } from './interest.entity.js';
import type { Source } from './source.entity.js';

export function toSourceView(source: Source) {
  return {
    id: source.id,
    name: source.name,
    notes: source.notes,
    channel: source.channel,
    cost: source.costAmount === null || source.costCurrency === null ? null : { amount: source.costAmount, currency: source.costCurrency },
    period: source.periodFrom === null || source.periodTo === null ? null : { from: source.periodFrom, to: source.periodTo },
    active: source.active,
    isDefault: source.isDefault,
    createdAt: source.createdAt.toISOString(),
    updatedAt: source.updatedAt.toISOString(),
    version: source.version,
  };
}

export type SourceView = ReturnType<typeof toSourceView>;

export function toInterestView(interest: Interest) {
  return {
    id: interest.id,
    name: interest.name,
    description: interest.description,
    active: interest.active,
    createdAt: interest.createdAt.toISOString(),
    updatedAt: interest.updatedAt.toISOString(),
    version: interest.version,
  };
}

export type InterestView = ReturnType<typeof toInterestView>;

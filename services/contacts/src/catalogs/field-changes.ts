import type { FieldChange } from '@crm/contracts';

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * Applies `patch` (only keys present and not undefined) to `target` and returns what changed,
 * old → new, in the order of `fields`.
 */
export function applyPatch<T extends object>(target: T, patch: Partial<Record<keyof T, unknown>>, fields: readonly (keyof T & string)[]): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of fields) {
    if (!(field in patch) || patch[field] === undefined) continue;
    const next = patch[field];
    if (same(target[field], next)) continue;
    changes.push({ field, from: target[field] ?? null, to: next ?? null });
    Object.assign(target, { [field]: next });
  }
  return changes;
}

import { CONTACT_LIFECYCLES, type ContactLifecycle, type FieldChange } from '@crm/contracts';

/**
 * The reporting projection of contacts as pure functions: what we know of one contact, how an
 * event changes it, and how a change moves the tenant's counters. No I/O, so it is unit-tested
 * on its own; the projector loads and stores the state around it.
 */

/** What reporting knows about one contact. Field versions are the contact's event versions. */
export interface ContactFactState {
  /** contacts.contact.created was seen: only then does the contact count. */
  created: boolean;
  /** Calendar day of creation in the reporting time zone (`YYYY-MM-DD`). */
  createdDay: string | null;
  lifecycle: ContactLifecycle | null;
  lifecycleVersion: number;
  ownerId: string | null;
  ownerVersion: number;
}

export const EMPTY_CONTACT_FACT: ContactFactState = Object.freeze({
  created: false,
  createdDay: null,
  lifecycle: null,
  lifecycleVersion: 0,
  ownerId: null,
  ownerVersion: 0,
});

/** Running totals per tenant. `key` is '' for plain totals, the lifecycle or the owner id otherwise. */
export type CounterMetric = 'total' | 'assigned' | 'lifecycle' | 'owner';

export interface CounterDelta {
  metric: CounterMetric;
  key: string;
  delta: number;
}

export interface DailyDelta {
  day: string;
  delta: number;
}

export interface FactTransition {
  next: ContactFactState;
  counters: CounterDelta[];
  daily: DailyDelta[];
}

export function isLifecycle(value: unknown): value is ContactLifecycle {
  return typeof value === 'string' && (CONTACT_LIFECYCLES as readonly string[]).includes(value);
}

/** contacts.contact.created: counts the contact once; fields already known from a newer event win. */
export function applyCreated(state: ContactFactState, created: { lifecycle: unknown; ownerId: string | null; version: number; createdDay: string }): ContactFactState {
  if (state.created) return state;
  const version = created.version;
  const takeLifecycle = version > state.lifecycleVersion || state.lifecycle === null;
  const takeOwner = version > state.ownerVersion;
  return {
    created: true,
    createdDay: created.createdDay,
    lifecycle: takeLifecycle && isLifecycle(created.lifecycle) ? created.lifecycle : state.lifecycle,
    lifecycleVersion: takeLifecycle ? Math.max(version, state.lifecycleVersion) : state.lifecycleVersion,
    ownerId: takeOwner ? (created.ownerId ?? null) : state.ownerId,
    ownerVersion: takeOwner ? version : state.ownerVersion,
  };
}

/** contacts.contact.assigned: the owner of a newer version replaces the one we have. */
export function applyAssigned(state: ContactFactState, assigned: { ownerId: string; version: number }): ContactFactState {
  if (assigned.version <= state.ownerVersion) return state;
  return { ...state, ownerId: assigned.ownerId, ownerVersion: assigned.version };
}

/** contacts.contact.updated: lifecycle and owner changes (`lifecycle`, `ownerId` fields), newest version wins. */
export function applyUpdated(state: ContactFactState, updated: { changes: readonly FieldChange[]; version: number }): ContactFactState {
  let next = state;
  for (const change of updated.changes ?? []) {
    if (change.field === 'lifecycle' && isLifecycle(change.to) && updated.version > next.lifecycleVersion) {
      next = { ...next, lifecycle: change.to, lifecycleVersion: updated.version };
    }
    if (change.field === 'ownerId' && (change.to === null || typeof change.to === 'string') && updated.version > next.ownerVersion) {
      next = { ...next, ownerId: change.to, ownerVersion: updated.version };
    }
  }
  return next;
}

/** What one contact adds to its tenant's counters (nothing until its creation was seen). */
export function contribution(state: ContactFactState): CounterDelta[] {
  if (!state.created) return [];
  const parts: CounterDelta[] = [{ metric: 'total', key: '', delta: 1 }];
  if (state.lifecycle) parts.push({ metric: 'lifecycle', key: state.lifecycle, delta: 1 });
  if (state.ownerId) {
    parts.push({ metric: 'assigned', key: '', delta: 1 });
    parts.push({ metric: 'owner', key: state.ownerId, delta: 1 });
  }
  return parts;
}

/**
 * Counter moves from `prev` to `next`: contribution(next) − contribution(prev), merged per
 * counter, zeros dropped, sorted (every transaction then locks counter rows in the same order).
 */
export function transition(prev: ContactFactState, next: ContactFactState): FactTransition {
  const merged = new Map<string, CounterDelta>();
  const add = (part: CounterDelta, sign: 1 | -1): void => {
    const id = `${part.metric}\u0000${part.key}`;
    const current = merged.get(id) ?? { metric: part.metric, key: part.key, delta: 0 };
    current.delta += sign * part.delta;
    merged.set(id, current);
  };
  for (const part of contribution(prev)) add(part, -1);
  for (const part of contribution(next)) add(part, 1);
  const counters = [...merged.values()].filter((part) => part.delta !== 0).sort((a, b) => (a.metric === b.metric ? a.key.localeCompare(b.key) : a.metric.localeCompare(b.metric)));
  const daily = !prev.created && next.created && next.createdDay ? [{ day: next.createdDay, delta: 1 }] : [];
  return { next, counters, daily };
}

export function sameFact(a: ContactFactState, b: ContactFactState): boolean {
  return (
    a.created === b.created &&
    a.createdDay === b.createdDay &&
    a.lifecycle === b.lifecycle &&
    a.lifecycleVersion === b.lifecycleVersion &&
    a.ownerId === b.ownerId &&
    a.ownerVersion === b.ownerVersion
  );
}

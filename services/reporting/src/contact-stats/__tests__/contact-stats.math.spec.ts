import { describe, expect, it } from '@jest/globals';
import { applyAssigned, applyCreated, applyUpdated, EMPTY_CONTACT_FACT, transition, type ContactFactState, type CounterDelta } from '../contact-stats.math.js';

const ANA = '11111111-1111-4111-8111-111111111111';
const LUIS = '22222222-2222-4222-8222-222222222222';

/** Runs a sequence of reducers from the empty fact and sums every counter move, like the DB would. */
function project(...steps: ((state: ContactFactState) => ContactFactState)[]): { state: ContactFactState; counters: Record<string, number>; daily: Record<string, number> } {
  let state = EMPTY_CONTACT_FACT;
  const counters: Record<string, number> = {};
  const daily: Record<string, number> = {};
  for (const step of steps) {
    const { next, counters: moves, daily: days } = transition(state, step(state));
    for (const move of moves) counters[`${move.metric}:${move.key}`] = (counters[`${move.metric}:${move.key}`] ?? 0) + move.delta;
    for (const day of days) daily[day.day] = (daily[day.day] ?? 0) + day.delta;
    state = next;
  }
  for (const key of Object.keys(counters)) if (counters[key] === 0) delete counters[key];
  return { state, counters, daily };
}

const created =
  (over: Partial<Parameters<typeof applyCreated>[1]> = {}) =>
  (s: ContactFactState) =>
    applyCreated(s, { lifecycle: 'prospect', ownerId: null, version: 1, createdDay: '2026-03-10', ...over });
const assigned = (ownerId: string, version: number) => (s: ContactFactState) => applyAssigned(s, { ownerId, version });
const updated =
  (version: number, ...changes: { field: string; from: unknown; to: unknown }[]) =>
  (s: ContactFactState) =>
    applyUpdated(s, { changes, version });

describe('contact stats projection', () => {
  it('counts a created contact once: total, lifecycle and its creation day', () => {
    const { counters, daily } = project(created());
    expect(counters).toEqual({ 'total:': 1, 'lifecycle:prospect': 1 });
    expect(daily).toEqual({ '2026-03-10': 1 });
  });

  it('does not count the same contact twice when its creation arrives again under another id', () => {
    const { counters, daily } = project(created(), created({ lifecycle: 'customer' }));
    expect(counters).toEqual({ 'total:': 1, 'lifecycle:prospect': 1 });
    expect(daily).toEqual({ '2026-03-10': 1 });
  });

  it('counts a contact created with an owner as assigned and under that owner', () => {
    const { counters } = project(created({ ownerId: ANA }));
    expect(counters).toEqual({ 'total:': 1, 'lifecycle:prospect': 1, 'assigned:': 1, [`owner:${ANA}`]: 1 });
  });

  it('moves an assignment: +1 assigned once, then only the owner counts move', () => {
    const first = project(created(), assigned(ANA, 2));
    expect(first.counters).toEqual({ 'total:': 1, 'lifecycle:prospect': 1, 'assigned:': 1, [`owner:${ANA}`]: 1 });
    const reassigned = project(created(), assigned(ANA, 2), assigned(LUIS, 3));
    expect(reassigned.counters).toEqual({ 'total:': 1, 'lifecycle:prospect': 1, 'assigned:': 1, [`owner:${LUIS}`]: 1 });
  });

  it('ignores an older assignment arriving late', () => {
    const { state, counters } = project(created(), assigned(LUIS, 3), assigned(ANA, 2));
    expect(state.ownerId).toBe(LUIS);
    expect(counters).toEqual({ 'total:': 1, 'lifecycle:prospect': 1, 'assigned:': 1, [`owner:${LUIS}`]: 1 });
  });

  it('keeps an assignment that arrived before the creation, and counts it when the contact is created', () => {
    const early = project(assigned(ANA, 2));
    expect(early.counters).toEqual({});
    expect(early.daily).toEqual({});
    const { state, counters } = project(assigned(ANA, 2), created());
    expect(state.ownerId).toBe(ANA);
    expect(counters).toEqual({ 'total:': 1, 'lifecycle:prospect': 1, 'assigned:': 1, [`owner:${ANA}`]: 1 });
  });

  it('moves lifecycle counts on an update, newest version only', () => {
    const { counters } = project(created(), updated(2, { field: 'lifecycle', from: 'prospect', to: 'customer' }), updated(2, { field: 'lifecycle', from: 'prospect', to: 'supplier' }));
    expect(counters).toEqual({ 'total:': 1, 'lifecycle:customer': 1 });
  });

  it('un-assigns when an update clears the owner', () => {
    const { counters } = project(created({ ownerId: ANA }), updated(2, { field: 'ownerId', from: ANA, to: null }));
    expect(counters).toEqual({ 'total:': 1, 'lifecycle:prospect': 1 });
  });

  it('ignores unknown lifecycles and unrelated fields', () => {
    const { counters } = project(created({ lifecycle: 'martian' }), updated(2, { field: 'email', from: null, to: 'a@b.co' }), updated(3, { field: 'lifecycle', from: null, to: 'alien' }));
    expect(counters).toEqual({ 'total:': 1 });
  });

  it('emits sorted, merged, non-zero deltas', () => {
    const prev = applyCreated(EMPTY_CONTACT_FACT, { lifecycle: 'prospect', ownerId: ANA, version: 1, createdDay: '2026-03-10' });
    const next = applyAssigned(prev, { ownerId: LUIS, version: 2 });
    const moves: CounterDelta[] = transition(prev, next).counters;
    expect(moves).toEqual([
      { metric: 'owner', key: ANA, delta: -1 },
      { metric: 'owner', key: LUIS, delta: 1 },
    ]);
    expect(transition(prev, prev)).toEqual({ next: prev, counters: [], daily: [] });
  });
});

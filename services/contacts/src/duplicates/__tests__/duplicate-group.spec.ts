import { describe, expect, it } from '@jest/globals';
import { nameGroups } from '../duplicate-group.js';

describe('nameGroups', () => {
  const seeds = [
    {
      id: 'a',
      name: 'jose perez',
      matches: [
        { id: 'b', score: 1 },
        { id: 'c', score: 0.7 },
      ],
    },
    { id: 'b', name: 'jose perez', matches: [{ id: 'c', score: 0.7 }] },
    { id: 'x', name: 'luis', matches: [] },
    { id: 'd', name: 'maria', matches: [{ id: 'e', score: 0.8 }] },
  ];

  it('groups each seed with its matches, skipping groups already inside an earlier one', () => {
    const { groups, lastSeed } = nameGroups(seeds, 10);
    expect(groups.map((g) => g.memberIds)).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e'],
    ]);
    expect(groups[0]).toMatchObject({ reason: 'name', similarity: 0.7, more: false });
    expect(lastSeed).toBe(3);
  });

  it('stops at the wanted number and says which seed it stopped at', () => {
    const { groups, lastSeed } = nameGroups(seeds, 1);
    expect(groups).toHaveLength(1);
    expect(lastSeed).toBe(0);
  });
});

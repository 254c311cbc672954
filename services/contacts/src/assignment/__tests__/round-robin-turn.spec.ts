import { describe, expect, it } from '@jest/globals';
import { nextInTurn } from '../round-robin-turn.js';

describe('nextInTurn', () => {
  it('goes round the members in order and starts over', () => {
    const members = ['a', 'b', 'c'];
    const turns: string[] = [];
    let last: string | null = null;
    for (let i = 0; i < 7; i++) {
      last = nextInTurn(members, last)!;
      turns.push(last);
    }
    expect(turns).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a']);
  });

  it('starts at the first member when the last one left, and has nobody for an empty team', () => {
    expect(nextInTurn(['a', 'b'], 'gone')).toBe('a');
    expect(nextInTurn([], null)).toBeUndefined();
  });
});

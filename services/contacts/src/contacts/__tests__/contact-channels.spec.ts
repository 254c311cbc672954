import { describe, expect, it } from '@jest/globals';
import { normaliseChannels, primaryOf } from '../contact-channels.js';

describe('normaliseChannels', () => {
  it('makes the first entry primary when none is marked, and lower-cases e-mails', () => {
    const result = normaliseChannels([{ value: 'Ana@Example.CO' }, { value: 'ana.casa@example.co', label: 'home' }], undefined, [], 'email');
    expect(result).toEqual([
      { value: 'ana@example.co', label: 'work', primary: true },
      { value: 'ana.casa@example.co', label: 'home', primary: false },
    ]);
  });

  it('keeps exactly one primary when several are marked', () => {
    const result = normaliseChannels(
      [
        { value: '+57 1', primary: true },
        { value: '+57 2', primary: true },
      ],
      undefined,
      [],
      'phone',
    );
    expect(result.filter((c) => c.primary)).toHaveLength(1);
    expect(primaryOf(result)).toBe('+57 1');
  });

  it('lets a single primary value win over the list, adding it if missing', () => {
    const current = [{ value: 'a@x.co', label: 'work', primary: true }];
    const result = normaliseChannels(undefined, 'B@x.co', current, 'email');
    expect(result).toEqual([
      { value: 'b@x.co', label: 'work', primary: true },
      { value: 'a@x.co', label: 'work', primary: false },
    ]);
  });

  it('drops repeats and blanks', () => {
    const result = normaliseChannels([{ value: 'a@x.co' }, { value: 'A@x.co ' }, { value: ' ' }], undefined, [], 'email');
    expect(result).toHaveLength(1);
    expect(primaryOf([])).toBeNull();
  });
});

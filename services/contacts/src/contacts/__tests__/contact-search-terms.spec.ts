import { describe, expect, it } from '@jest/globals';
import { containsPattern, foldText, searchTermsOf } from '../contact-search-terms.js';

describe('foldText', () => {
  it('lower-cases and drops accents the way contacts.fold_text does', () => {
    expect(foldText('José ÁLVAREZ Muñoz')).toBe('jose alvarez munoz');
    expect(foldText('Œuvre Straße')).toBe('oeuvre strasse');
  });
});

describe('searchTermsOf', () => {
  it('splits a name into words, any order', () => {
    expect(searchTermsOf('  Pérez   José ')).toEqual({ words: ['perez', 'jose'], compact: null });
  });

  it('offers the compact form of phones and tax ids written with separators', () => {
    expect(searchTermsOf('+57 300 123 4567')).toEqual({ words: ['+57', '300', '123', '4567'], compact: '573001234567' });
    expect(searchTermsOf('900.123.456-7')).toEqual({ words: ['900.123.456-7'], compact: '9001234567' });
  });

  it('does not repeat a word that is already compact', () => {
    expect(searchTermsOf('3001234567')).toEqual({ words: ['3001234567'], compact: null });
  });

  it('refuses a search without 3 characters in a row', () => {
    expect(searchTermsOf('a b c')).toBeNull();
    expect(searchTermsOf('ab cd')).toBeNull();
    expect(searchTermsOf('ab 12')).toEqual({ words: ['ab', '12'], compact: 'ab12' });
  });
});

describe('containsPattern', () => {
  it('takes LIKE wildcards literally', () => {
    expect(containsPattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
});

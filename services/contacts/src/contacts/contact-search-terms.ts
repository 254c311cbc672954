/**
 * How the search box's text becomes LIKE patterns over `contact.search_text`, which the database
 * keeps folded (lower case, no accents), with phones as digits and tax ids without punctuation.
 */

/** Letters NFKD does not decompose but unaccent() does (kept in step with contacts.fold_text). */
const SPECIAL_LETTERS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** "José ÁLVAREZ" → "jose alvarez": the same folding the database applies (unaccent + lower). */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (letter) => SPECIAL_LETTERS[letter] ?? letter);
}

export const MIN_SEARCH_LENGTH = 3;

export interface SearchTerms {
  /** Every word must appear somewhere (names, company, e-mails). */
  words: string[];
  /**
   * The text without punctuation or spaces ("+57 300-123 4567" → "573001234567",
   * "900.123.456-7" → "9001234567"), tried as an alternative when the text holds digits: phones
   * and tax ids are stored that way.
   */
  compact: string | null;
}

/**
 * The words of a search, or null when no word (nor the compact form) has the 3 characters a
 * trigram index needs ("a b c" would scan everything).
 */
export function searchTermsOf(q: string): SearchTerms | null {
  const folded = foldText(q).trim();
  const words = [...new Set(folded.split(/\s+/).filter(Boolean))];
  const compact = /\d/.test(folded) ? folded.replace(/[^\p{L}\p{N}]/gu, '') : '';
  const usableCompact = compact.length >= MIN_SEARCH_LENGTH && !(words.length === 1 && words[0] === compact) ? compact : null;
  if (!words.some((word) => word.length >= MIN_SEARCH_LENGTH) && !usableCompact) return null;
  return { words, compact: usableCompact };
}

/** `%text%` with LIKE's own wildcards (and the escape character) taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}
